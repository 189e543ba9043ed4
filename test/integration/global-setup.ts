/**
 * Global setup of the integration project: bundles the child processes that run the built backend
 * (child-bundle.ts says why) with vite, once, before any test file starts. It bundles what dist/
 * holds, and never builds dist/ itself (require-built.ts): when dist/ is missing it builds nothing,
 * and the tests that need it say what to run.
 */
import { existsSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'vite';
import { CHILD_BUNDLE_DIR, CHILD_SOURCES } from './child-bundle.js';
import { ROOT } from './require-built.js';

/** The built modules the children import (when one is missing, the tests report it, not this). */
const BUILT = ['dist/electron/backend/rotation/rotation-service.js', 'dist/electron/backend/journal/index.js'];

/**
 * Each of the project's own modules keeps its own `import.meta.url` (and dirname, filename) inside
 * the bundle: the children find the helper files beside them (sim-lockstep.mjs,
 * sim-survives-hangup.mjs, preloaded into the simulators as files), and the backend finds the
 * project root and its font as it does from dist/.
 */
function ownLocation(): Plugin {
  return {
    name: 'mkra-own-import-meta-location',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      const inProject = !relative(ROOT, file).startsWith('..') && !file.includes('/node_modules/');
      if (!inProject || !code.includes('import.meta.')) return null;
      const values = { url: pathToFileURL(file).href, filename: file, dirname: join(file, '..') };
      const replaced = code.replace(/\bimport\.meta\.(url|filename|dirname)\b/g, (_, key: keyof typeof values) =>
        JSON.stringify(values[key]),
      );
      return { code: replaced, map: null };
    },
  };
}

/** One child (its own bundle, so that it evaluates only the modules it imported from its file). */
async function bundle(name: string, source: string): Promise<void> {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    plugins: [ownLocation()],
    build: {
      ssr: true,
      outDir: CHILD_BUNDLE_DIR,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      copyPublicDir: false,
      rollupOptions: {
        input: { [name]: join(ROOT, source) },
        // As vite.cli.config.ts: node-pty is a native addon; everything else is bundled.
        external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node-pty', 'electron'],
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: `chunks/${name}-[name]-[hash].js` },
      },
    },
    ssr: { noExternal: true },
  });
}

export default async function setup(): Promise<void> {
  rmSync(CHILD_BUNDLE_DIR, { recursive: true, force: true });
  if (!BUILT.every((file) => existsSync(join(ROOT, file)))) return;
  for (const [name, source] of Object.entries(CHILD_SOURCES)) {
    try {
      await bundle(name, source);
    } catch (error) {
      throw new Error(`Bundling ${source} into ${CHILD_BUNDLE_DIR} for the integration tests failed`, { cause: error });
    }
  }
}
