/**
 * docs/tke-commands.md carries the app's command table as generated from shared/tke/commands.ts:
 * this fails while the two differ (regenerate with `npm run build:node && node scripts/gen-command-docs.js`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandTableMarkdown, DOC_END, DOC_START, withCommandTable } from '../../../shared/tke/command-docs.js';
import { TKE_COMMANDS } from '../../../shared/tke/commands.js';

const doc = readFileSync(new URL('../../../docs/tke-commands.md', import.meta.url), 'utf8');

describe('the command table in docs/tke-commands.md', () => {
  it('equals the table in shared/tke/commands.ts', () => {
    const lines = doc.split('\n');
    const section = lines.slice(lines.indexOf(DOC_START), lines.indexOf(DOC_END) + 1);
    expect(section).toEqual(commandTableMarkdown());
    expect(withCommandTable(doc)).toBe(doc);
  });

  it('renders one row per command, with the class, the flows and the destructive conditions', () => {
    const rows = commandTableMarkdown().slice(3, -1);
    expect(rows).toHaveLength(TKE_COMMANDS.length);
    expect(rows).toContain(
      '| `cryptounit-mk-setimm` |  | mutating | both | runs, offered | yes | before-M2 (setimmBeforeM2); indeterminate; runs after a fresh register reading once only promotion remains |',
    );
    expect(rows).toContain('| `cryptounit-mk` | `cryptounit-mks` | read-only | both | runs, offered | no |  |');
    expect(rows.find((r) => r.startsWith('| `auto-mk-recover` '))).toContain('`auto-recover` (refused)');
    expect(rows.find((r) => r.startsWith('| `help` '))).toBe('| `help` | `h` | read-only | none | refused | no |  |');
    expect(rows.find((r) => r.startsWith('| `mks` '))).toContain('| runs |');
  });

  it('refuses to rewrite a document without the markers', () => {
    expect(() => withCommandTable('# no table here')).toThrow(/no generated command table section/);
  });
});
