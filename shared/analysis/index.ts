/** Pure helpers of "Analyse a failed run": capture lines, stated commands, imported-output redaction. */
export * from './captures.js';
export * from './redact.js';
export * from './stated-command.js';
export * from './types.js';
