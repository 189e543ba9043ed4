import { isSecretPrompt } from '../../../shared/parse/prompt-secrecy.js';
import { ANSI, isKnownTkeLine } from '../../../shared/parse/recognise.js';
import { redactCredentialText } from '../../../shared/security/credentials.js';
import * as tke from '../../../shared/tke/messages.js';

/** What replaces a secret, or a whole line that may hold one. */
export const REDACTED = '[redacted]';

/** Parts of a prompt that may sit between the prompt text and the answer: keep, stay watchful. */
const PROMPT_FILLER = [/^$/, /^.+ \([0-9A-Fa-f.…]+\)$/];

function isPrompt(text: string): boolean {
  return /^(Re-)?Enter\b/i.test(text) || text.endsWith(tke.CONFIRM_SUFFIX);
}

/** A question asking for a secret, by the same rule as the runner's masked field (prompt-secrecy.ts). */
function isPasswordPrompt(text: string): boolean {
  return (isPrompt(text) || text.endsWith(':') || text.endsWith('>')) && isSecretPrompt(text);
}

/** `Password> hunter2`: a secret question and an echoed answer on one line; the text before `>`. */
function inlineSecretQuestion(text: string): string | undefined {
  const m = /^([^>]{1,80})>\s*\S/.exec(text);
  return m?.[1] !== undefined && isSecretPrompt(m[1]) ? m[1] : undefined;
}

/**
 * Removes typed secrets from output lines before they reach the journal. Three rules: every
 * occurrence of a secret typed in this command becomes `[redacted]`, and so does the value of a
 * credential option or variable (`--apikey KEY`, `IBMCLOUD_API_KEY=...`); and after a password
 * prompt, lines that are not recognised TKE output are replaced whole until a recognised line or
 * the next prompt, in case a terminal echoed an answer the caller did not pass as a secret.
 */
export class OutputScrubber {
  #afterPasswordPrompt = false;

  /** Forgets prompt state; called when a new command starts. */
  reset(): void {
    this.#afterPasswordPrompt = false;
  }

  /** Opens the redaction window when the runner reports that it answered a password prompt. */
  notePasswordAnswered(): void {
    this.#afterPasswordPrompt = true;
  }

  /** Returns the line as it may be stored. */
  scrub(line: string, secrets: Iterable<string | Uint8Array> = []): string {
    let result = line;
    for (const secret of secrets) {
      const text = typeof secret === 'string' ? secret : Buffer.from(secret).toString('utf8');
      if (text.length > 0) result = result.split(text).join(REDACTED);
    }
    // A CLI that prints its own command line or usage error may repeat a credential typed there.
    result = redactCredentialText(result);
    // ANSI escapes are stripped only for recognition; the stored line keeps them.
    const plain = result.replace(ANSI, '').replace(/\r/g, '').trim();
    const question = inlineSecretQuestion(plain);
    if (question !== undefined) {
      this.#afterPasswordPrompt = false;
      return `${question.trim()}${tke.PROMPT_MARK}${REDACTED}`;
    }
    if (isPasswordPrompt(plain)) {
      this.#afterPasswordPrompt = true;
      return result;
    }
    if (isPrompt(plain)) {
      this.#afterPasswordPrompt = false;
      return result;
    }
    if (!this.#afterPasswordPrompt) return result;
    const mark = tke.PROMPT_MARK.trim();
    if (plain === mark || PROMPT_FILLER.some((re) => re.test(plain))) return result;
    if (plain.startsWith(mark)) {
      // An answer echoed after the prompt mark: the line holds nothing else worth keeping.
      this.#afterPasswordPrompt = false;
      return `${tke.PROMPT_MARK}${REDACTED}`;
    }
    if (isKnownTkeLine(plain)) {
      this.#afterPasswordPrompt = false;
      return result;
    }
    return REDACTED;
  }
}
