/**
 * The integration tests' child processes that run the built backend (crash-child.mjs,
 * journal-writer-child.mjs) start from one bundle, built once per run (global-setup.ts). A crash
 * campaign file starts 40-45 of them and the journal crash test 60, and a child run from its .mjs
 * file spent most of its start in Node's ES module loader reading tsc's output in dist/electron and
 * zod's own modules one by one (about 0.35 CPU s beyond a bare Node; bundled, 0.13 s). The bundle
 * is made from the same built dist/ files, so a child still runs the compiled code as the packaged
 * app does, and require-built.ts still refuses a stale dist/.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './require-built.js';

/** Where the bundle goes (gitignored with node_modules; rebuilt from scratch on every run). */
export const CHILD_BUNDLE_DIR = join(ROOT, 'node_modules', '.cache', 'mkra-test-children');

/** Each bundled child: its name in the bundle, and its source relative to the root. */
export const CHILD_SOURCES = {
  'crash-child': 'test/integration/rotation/crash-child.mjs',
  'journal-writer-child': 'test/integration/journal/journal-writer-child.mjs',
} as const;

/** The bundled child `name`, to run with `node`: throws, saying why, if the bundle is not there. */
export function bundledChild(name: keyof typeof CHILD_SOURCES): string {
  const path = join(CHILD_BUNDLE_DIR, `${name}.js`);
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: the integration project's globalSetup (test/integration/global-setup.ts) builds it ` +
        'from dist/ (npm run build:node first); run the tests with vitest --project integration.',
    );
  }
  return path;
}
