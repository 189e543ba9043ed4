import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

/**
 * Test files that replace modules (vi.mock) get a fresh module registry each; every other unit and
 * component file shares its worker's registry (isolate: false), which cuts the suite's CPU time by
 * two thirds (most of it was importing the same modules again per file). Spies, stubbed variables
 * and globals are restored after each test (below), so nothing one file does reaches the next.
 */
const MOCKING_UNIT = [
  'test/unit/backend/keyfiles/zeroing.test.ts',
  'test/unit/foundation/main-process.test.ts',
  'test/unit/foundation/preload.test.ts',
];
const MOCKING_COMPONENT = ['test/component/reports/export-form.test.ts'];
/** A project of Svelte component tests in jsdom. */
/** Installed in every project: byte arrays compare by their bytes (test/setup/bytes-equality.ts). */
const BYTES_EQUALITY = 'test/setup/bytes-equality.ts';

function componentProject(
  name: string,
  files: { include: string[]; exclude?: string[] },
  isolate: boolean,
): TestProjectInlineConfiguration {
  return {
    extends: true,
    plugins: [svelte(), svelteTesting()],
    test: { name, ...files, environment: 'jsdom', setupFiles: [BYTES_EQUALITY, 'test/component/setup.ts'], isolate },
  };
}

export default defineConfig({
  test: {
    expect: { requireAssertions: true },
    // No test may depend on the machine's speed: limits are sized for a busy 2-core machine with a
    // CPU hog beside the suite, never as a performance check (npm run bench measures speed).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two workers on the two cores (the default leaves one core idle).
    maxWorkers: 2,
    restoreMocks: true,
    unstubEnvs: true,
    unstubGlobals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: MOCKING_UNIT,
          environment: 'node',
          setupFiles: [BYTES_EQUALITY],
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'unit-mocking', include: MOCKING_UNIT, environment: 'node', setupFiles: [BYTES_EQUALITY] },
      },
      componentProject('component', { include: ['test/component/**/*.test.ts'], exclude: MOCKING_COMPONENT }, false),
      componentProject('component-mocking', { include: MOCKING_COMPONENT }, true),
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: [BYTES_EQUALITY],
          // Bundles the child processes that run the built backend, once (test/integration/child-bundle.ts).
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: true,
          // Four files at a time on the two cores: these files spend much of their time waiting on child
          // processes (the simulator under a pty, the backend killed and restarted, fsync), and two at a
          // time left that waiting unfilled. The run took 191 s with two, 174 with three, 165 with four.
          maxWorkers: 4,
          // As the unit files: the files share their worker's modules instead of importing the backend
          // again each (about 20 s of import and a worker start per file). None replaces a module, and
          // a helper that keeps state keeps it per call (rotation/crash-campaign.ts).
          isolate: false,
        },
      },
    ],
  },
});
