/**
 * The key storage the Training screen is about: the training simulator's, of the scenario being
 * played or last played. The header shows it while the Training screen is open, so that the header
 * and the page show one count of keys lost (the backend's `run.keystore`), never the demo
 * simulator's beside the scenario's.
 */
import type { KeystoreView } from '../../../../shared/training/view.js';

export const shownKeystore = $state<{ training: KeystoreView | null }>({ training: null });
