// setimm is run only after a fresh register reading that shows storage ready for it: the rotation
// service reads the registers first and queues setimm behind the reading (`then`). A reading killed
// by a signal is reported by a pty as exit code 0 with the signal beside it; the runner must take it
// for a failed reading (effectiveExitCode, shared/rotation/exit.ts) and not start setimm, even though
// the listing printed before the kill and the earlier reading both look ready.
import { describe, expect, it } from 'vitest';
import { verifyJournal, type JournalEntry } from '../../../../electron/backend/journal/index.js';
import { RotationService } from '../../../../electron/backend/rotation/rotation-service.js';
import { autoRotate, mksListing, NEW_VP, OLD_VP, type UnitSpec } from '../../classifier/tke-text.js';
import { tempDataDir } from '../journal/helpers.js';
import { FakeTerminal } from '../runner/fake-terminal.js';

/** After M2: every unit's new register committed, none promoted (storage ready for setimm). */
const READY: UnitSpec[] = [1, 2, 3].map((num) => ({
  num,
  type: num === 3 ? 'RECOVERY' : 'OPERATIONAL',
  current: ['Valid', OLD_VP],
  new: ['Full Committed', NEW_VP],
}));
/** Output as the pty shows it: without the `$ ibmcloud …` line the helpers start with. */
const output = (lines: string[]): string[] => lines.filter((l) => !l.startsWith('$ '));

async function setup() {
  const dataDir = await tempDataDir();
  const terminal = new FakeTerminal();
  const spawned: string[][] = [];
  const notices: string[] = [];
  const service = new RotationService({
    dataDir,
    invocation: () => ({ mode: 'demo', file: 'ibmcloud', prefixArgs: [], env: {}, cwd: dataDir }),
    spawn: (_file, args) => {
      spawned.push([...args]);
      return terminal.pty;
    },
    baselineReading: false,
    hangAfterMs: 3_600_000,
    events: {
      line: () => undefined,
      exit: () => undefined,
      updated: () => undefined,
      notice: (n) => notices.push(n.message),
    },
  });
  /** Run one command to its end on the fake terminal. */
  const runToEnd = async (argv: string[], lines: string[], code: number, signal?: number): Promise<void> => {
    await service.run(argv);
    await service.idle();
    terminal.print(...output(lines));
    terminal.exit(code, signal);
    await service.idle();
  };
  const journalEntries = async (): Promise<JournalEntry[]> =>
    (await verifyJournal(service.snapshot().journal.path)).entries;
  return { service, terminal, spawned, notices, runToEnd, journalEntries };
}

const startedCommands = (entries: JournalEntry[]): string[] =>
  entries.filter((e) => e.kind === 'command-started').map((e) => (e.data as { argv: string[] }).argv.join(' '));

describe('a register reading killed by a signal with setimm queued behind it', () => {
  it('does not start setimm: the killed reading counts as failed although the pty reported 0', async () => {
    const { service, terminal, spawned, notices, runToEnd, journalEntries } = await setup();
    await service.start({ flow: 'auto' });
    // auto-mk-rotate fails after M2; the registers read afterwards show storage ready for setimm.
    await runToEnd(['tke', 'auto-mk-rotate'], autoRotate('after-m2'), 1);
    await runToEnd(['tke', 'cryptounit-mk'], mksListing(READY), 0);
    expect(service.snapshot().classification.next[0]?.command).toBe('ibmcloud tke cryptounit-mk-setimm');

    // setimm asked for: the service reads the registers first, setimm queued behind the reading.
    const reading = await service.run(['tke', 'cryptounit-mk-setimm']);
    expect(reading.argv).toEqual(['tke', 'cryptounit-mk']);
    await service.idle();
    // The whole listing is printed, then the reading is killed: the pty reports code 0 and signal 9.
    terminal.print(...output(mksListing(READY)));
    terminal.exit(0, 9);
    await service.idle();

    const entries = await journalEntries();
    expect(entries.filter((e) => e.kind === 'command-finished').at(-1)?.data).toEqual({ exitCode: 0, signal: '9' });
    // setimm was neither spawned nor journaled as started; the refusal is journaled and shown.
    expect(spawned.filter((args) => args.includes('cryptounit-mk-setimm'))).toEqual([]);
    expect(startedCommands(entries)).not.toContain('tke cryptounit-mk-setimm');
    const refusal = 'ibmcloud tke cryptounit-mk-setimm was not started: The register reading failed.';
    expect(notices).toContain(refusal);
    expect(entries.filter((e) => e.kind === 'decision').map((e) => (e.data as { what: string }).what)).toContain(
      'refused by the app: ibmcloud tke cryptounit-mk-setimm (The register reading failed.)',
    );
  });

  it('while the same reading ended by exit code 0 starts setimm (the signal is what differs)', async () => {
    const { service, terminal, spawned, notices, runToEnd, journalEntries } = await setup();
    await service.start({ flow: 'auto' });
    await runToEnd(['tke', 'auto-mk-rotate'], autoRotate('after-m2'), 1);
    await runToEnd(['tke', 'cryptounit-mk'], mksListing(READY), 0);
    await service.run(['tke', 'cryptounit-mk-setimm']);
    await service.idle();
    terminal.print(...output(mksListing(READY)));
    terminal.exit(0);
    await service.idle();
    expect(notices).toEqual([]);
    expect(spawned.filter((args) => args.includes('cryptounit-mk-setimm'))).toHaveLength(1);
    expect(startedCommands(await journalEntries())).toContain('tke cryptounit-mk-setimm');
  });
});
