#!/usr/bin/env node
// Launcher: the CLI is bundled TypeScript in dist/bin (vite.cli.config.ts), an ES module.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const entry = join(__dirname, '..', 'dist', 'bin', 'mkra.js');
if (!existsSync(entry)) {
  process.stderr.write('mkra: the app is not built yet: run npm run build (or npm install) first\n');
  process.exit(2);
}
import(pathToFileURL(entry).href);
