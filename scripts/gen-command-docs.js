// Write the app's command table (shared/tke/commands.ts) into docs/tke-commands.md, between its
// markers. It reads the compiled table: run `npm run build:node` first. The unit test
// test/unit/tke/command-docs.test.ts fails while the document and the table differ.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const compiled = new URL('../dist/shared/tke/command-docs.js', import.meta.url);
const doc = new URL('../docs/tke-commands.md', import.meta.url);
if (!existsSync(compiled)) {
  console.error('gen-command-docs: dist/ is not built; run npm run build:node first');
  process.exit(1);
}
const { withCommandTable } = await import(compiled.href);
const before = readFileSync(doc, 'utf8');
const after = withCommandTable(before);
if (after === before) {
  console.log('docs/tke-commands.md: the command table is up to date');
} else {
  writeFileSync(doc, after);
  console.log('docs/tke-commands.md: command table rewritten');
}
