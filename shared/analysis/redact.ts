/**
 * Imported output is what the administrator's terminal showed, so it holds no password the TKE CLI
 * echoed. A password typed where it did not belong can still be there: after a password prompt,
 * text on the prompt line (`> ...`) that is neither a question nor TKE output is replaced before
 * it reaches the journal.
 */
import { recogniseLine } from '../parse/recognise.js';

export const IMPORT_REDACTED = '[redacted]';

/** Replace likely typed secrets in cleaned capture lines; line count and order are unchanged. */
export function redactTypedSecrets(lines: readonly string[]): string[] {
  let afterPassword = false;
  return lines.map((line) => {
    const text = line.trim();
    const r = recogniseLine(text);
    if (r.prompt !== undefined) {
      afterPassword = r.prompt.kind === 'password';
      return line;
    }
    if (!afterPassword) return line;
    if (!text.startsWith('>')) {
      // The key identity line (`admin1 (3c0f...)`) sits between the prompt and its mark.
      if (!/^\S+ \([0-9A-Fa-f.…]+\)$/.test(text) && text !== '') afterPassword = false;
      return line;
    }
    const rest = text.replace(/^>\s?/, '').trim();
    if (rest === '') return line;
    const after = recogniseLine(rest);
    if (after.prompt !== undefined) {
      afterPassword = after.prompt.kind === 'password';
      return line;
    }
    afterPassword = false;
    return after.milestone !== undefined || after.event !== undefined ? line : `> ${IMPORT_REDACTED}`;
  });
}
