/** Shared set-up for the screen component tests: both catalogues, English by default, sample data. */
import { addMessages, init, locale } from 'svelte-i18n';
import { MESSAGES } from '../../../renderer/src/lib/i18n/messages.js';

export async function setupMessages(): Promise<void> {
  addMessages('en', MESSAGES.en);
  addMessages('ja', MESSAGES.ja);
  init({ fallbackLocale: 'en', initialLocale: 'en' });
  await locale.set('en');
}

export { VP_A, VP_B, report, units } from '../../fixtures/precheck-report.js';
