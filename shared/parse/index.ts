/** TKE output parsers and the line recogniser (pure, shared by the app, the CLI and tests). */
export * from './assert-never.js';
export * from './command-line.js';
export * from './compare.js';
export * from './cryptounits.js';
export * from './decode.js';
export * from './listings.js';
export * from './normalise.js';
export * from './precheck-line.js';
export * from './recognise.js';
export * from './registers.js';
export { canon, normaliseVp, toLines, type ParserInput } from './table.js';
