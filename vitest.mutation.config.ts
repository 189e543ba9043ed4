import { defineConfig } from 'vitest/config';

// Only the unit tests that exercise the safety files Stryker mutates (stryker.config.mjs): a mutation
// run executes them hundreds of times, so nothing else belongs here. New tests of those files go here too.
export default defineConfig({
  test: {
    expect: { requireAssertions: true },
    // The tests that decide whether a mutant lives. Slow generic checks (property, large-transcript,
    // advisor-terminates, hostile-input) and tests of neighbouring code (key store, report content,
    // journal listing and scrubbing) are left out: each would run for hundreds of mutants.
    include: [
      'test/unit/backend/rotation/**/*.test.ts',
      'test/unit/backend/interlocks/**/*.test.ts',
      'test/unit/classifier/**/*.test.ts',
      'test/unit/backend/journal/{verify,verify-rules,rotation-journal,canonical}.test.ts',
      'test/unit/reports/{sign-verify,verifier-rules,verifier-details,cli-verify,canonical-layout}.test.ts',
    ],
    exclude: ['test/unit/classifier/{property,advisor-terminates,large-transcript,hostile-input}.test.ts'],
    environment: 'node',
  },
});
