/** Shared set-up for the console component tests: both catalogues, English by default. */
import { addMessages, init, locale } from 'svelte-i18n';
import { MESSAGES } from '../../../renderer/src/lib/i18n/messages.js';
import { withArgv, withRefusedArgv } from '../../../shared/classifier/commands.js';
import type { AdviceStep, Classification } from '../../../shared/classifier/types.js';

export async function setupMessages(): Promise<void> {
  addMessages('en', MESSAGES.en);
  addMessages('ja', MESSAGES.ja);
  init({ fallbackLocale: 'en', initialLocale: 'en' });
  await locale.set('en');
}

type Steps = { next?: readonly AdviceStep[]; forbidden?: readonly AdviceStep[] };

/**
 * A classification with the given fields over an empty base; its steps get the argv the classifier
 * gives them (shared/classifier/commands.ts).
 */
export function classification(
  partial: Omit<Partial<Classification>, 'next' | 'forbidden'> & Steps & Pick<Classification, 'phase'>,
): Classification {
  const { next = [], forbidden = [], ...rest } = partial;
  return {
    flow: 'auto',
    evidence: [],
    unitsToDeselect: [],
    failedChecks: [],
    ...rest,
    next: next.map(withArgv),
    forbidden: forbidden.map(withRefusedArgv),
  };
}
