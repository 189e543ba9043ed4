import { defineConfig } from 'vitest/config';

// Only the unit tests that exercise the safety files Stryker mutates (stryker.config.mjs): a mutation
// run executes them hundreds of times, so nothing else belongs here.
export default defineConfig({
  test: {
    expect: { requireAssertions: true },
    include: [
      'test/unit/classifier/**/*.test.ts',
      'test/unit/backend/journal/**/*.test.ts',
      'test/unit/backend/rotation/**/*.test.ts',
      'test/unit/reports/**/*.test.ts',
    ],
    environment: 'node',
  },
});
