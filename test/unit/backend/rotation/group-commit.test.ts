/**
 * Group commit in the runner: a burst of output lines costs one fsync, lines are shown only once
 * durable, and milestones, prompts and the command's end keep their place in the order.
 */
import { describe, expect, it } from 'vitest';
import { verifyJournal, type JournalEntry } from '../../../../electron/backend/journal/index.js';
import { RotationService } from '../../../../electron/backend/rotation/rotation-service.js';
import type { ConsoleState } from '../../../../shared/rotation/types.js';
import { M1_DELAY } from '../../../../shared/tke/messages.js';
import { recordingFile, tempDataDir, type FileEvent } from '../journal/helpers.js';
import { FakeTerminal } from '../runner/fake-terminal.js';

type Seen =
  | { type: 'line'; seq: number; index: number; text: string; durable: number }
  | { type: 'exit'; durable: number }
  | { type: 'updated'; m1Seen: boolean; prompt: boolean; durable: number };

/** A service over a fake terminal whose journal file records writes and fsyncs. */
async function setup(beforeSync?: () => Promise<void>) {
  const dataDir = await tempDataDir();
  const terminal = new FakeTerminal();
  const file = recordingFile(beforeSync);
  const seen: Seen[] = [];
  const notices: string[] = [];
  const updated = (state: ConsoleState): void => {
    seen.push({
      type: 'updated',
      m1Seen: state.running?.m1Seen ?? false,
      prompt: state.running?.prompt != null,
      durable: file.durable(),
    });
  };
  const service = new RotationService({
    dataDir,
    invocation: () => ({ mode: 'demo', file: 'ibmcloud', prefixArgs: [], env: {}, cwd: dataDir }),
    spawn: () => terminal.pty,
    baselineReading: false,
    hangAfterMs: 3_600_000,
    journalFile: file.openFile,
    events: {
      line: (e) => seen.push({ type: 'line', seq: e.seq, index: e.index, text: e.text, durable: file.durable() }),
      exit: () => seen.push({ type: 'exit', durable: file.durable() }),
      updated,
      notice: (n) => notices.push(n.message),
    },
  });
  const journalEntries = async (): Promise<JournalEntry[]> =>
    (await verifyJournal(service.snapshot().journal.path)).entries;
  return { service, terminal, file, seen, notices, journalEntries };
}

const lineEvents = (seen: Seen[]) => seen.filter((s): s is Extract<Seen, { type: 'line' }> => s.type === 'line');
const kindsOf = (entries: JournalEntry[]) =>
  entries.map((e) =>
    e.kind === 'output' ? `output:${e.data.line}` : e.kind === 'milestone' ? `milestone:${e.data.id}` : e.kind,
  );
/** The output lines each journal write carried (writes of other entries give an empty list). */
const outputsPerWrite = (events: FileEvent[]) =>
  events
    .flatMap((e) =>
      e.op === 'write'
        ? [
            e.text
              .trim()
              .split('\n')
              .map((l) => JSON.parse(l) as JournalEntry)
              .filter((x) => x.kind === 'output').length,
          ]
        : [],
    )
    .filter((n) => n > 0);

/** Every line event names a durable entry: its seq was fsynced before the renderer was told. */
function expectShownOnlyWhenDurable(seen: Seen[]): void {
  for (const s of lineEvents(seen)) expect(s.seq, s.text).toBeLessThanOrEqual(s.durable);
}

