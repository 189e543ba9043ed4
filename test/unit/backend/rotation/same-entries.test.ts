/**
 * One rotation pipeline: a training run (in-process simulator) and a live rotation (a command under a
 * terminal) journal the same entries for the same command output. The training run plays a
 * scenario whose auto-mk-rotate prints M1 and M2 and then fails; each of its commands' output is
 * then printed, line for line, by a fake terminal to a RotationService, and the two journals'
 * segments for that command are compared.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalPath, verifyJournal, type JournalEntry } from '../../../../electron/backend/journal/index.js';
import { RotationService } from '../../../../electron/backend/rotation/rotation-service.js';
import { loadScenarioLibrary } from '../../../../electron/backend/training/library.js';
import { ScenarioRun } from '../../../../electron/backend/training/scenario-run.js';
import { FakeTerminal } from '../runner/fake-terminal.js';

interface Segment {
  argv: string[];
  lines: string[];
  exitCode: number | null;
  /** What each entry of the command is: kind, milestone id, register units; output lines by kind only. */
  shape: string[];
}

function shapeOf(e: JournalEntry): string {
  if (e.kind === 'milestone') return `milestone:${e.data.id}`;
  if (e.kind === 'registers') return `registers:${JSON.stringify(e.data.units)}`;
  if (e.kind === 'command-finished') return `command-finished:${e.data.exitCode}`;
  return e.kind;
}

/** Each command's entries, from its command-started to the entry before the next non-command entry. */
function segments(entries: readonly JournalEntry[]): Segment[] {
  const out: Segment[] = [];
  let current: Segment | null = null;
  for (const e of entries) {
    if (e.kind === 'command-started') {
      current = { argv: e.data.argv, lines: [], exitCode: null, shape: [] };
      out.push(current);
    } else if (!current || !['output', 'milestone', 'command-finished', 'registers'].includes(e.kind)) {
      current = null;
      continue;
    }
    current.shape.push(shapeOf(e));
    if (e.kind === 'output') current.lines.push(e.data.line);
    if (e.kind === 'command-finished') current.exitCode = e.data.exitCode;
  }
  return out;
}

async function trainingSegments(): Promise<Segment[]> {
  const library = await loadScenarioLibrary();
  const loaded = library.scenarios.find((l) => l.scenario.id === 'm1-and-m2');
  if (!loaded) throw new Error('scenario m1-and-m2 is not shipped');
  const dir = await mkdtemp(join(tmpdir(), 'mkra-same-'));
  const run = await ScenarioRun.start({ loaded, mode: 'guided', journalDir: dir });
  await run.choose('cryptounit-mk');
  return segments((await verifyJournal(journalPath(dir, run.rotationId))).entries);
}

describe('one pipeline for training and live rotations', () => {
  it('journals the same entries (milestones, exit, register reading) for the same output', async () => {
    const played = (await trainingSegments()).filter((s) => s.exitCode !== null);
    const rotate = played.find((s) => s.argv[1] === 'auto-mk-rotate');
    const reading = played.find((s) => s.argv[1] === 'cryptounit-mk');
    // The scenario's command printed both milestones and failed; the reading found the registers.
    expect(rotate?.shape).toEqual(expect.arrayContaining(['milestone:M1', 'milestone:M2']));
    expect(rotate?.exitCode).not.toBe(0);
    expect(reading?.shape.some((k) => k.startsWith('registers:'))).toBe(true);
    if (!rotate || !reading) return;

    const dataDir = await mkdtemp(join(tmpdir(), 'mkra-same-live-'));
    const spawned: ((t: FakeTerminal) => void)[] = [];
    const nextTerminal = () => new Promise<FakeTerminal>((resolve) => spawned.push(resolve));
    const service = new RotationService({
      dataDir,
      invocation: () => ({ mode: 'demo', file: 'ibmcloud', prefixArgs: [], env: {}, cwd: dataDir }),
      spawn: () => {
        const terminal = new FakeTerminal();
        spawned.shift()?.(terminal);
        return terminal.pty;
      },
      baselineReading: false,
      hangAfterMs: 3_600_000,
      events: { line: () => undefined, exit: () => undefined, updated: () => undefined, notice: () => undefined },
    });
    await service.start({ flow: 'auto' });
    for (const [command, run] of [
      [rotate, () => service.run(rotate.argv)],
      [reading, () => service.read(reading.argv)],
    ] as const) {
      const terminal = nextTerminal();
      const finished = run();
      const t = await terminal;
      t.print(...command.lines);
      t.exit(command.exitCode ?? 1);
      await finished;
      await service.idle();
    }

    const live = segments((await verifyJournal(service.snapshot().journal.path)).entries);
    expect(live.map((s) => s.argv)).toEqual([rotate.argv, reading.argv]);
    expect(live[0]?.shape).toEqual(rotate.shape);
    expect(live[1]?.shape).toEqual(reading.shape);
    // The terminal reader drops trailing spaces (the `> ` prompt mark); the text is otherwise the same.
    expect(live[0]?.lines).toEqual(rotate.lines.map((l) => l.trimEnd()));
  });
});
