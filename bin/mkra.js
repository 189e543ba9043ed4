#!/usr/bin/env node
// Launcher: the CLI is compiled TypeScript in dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/electron/cli/mkra-main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('mkra: the app is not built yet: run npm run build (or npm install) first\n');
  process.exit(2);
}
await import(entry.href);