describe('group commit of command output', () => {
  it('journals a burst of lines with one fsync and shows them in order, each once durable', async () => {
    const { service, terminal, file, seen, journalEntries } = await setup();
    await service.start({ flow: 'auto' });
    await service.run(['tke', 'auto-mk-rotate']);
    await service.idle();
    const syncsBefore = file.syncs();
    const burst = Array.from({ length: 40 }, (_, i) => `Re-encrypted ${i + 1} of 40 keys`);
    terminal.print(...burst);
    await service.idle();
    expect(file.syncs() - syncsBefore).toBeLessThan(burst.length);
    expect(file.syncs() - syncsBefore).toBe(1);
    const lines = lineEvents(seen);
    expect(lines.map((l) => l.text)).toEqual(burst);
    const entries = await journalEntries();
    const outputs = entries.filter((e) => e.kind === 'output');
    expect(lines.map((l) => l.seq)).toEqual(outputs.map((e) => e.seq));
    expect(lines.map((l) => l.index)).toEqual(burst.map((_, i) => i));
    expect(service.lines(0, 100).lines).toEqual(
      outputs.map((e) => ({ seq: e.seq, text: burst[e.seq - outputs[0]!.seq] })),
    );
    expectShownOnlyWhenDurable(seen);
  });

  it('lines that arrive during a flush go to the next batch, and none is shown before its fsync', async () => {
    let hold: (() => void) | null = null;
    let holding: Promise<void> | null = null;
    let entered: () => void = () => undefined;
    const syncEntered = new Promise<void>((resolve) => (entered = resolve));
    const gate = async (): Promise<void> => {
      if (!holding) return;
      const wait = holding;
      holding = null;
      entered();
      await wait;
    };
    const { service, terminal, file, seen, journalEntries } = await setup(gate);
    await service.start({ flow: 'auto' });
    await service.run(['tke', 'auto-mk-rotate']);
    await service.idle();
    const writesBefore = file.events.length;
    holding = new Promise<void>((resolve) => (hold = resolve));
    terminal.print('a1', 'a2', 'a3');
    await syncEntered;
    terminal.print('b1', 'b2');
    terminal.print('b3', 'b4');
    expect(lineEvents(seen)).toEqual([]);
    hold!();
    await service.idle();
    expect(outputsPerWrite(file.events.slice(writesBefore))).toEqual([3, 4]);
    expect(lineEvents(seen).map((l) => l.text)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'b4']);
    const outputs = (await journalEntries()).filter((e) => e.kind === 'output');
    expect(lineEvents(seen).map((l) => [l.seq, l.index])).toEqual(outputs.map((e, i) => [e.seq, i]));
    expectShownOnlyWhenDurable(seen);
  });

  it('a milestone entry follows the fsynced batch holding its line, and later lines wait for it', async () => {
    const { service, terminal, file, seen, journalEntries } = await setup();
    await service.start({ flow: 'auto' });
    await service.run(['tke', 'auto-mk-rotate']);
    await service.idle();
    const from = file.events.length;
    terminal.emit(
      [
        'Committing the new master key register',
        M1_DELAY,
        'Re-encrypted 1 of 2 keys',
        'Re-encrypted 2 of 2 keys',
        'Continue? (y/N)',
        '> ',
      ].join('\r\n'),
    );
    await service.idle();
    const entries = await journalEntries();
    expect(kindsOf(entries.slice(-6))).toEqual([
      'output:Committing the new master key register',
      `output:${M1_DELAY}`,
      'milestone:M1',
      'output:Re-encrypted 1 of 2 keys',
      'output:Re-encrypted 2 of 2 keys',
      'output:Continue? (y/N)',
    ]);
    const milestone = entries.find((e) => e.kind === 'milestone')!;
    const m1Line = milestone.seq - 1;
    const events = file.events.slice(from);
    const milestoneWrite = events.findIndex((e) => e.op === 'write' && e.text.includes('"kind":"milestone"'));
    const m1LineDurable = events.findIndex((e) => e.op === 'sync' && e.durable >= m1Line);
    expect(m1LineDurable).toBeGreaterThanOrEqual(0);
    expect(m1LineDurable).toBeLessThan(milestoneWrite);
    expect(events[milestoneWrite]).toMatchObject({ op: 'write' });
    expect((events[milestoneWrite] as { text: string }).text.trim().split('\n')).toHaveLength(1);
    // Nothing after the milestone is shown before the milestone entry is durable.
    const after = seen.filter(
      (s) => (s.type === 'line' && s.seq > milestone.seq) || (s.type === 'updated' && s.m1Seen),
    );
    expect(after.length).toBeGreaterThan(0);
    for (const s of after) expect(s.durable).toBeGreaterThanOrEqual(milestone.seq);
    expect(seen.some((s) => s.type === 'updated' && s.m1Seen && s.prompt)).toBe(true);
    expectShownOnlyWhenDurable(seen);
  });

  it('the last lines, even one without a newline, are journaled and shown before command-finished and the exit', async () => {
    const { service, terminal, seen, journalEntries } = await setup();
    await service.start({ flow: 'auto' });
    await service.run(['tke', 'auto-mk-rotate']);
    await service.idle();
    terminal.emit('x1\r\nx2\r\nFAILED');
    terminal.exit(1);
    await service.idle();
    const entries = await journalEntries();
    const finished = entries.findIndex((e) => e.kind === 'command-finished');
    expect(kindsOf(entries.slice(finished - 3, finished + 1))).toEqual([
      'output:x1',
      'output:x2',
      'output:FAILED',
      'command-finished',
    ]);
    const order = seen.filter((s) => s.type !== 'updated').map((s) => (s.type === 'line' ? s.text : 'exit'));
    expect(order).toEqual(['x1', 'x2', 'FAILED', 'exit']);
    const exit = seen.find((s) => s.type === 'exit')!;
    expect(exit.durable).toBeGreaterThanOrEqual(entries[finished]!.seq);
    expectShownOnlyWhenDurable(seen);
  });

  it('a register listing killed by a signal journals no reading and its exit is not taken for OK', async () => {
    const { service, terminal, journalEntries } = await setup();
    await service.start({ flow: 'auto' });
    await service.run(['tke', 'cryptounit-mk']);
    await service.idle();
    terminal.print(
      'CRYPTO UNIT NUM: 1   TYPE: OPERATIONAL   LOCATION: [us-south].[AZ1-CS1].[00].[03]',
      'MASTER KEY REGISTER   STATUS             VERIFICATION PATTERN',
      'new                   Empty              00000000000000000000000000000000',
      '                                         00000000000000000000000000000000',
      'current               Valid              6D382EEFECE5CBD2A079531F2D438DD2',
      '                                         BCDFBCABA6B379344CF83B1500000000',
    );
    // Killed mid-listing: the pty reports exit code 0 and the signal.
    terminal.exit(0, 9);
    await service.idle();
    const entries = await journalEntries();
    const finished = entries.find((e) => e.kind === 'command-finished');
    expect(finished?.data).toEqual({ exitCode: 0, signal: '9' });
    expect(entries.filter((e) => e.kind === 'registers')).toEqual([]);
    expect(service.snapshot().commands.at(-1)?.exitCode).toBe(137);
  });

  it('a failed fsync shows none of the batch and reports the journal failure', async () => {
    let fail = false;
    const { service, terminal, seen, notices } = await setup(async () => {
      if (fail) throw new Error('EIO');
    });
    await service.start({ flow: 'auto' });
    await service.run(['tke', 'auto-mk-rotate']);
    await service.idle();
    fail = true;
    terminal.print('lost 1', 'lost 2');
    await service.idle();
    expect(lineEvents(seen)).toEqual([]);
    expect(notices).toEqual([expect.stringMatching(/Journal write failed: EIO/)]);
  });

  it('outside a rotation, lines are shown in order with their position and nothing is journaled', async () => {
    const { service, terminal, file, seen } = await setup();
    const reading = service.read(['tke', 'cryptounits']);
    terminal.print('r1', 'r2');
    terminal.print('r3');
    terminal.exit(0);
    expect(await reading).toEqual({ exitCode: 0, lines: ['r1', 'r2', 'r3'] });
    expect(lineEvents(seen).map((l) => [l.seq, l.index, l.text])).toEqual([
      [0, 0, 'r1'],
      [0, 1, 'r2'],
      [0, 2, 'r3'],
    ]);
    expect(file.events).toEqual([]);
  });
});
