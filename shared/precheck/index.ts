/** Pre-check evaluator for the app's pre-check panel. */
export { evaluatePrechecks } from './evaluate.js';
export { fixesFor, type FixAdvice, type PrecheckFlow } from './fixes.js';
export * from './types.js';
export * from './plan.js';
export * from './checklist.js';
