/**
 * The answer the console recommends at a yes/no prompt, and why, derived only from which prompt it
 * is (its exact text in shared/tke/messages.ts or the screen catalogue) and what the app knows of
 * the rotation; null when the app has no grounds to recommend either answer.
 */
import type { Phase } from '../../../../shared/classifier/types.js';
import { FAILOVER_SCREEN } from '../../../../shared/tke/catalogue-screens.js';
import { ROTATE_PRECHECK_CONFIRM, SETIMM_CONFIRM } from '../../../../shared/tke/messages.js';

export interface PromptAdvice {
  /** The recommended answer, or null when the app explains the choice without recommending one. */
  answer: 'y' | 'n' | null;
  /** The message id (prompt.recommend.*) of the factual reason. */
  reason: 'precheck' | 'setimmChecked' | 'setimmUnchecked' | 'failover';
}

/** Phases in which the backend reads the registers and checks them before setimm starts (interlocks.ts). */
const SETIMM_CHECKED: readonly Phase[] = ['rewrap-complete', 'partially-promoted'];

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function promptAdvice(command: string, text: string, phase: Phase | null): PromptAdvice | null {
  if (same(text, ROTATE_PRECHECK_CONFIRM)) return { answer: 'y', reason: 'precheck' };
  if (same(text, SETIMM_CONFIRM) && / cryptounit-mk-setimm\b/.test(command)) {
    return phase !== null && SETIMM_CHECKED.includes(phase)
      ? { answer: 'y', reason: 'setimmChecked' }
      : { answer: null, reason: 'setimmUnchecked' };
  }
  if (same(text, FAILOVER_SCREEN.confirm.text)) return { answer: null, reason: 'failover' };
  return null;
}
