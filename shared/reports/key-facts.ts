/**
 * The key facts a PDF shows in plain ASCII (docs/reports.md). `mkra verify` prints the same lines
 * when it cannot check a PDF's pages, so a reader can compare them with what the pages show.
 */
import type { ReportMode, SignedPayload } from './content-schema.js';

/** Longest key-fact line; longer values continue on the next line so nothing runs off the page. */
export const KEY_FACT_WIDTH = 100;

/** Words that leave no doubt whether a report describes a real rotation. */
export function modeBanner(mode: ReportMode): string {
  switch (mode) {
    case 'live':
      return 'LIVE';
    case 'demo':
      return 'DEMO - simulator, no real crypto unit was touched';
    case 'training':
      return 'TRAINING - simulator, no real crypto unit was touched';
  }
}

/** Makes text printable ASCII: the key facts are drawn with a standard PDF font that has no other glyphs. */
export function asciiOnly(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x20 && code < 0x7f) out += char;
    else out += code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return out;
}

function wrap(text: string): string[] {
  const lines: string[] = [];
  for (let start = 0; start < text.length; start += KEY_FACT_WIDTH) lines.push(text.slice(start, start + KEY_FACT_WIDTH));
  return lines.length > 0 ? lines : [''];
}

/** The key-fact lines of a signed payload: what it says happened and who signed it. */
export function keyFactLines(content: SignedPayload): string[] {
  const { reportKey, coSigner, pdfRenderer } = content.signing;
  const facts = [
    `Rotation ID: ${content.rotationId}`,
    `Instance ID: ${content.instanceId ?? '(not recorded)'}`,
    `Mode: ${modeBanner(content.mode)}`,
    `Outcome: ${content.outcome ?? 'unfinished (no rotation-finished entry)'}`,
    `Journal entries: ${content.journal.entryCount}, verification: ${content.journal.status}`,
    `Journal final hash: ${content.journal.finalHash}`,
    `Report key fingerprint: ${reportKey}`,
    `Administrator co-signature SKI: ${coSigner ? coSigner.ski : '(not co-signed)'}`,
    `PDF renderer: ${pdfRenderer}`,
  ];
  return facts.flatMap((fact) => wrap(asciiOnly(fact)));
}
