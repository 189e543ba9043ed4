/** Shared set-up for the console component tests: both catalogues, English by default. */
import { addMessages, init, locale } from 'svelte-i18n';
import { MESSAGES } from '../../../renderer/src/lib/i18n/messages.js';
import type { Classification } from '../../../shared/classifier/types.js';

export async function setupMessages(): Promise<void> {
  addMessages('en', MESSAGES.en);
  addMessages('ja', MESSAGES.ja);
  init({ fallbackLocale: 'en', initialLocale: 'en' });
  await locale.set('en');
}

/** A classification with the given fields over an empty base. */
export function classification(partial: Partial<Classification> & Pick<Classification, 'phase'>): Classification {
  return { flow: 'auto', next: [], forbidden: [], evidence: [], unitsToDeselect: [], failedChecks: [], ...partial };
}
