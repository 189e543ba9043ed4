/**
 * The fixed names the analysis cites its sources by, in evidence, the journal and the report. They
 * are identifiers, not prose: the renderer shows each under a label in the UI language
 * (renderer/src/lib/analysis/source-label.ts) and never translates anything else by its English.
 */

/** The name a pasted terminal output is cited by (`pasted output:14`). */
export const PASTE_NAME = 'pasted output';

/** The name the app's own register reading (`ibmcloud tke cryptounit-mks`) is cited by. */
export const APP_READING_NAME = 'ibmcloud tke cryptounit-mks (read by the app)';
