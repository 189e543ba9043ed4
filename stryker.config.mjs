// Mutation testing of the safety files (docs/security.md, "Mutation testing"). `npm run mutation` runs
// Stryker alone; `npm run test:mutation` (part of npm test) runs it and holds each file to its floor.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  mutate: [
    'electron/backend/rotation/interlocks.ts',
    'shared/classifier/decide.ts',
    'shared/classifier/level-advice.ts',
    'shared/classifier/recover-advice.ts',
    'shared/classifier/forbidden.ts',
    'shared/classifier/failures.ts',
    'shared/classifier/self-check.ts',
    'electron/backend/journal/verify.ts',
    'electron/backend/reports/verify-signed.ts',
    'electron/backend/reports/signers.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 60_000,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  // scripts/mutation-gate.js (npm run test:mutation, in npm test) holds each file to its floor.
  thresholds: { high: 100, low: 95, break: null },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  // The sandbox needs the sources and the unit tests only (leading slash: the repository root's folder).
  ignorePatterns: [
    '/dist',
    '/out',
    '/release',
    '/test-results',
    '/playwright-report',
    '/bench-results',
    '/reports',
    '/renderer',
    '/build',
    '/test/e2e',
    '/test/integration',
    '/test/component',
  ],
  cleanTempDir: 'always',
};
