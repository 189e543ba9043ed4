/**
 * Whether a prompt asks for a secret. The decision fails safe: a prompt that mentions any of the
 * secret words is secret (masked field, answer never journaled) unless it is on the short list of
 * prompts known to ask for something else. A prompt the CLI rephrases later stays secret until a
 * person adds it to the list, instead of its answer being journaled and reported in clear.
 */
import { INFERRED_LINES } from '../tke/catalogue-inferred.js';
import { MKPART_COUNT_PROMPT, MKPART_DESCRIPTION_PROMPT, MKPART_SELECT_PROMPT } from '../tke/messages.js';

/** Mentioning any of these makes a prompt secret (matched on the prompt text, any casing). */
export const SECRET_PROMPT_WORDS: readonly RegExp[] = [
  /pass\s?words?/i,
  /passwd/i,
  /pass\s?phrases?/i,
  /pass\s?codes?/i,
  /\bpins?\b/i,
  /\bapi[\s_-]?keys?\b/i,
  /\bkey[\s_-]?parts?\b/i,
  /\bprivate[\s_-]?keys?\b/i,
  /\bsecrets?\b/i,
  /\btokens?\b/i,
];

/**
 * Prompts that mention a secret word but ask for something that is not secret, each for a reason:
 * the KEYNUM prompts select key parts by their numbers (to load, to remove), the count prompt asks
 * 2 or 3, and the description is the label `mks` lists to everyone.
 */
export const NOT_SECRET_PROMPTS: readonly string[] = [
  MKPART_SELECT_PROMPT,
  INFERRED_LINES.mkRmPrompt.text,
  MKPART_COUNT_PROMPT,
  MKPART_DESCRIPTION_PROMPT,
];

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\s*>$/, '').trim().toLowerCase();
}

const NOT_SECRET = new Set(NOT_SECRET_PROMPTS.map(normalise));

/** True when some secret word occurs in the text (no exemptions: for lines that are not prompts). */
export function mentionsSecret(text: string): boolean {
  return SECRET_PROMPT_WORDS.some((word) => word.test(text));
}

/** True when the answer to this prompt text must be treated as a secret. */
export function isSecretPrompt(text: string): boolean {
  return mentionsSecret(text) && !NOT_SECRET.has(normalise(text));
}
