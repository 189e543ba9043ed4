/**
 * Imported output is what the administrator's terminal showed. Secrets can still be in it: a
 * credential typed on a command line (`ibmcloud login --apikey KEY`, `-p PASS`,
 * `IBMCLOUD_API_KEY=... ibmcloud ...`), or an answer typed where it did not belong after a password
 * prompt. Both are replaced as soon as the capture is decoded, before anything is classified,
 * shown or journaled; the original file's SHA-256 is taken from its bytes before that.
 */
import { isSecretPrompt } from '../parse/prompt-secrecy.js';
import { recogniseLine } from '../parse/recognise.js';
import { redactCredentialText } from '../security/credentials.js';

export const IMPORT_REDACTED = '[redacted]';

/** `Password> hunter2` (a question and its echoed answer on one line): the text before `>`. */
function inlineSecretQuestion(text: string): string | undefined {
  const m = /^([^>]{1,80})>\s*\S/.exec(text);
  return m?.[1] !== undefined && isSecretPrompt(m[1]) ? m[1] : undefined;
}

/** Replace likely typed secrets in cleaned capture lines; line count and order are unchanged. */
export function redactTypedSecrets(lines: readonly string[]): string[] {
  let afterPassword = false;
  return lines.map((line) => {
    const text = line.trim();
    const question = inlineSecretQuestion(text);
    if (question !== undefined) {
      afterPassword = false;
      return `${question.trimEnd()}> ${IMPORT_REDACTED}`;
    }
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

/** Every secret redaction of imported lines: credentials on command lines, then typed answers. */
export function redactCapturedSecrets(lines: readonly string[]): string[] {
  return redactTypedSecrets(lines.map(redactCredentialText));
}
