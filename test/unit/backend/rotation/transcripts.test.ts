// The classifier's input rebuilt from a journal: a command the app lost (started, never seen to
// finish, because the app died while it ran) counts as unfinished whatever it printed, so the
// restarted app reads the registers before anything else.
import { describe, expect, it } from 'vitest';
import { classify } from '../../../../shared/classifier/index.js';
import type { JournalEntry } from '../../../../electron/backend/journal/index.js';
import { classifyInputFromJournal } from '../../../../electron/backend/rotation/transcripts.js';
import { header, OLD_VP } from '../../classifier/tke-text.js';

const READ = 'ibmcloud tke cryptounit-mk';
const ROTATE = 'ibmcloud tke cryptounit-mk-rotate';

type Input = { kind: JournalEntry['kind']; data: unknown };
const journal = (inputs: Input[]): JournalEntry[] =>
  inputs.map((e, i) => {
    const chain = { seq: i + 1, time: '2026-11-28T20:15:00.000Z', prev: '0'.repeat(64), hash: '0'.repeat(64) };
    return { ...e, ...chain } as JournalEntry;
  });
const command = (sub: string, lines: string[], exitCode?: number): Input[] => [
  { kind: 'command-started', data: { argv: ['tke', sub], mode: 'demo' } },
  ...[...header(), ...lines].map((line) => ({ kind: 'output' as const, data: { line, stream: 'pty' } })),
  ...(exitCode === undefined ? [] : [{ kind: 'command-finished' as const, data: { exitCode } }]),
];
const loaded = command('cryptounit-mk-load', ['OK'], 0);
const next = (entries: JournalEntry[]): string[] =>
  classify(classifyInputFromJournal(entries, 'keyparts')).next.map((n) => n.command);

describe('a command the app lost with its own death', () => {
  it('a commit whose OK was journaled but whose end the app never saw: read the registers first', () => {
    expect(next(journal([...loaded, ...command('cryptounit-mk-commit', ['OK'])]))).toEqual([READ]);
  });

  it('the same commit seen to exit: rotate next, no reading needed', () => {
    expect(next(journal([...loaded, ...command('cryptounit-mk-commit', ['OK'], 0)]))).toEqual([ROTATE]);
  });

  it('a lost command followed by later ones stays lost: marked as ended by the death of the app', () => {
    const lostCommit = command('cryptounit-mk-commit', ['OK']);
    const entries = journal([...loaded, ...lostCommit, ...command('cryptounit-mk', ['OK'], 0)]);
    const input = classifyInputFromJournal(entries, 'keyparts');
    expect(input.transcripts.map((t) => t.exit?.signal ?? null)).toEqual([null, expect.any(String), null]);
  });

  it('a read-only listing the app lost is not marked: a cut listing is judged by its own end', () => {
    const listing = [
      'CRYPTO UNIT NUM: 1   TYPE: OPERATIONAL   LOCATION: [us-south]',
      'MASTER KEY REGISTER   STATUS             VERIFICATION PATTERN',
      `current               Valid              ${OLD_VP}`,
    ];
    const input = classifyInputFromJournal(journal(command('cryptounit-mk', listing)), 'keyparts');
    expect(input.transcripts[0]?.exit).toBeUndefined();
  });
});
