// The advisor, followed literally on the simulator after any fault (the CLI failing, the CLI dying, or
// the app dying while the CLI goes on), always reaches a completed rotation with no key lost, never
// advises the same command twice in the same hardware state, and never needs more than a few steps.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { classify, type Classification, type TranscriptInput } from '../../../shared/classifier/index.js';
import { FAULT_POINTS, type MemorySim } from '../../../shared/sim/index.js';
import { autoAnswer as answerAny, type Answerer } from '../../../shared/sim/in-process.js';
import { checkArgv } from '../../../electron/backend/runner/tke-invocation.js';
import { makeSim, run, status } from '../sim/helpers.js';

const MAX_STEPS = 14;
const autoAnswer = answerAny as (pending: string) => string | undefined;

type Mode = 'fail' | 'crash' | 'app-died';

interface Path {
  flow: 'auto' | 'keyparts';
  point: (typeof FAULT_POINTS)[number];
  mode: Mode;
  /** Where the app died, as a fraction of the output it had journaled (app-died only). */
  cut: number;
  /** A second fault, injected into the first recovery command that changes registers. */
  second: { point: (typeof FAULT_POINTS)[number]; crash: boolean } | undefined;
  keys: number;
}

const pathArb: fc.Arbitrary<Path> = fc.record({
  flow: fc.constantFrom('auto' as const, 'keyparts' as const),
  point: fc.constantFrom(...FAULT_POINTS),
  mode: fc.constantFrom<Mode>('fail', 'crash', 'app-died'),
  cut: fc.double({ min: 0, max: 1, noNaN: true }),
  // Not `auth`: a 401 right after a fresh login is read as a missing permission (a stop), as it would be.
  second: fc.option(
    fc.record({ point: fc.constantFrom(...FAULT_POINTS.filter((p) => p !== 'auth')), crash: fc.boolean() }),
    { nil: undefined },
  ),
  keys: fc.integer({ min: 1, max: 2000 }),
});

class Session {
  readonly transcripts: TranscriptInput[] = [];
  constructor(readonly sim: MemorySim) {}

  /** Run one command as the app would: its transcript headed by the command line, with its exit seen. */
  async command(words: string, opts: { answers?: Answerer; fault?: string; cutAt?: number } = {}): Promise<void> {
    const r = await run(this.sim, words, {
      answers: opts.answers ?? autoAnswer,
      ...(opts.fault ? { fault: opts.fault } : {}),
    });
    let text = `$ ibmcloud ${words}\n${r.transcript}`;
    if (opts.cutAt !== undefined) {
      // The app died: only the first part of the output reached its journal, and it never saw the exit.
      const lines = text.split('\n');
      text = lines.slice(0, Math.max(1, Math.floor(lines.length * opts.cutAt))).join('\n');
      this.transcripts.push({ file: `#${this.transcripts.length + 1}`, text });
      return;
    }
    this.transcripts.push({
      file: `#${this.transcripts.length + 1}`,
      text,
      exit: { code: r.exitCode, signal: r.crashed ? 'SIGKILL' : null },
    });
  }
}

const units =
  (list: number[]): Answerer =>
  (pending) =>
    /crypto unit num/i.test(pending) ? list.join(' ') : autoAnswer(pending);

async function firstRotation(s: Session, p: Path): Promise<void> {
  const fault = p.mode === 'crash' ? `${p.point}:crash` : p.mode === 'fail' ? p.point : undefined;
  const cutAt = p.mode === 'app-died' ? p.cut : undefined;
  if (p.flow === 'auto') {
    await s.command('tke auto-mk-rotate', { ...(fault ? { fault } : {}), ...(cutAt !== undefined ? { cutAt } : {}) });
    return;
  }
  // The parts, the signature key password, then each part's password.
  await s.command('tke cryptounit-mk-load', { answers: ['1 2', 'passw0rd', 'passw0rd', 'passw0rd'] });
  await s.command('tke cryptounit-mk-commit');
  await s.command('tke cryptounit-mk-rotate', {
    ...(fault ? { fault } : {}),
    ...(cutAt !== undefined ? { cutAt } : {}),
  });
}

/** Every command the advisor names is one the app runs (its vocabulary; the interlocks come later). */
function expectRunnable(c: Classification): void {
  for (const { command } of c.next.filter((n) => n.command.startsWith('ibmcloud '))) {
    expect(() => checkArgv(command.replace(/^ibmcloud /, '').split(/\s+/)), command).not.toThrow();
  }
}

