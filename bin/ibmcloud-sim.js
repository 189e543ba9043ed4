#!/usr/bin/env node
// Launcher: the simulator is bundled TypeScript in dist/bin (vite.sim.config.ts), compiled with its
// code cache (cached-script.js).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { loadBundle } = require('./cached-script.js');

const bundle = join(__dirname, '..', 'dist', 'bin', 'ibmcloud-sim.cjs');
if (!existsSync(bundle)) {
  process.stderr.write('ibmcloud-sim: the simulator is not built yet: run npm run build first\n');
  process.exit(2);
}
loadBundle(bundle).exports.runCli();
