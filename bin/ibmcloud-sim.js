#!/usr/bin/env node
// Launcher: the simulator is bundled TypeScript in dist/bin (vite.cli.config.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/bin/ibmcloud-sim.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('ibmcloud-sim: the simulator is not built yet: run npm run build first\n');
  process.exit(2);
}
await import(entry.href);
