/**
 * The key facts a PDF shows in plain ASCII and `mkra verify` reads back from the page content
 * (docs/reports.md): the renderer and the verifier both call keyFactLines, so they cannot drift.
 */
import type { ReportContent, ReportMode } from './content-schema.js';

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

/** The key-fact lines for a report signed by the key with this fingerprint (and admin SKI, if co-signed). */
export function keyFactLines(content: ReportContent, signerFingerprint: string, adminSki?: string): string[] {
  const facts = [
    `Rotation ID: ${content.rotationId}`,
    `Instance ID: ${content.instanceId ?? '(not recorded)'}`,
    `Mode: ${modeBanner(content.mode)}`,
    `Outcome: ${content.outcome ?? 'unfinished (no rotation-finished entry)'}`,
    `Journal entries: ${content.journal.entryCount}, verification: ${content.journal.status}`,
    `Journal final hash: ${content.journal.finalHash}`,
    `Report key fingerprint: ${signerFingerprint}`,
    ...(adminSki === undefined ? [] : [`Administrator co-signature SKI: ${adminSki}`]),
  ];
  return facts.flatMap((fact) => wrap(asciiOnly(fact)));
}
