/**
 * The command the administrator says they ran, for output whose command line was not captured
 * (scrolled away, or copied from the middle of a terminal). It is put in front of the first file
 * as an extra line so the classifier knows what printed the output, and evidence line numbers are
 * shifted back afterwards, so `file:N` still means line N of the original file (0: the stated line).
 */
import type { Classification, TranscriptInput } from '../classifier/types.js';
import { normaliseText } from '../parse/normalise.js';
import { recogniseLine } from '../parse/recognise.js';
import type { StatedCommand } from './types.js';

/** How the stated command appears as the first line of the transcript the classifier reads. */
export function statedCommandLine(command: StatedCommand): string | undefined {
  return command === 'other' ? undefined : `$ ibmcloud tke ${command}`;
}

/** True when the output shows TKE output before (or without) any command line. */
export function lacksCommandLine(lines: readonly string[]): boolean {
  for (const { text } of normaliseText(lines.join('\n'))) {
    const r = recogniseLine(text);
    if (r.event?.kind === 'command') return false;
    if (r.milestone !== undefined || (r.event !== undefined && r.event.kind !== 'prompt-mark')) return true;
  }
  return true;
}

/** One imported file as the classifier reads it; `commandLine` is put in front when given. */
export function importedTranscript(
  name: string,
  lines: readonly string[],
  commandLine: string | undefined,
): TranscriptInput {
  return { file: name, text: commandLine === undefined ? lines.join('\n') : [commandLine, ...lines].join('\n') };
}

/**
 * Shift evidence of files that had a stated command line back to the original numbering; the
 * stated line itself becomes line 0 and says where it came from.
 */
export function unshiftEvidence(c: Classification, statedFiles: ReadonlySet<string>): Classification {
  if (statedFiles.size === 0) return c;
  const evidence = c.evidence.map((e) => {
    if (!statedFiles.has(e.file) || e.line < 1) return e;
    if (e.line === 1)
      return { file: e.file, line: 0, text: `${e.text.replace(/^\$\s*/, '')} (command stated by the administrator)` };
    return { ...e, line: e.line - 1 };
  });
  return { ...c, evidence };
}
