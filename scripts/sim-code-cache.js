// The simulator's code cache (bin/cached-script.js): compile dist/bin/ibmcloud-sim.cjs, run its top
// level as a start does (definitions and the zod schemas; no command runs), and write what V8
// compiled beside it. Part of npm run build:node, after the bundle is made.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCachePath, loadBundle } from '../bin/cached-script.js';

const bundle = fileURLToPath(new URL('../dist/bin/ibmcloud-sim.cjs', import.meta.url));
// Caches of earlier bundles are never read again (named by their bundle's size and time): remove them.
for (const name of readdirSync(dirname(bundle))) {
  if (name.startsWith(`${basename(bundle)}.`) && name.endsWith('.code-cache')) rmSync(join(dirname(bundle), name));
}
const { script } = loadBundle(bundle);
const cache = script.createCachedData();
writeFileSync(codeCachePath(bundle), cache);
console.log(`sim-code-cache: ${cache.length} bytes for ${basename(bundle)}`);
