#!/usr/bin/env node
// Launcher: the simulator is compiled TypeScript in dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/electron/cli/ibmcloud-sim.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('ibmcloud-sim: the simulator is not built yet: run npm run build first\n');
  process.exit(2);
}
const { runCli } = await import(entry.href);
await runCli();
