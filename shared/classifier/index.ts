/** State classifier: from rotation transcripts (and registers) to the one correct next action. */
export { classify } from './classify.js';
export * from './commands.js';
export { formatClassification } from './format-text.js';
export { parseRegistersInput, type RegistersInputResult } from './registers-input.js';
export { describeUnit, shortVp } from './describe.js';
export * from './types.js';
