#!/usr/bin/env node
// Launcher: the CLI is bundled TypeScript in dist/bin (vite.cli.config.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/bin/mkra.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('mkra: the app is not built yet: run npm run build (or npm install) first\n');
  process.exit(2);
}
await import(entry.href);
