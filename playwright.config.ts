import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Debian's chromium-headless-shell (the old headless mode as its own binary) renders the same Blink
// without the full browser's UI and GPU processes: it takes about a third less CPU per test than
// /usr/bin/chromium on this 2-core machine, so the suite uses it when installed (.ci/run installs it).
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
const browser = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');

// End-to-end tests run the real `mkra serve --demo` (started per test by test/e2e/fixtures.ts)
// in Debian's Chromium; Playwright never downloads a browser here.
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e-artifacts',
  // Each test starts its own `mkra serve --demo` with its own data directory (fixtures.ts), so tests
  // share nothing and run two at a time: most of a test is waiting on the simulator, not the CPU.
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Every wait is on a real simulator-backed action: generous limits so a busy machine slows the
  // suite down without failing it (no test measures speed).
  timeout: 600_000,
  expect: { timeout: 60_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: browser,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
        '--disable-gpu',
      ],
    },
    // No trace while recording: its screencast took about half of Chromium's CPU per test and its DOM
    // snapshots another few per cent, on a CPU-bound suite. A failed test keeps a screenshot and
    // Playwright's error context (the page's accessibility snapshot); `npx playwright test <file>
    // --trace on` records a full trace when one is needed.
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