/** Carry out the advisor's first next command. Returns false when there is nothing left to do. */
async function follow(
  s: Session,
  c: Classification,
  second: Path['second'],
): Promise<{ ran: string; faulted: boolean } | undefined> {
  expectRunnable(c);
  const command = c.next[0]?.command;
  if (command === undefined) return undefined;
  const words = command.replace(/^ibmcloud /, '');
  const mutating = /auto-mk-rotate|cryptounit-mk-(rotate|setimm|load|commit|clrnew)/.test(words);
  const fault = mutating && second ? (second.crash ? `${second.point}:crash` : second.point) : undefined;
  if (words === 'login')
    await s.command(words, {
      answers: (pending) => (pending.includes('Email>') ? 'admin@example.com' : autoAnswer(pending)),
    });
  else if (words === 'tke cryptounit-rm') await s.command(words, { answers: units(c.unitsToDeselect) });
  else if (words === 'tke cryptounit-add') {
    const st = await status(s.sim);
    // The advisor names the units to select again: exactly those the recovery deselected.
    expect(c.unitsToReselect).toEqual(st.units.filter((u) => !u.selected).map((u) => u.num));
    await s.command(words, { answers: units(c.unitsToReselect ?? []) });
  } else await s.command(words, fault ? { fault } : {});
  return { ran: words, faulted: fault !== undefined };
}

describe('following the advisor', () => {
  test('after any fault, by any path, completes with no key lost and never repeats itself', async () => {
    await fc.assert(
      fc.asyncProperty(pathArb, async (p) => {
        const sim = await makeSim(p.flow === 'auto' ? 'default' : 'key-parts', p.keys);
        const before = (await status(sim)).units[0]?.current.vp;
        const s = new Session(sim);
        await firstRotation(s, p);
        let second = p.second;
        const seen = new Set<string>();
        let c = classify({ transcripts: s.transcripts });
        for (let step = 0; step < MAX_STEPS && c.next.length > 0; step++) {
          // On the simulator every path is a documented one: never a dead end that needs IBM support.
          expect(c.stop, JSON.stringify(c.evidence)).toBeUndefined();
          const st = await status(sim);
          const key = `${JSON.stringify([st.token.valid, st.units.map((u) => [u.current, u.new, u.selected])])}|${c.next[0]?.command}`;
          expect(seen.has(key), `advice repeats in the same state: ${key}`).toBe(false);
          seen.add(key);
          const done = await follow(s, c, second);
          if (done?.faulted) {
            // A new failure from outside is new evidence: the same advice may rightly come again.
            second = undefined;
            seen.clear();
          }
          c = classify({ transcripts: s.transcripts });
        }
        const st = await status(sim);
        expect(c.phase, JSON.stringify({ next: c.next, stop: c.stop })).toBe('completed');
        expect(st.keystore.lost).toBe(0);
        const vp = st.units[0]?.current.vp;
        expect(vp).not.toBe(before);
        expect(st.units.every((u) => u.current.vp === vp && u.new.state === 'Empty' && u.selected)).toBe(true);
      }),
      { numRuns: 400, seed: 20261202 },
    );
  }, 600_000);
});

describe('a current master key lost with no rotation under way', () => {
  test("following the advisor copies it back from a recovery unit (IBM's recover page), and nothing else changes", async () => {
    const sim = await makeSim('current-mk-cleared', 300);
    const before = await status(sim);
    const kept = before.units.find((u) => u.num === 2)?.current.vp;
    expect(before.units.find((u) => u.num === 1)?.current.state).toBe('Empty');
    const s = new Session(sim);
    await s.command('tke cryptounit-mk');
    let c = classify({ transcripts: s.transcripts });
    expect(c.next[0]?.command).toBe('ibmcloud tke auto-mk-recover');
    const ran: string[] = [];
    for (let step = 0; step < MAX_STEPS && c.next.length > 0; step++) {
      const done = await follow(s, c, undefined);
      if (done === undefined) break;
      ran.push(done.ran);
      c = classify({ transcripts: s.transcripts });
    }
    // Copied back once, confirmed by a reading; then nothing is left to do.
    expect(ran).toEqual(['tke auto-mk-recover', 'tke cryptounit-mk']);
    expect(c.phase).toBe('no-rotation');
    expect(c.next).toEqual([]);
    const after = await status(sim);
    expect(after.keystore.lost).toBe(0);
    expect(
      after.units.every((u) => u.current.state === 'Valid' && u.current.vp === kept && u.new.state === 'Empty'),
    ).toBe(true);
  });
});
