/**
 * A rehearsal on a twin (docs/twin.md): for each fault point ticked, a fresh simulator in memory is
 * built from the twin, the rotation (`auto-mk-rotate`) fails there, and the advisor's first command
 * is followed until the classifier says completed. Its only executor is the in-memory simulator
 * below: no command of a rehearsal can reach a real `ibmcloud`, and the interlocks apply to every
 * step (a command the classifier forbids is never run).
 */
import { createHash } from 'node:crypto';
import { classify } from '../../../shared/classifier/index.js';
import type { Classification, TranscriptInput } from '../../../shared/classifier/types.js';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import {
  countAllKeys,
  MemoryWorkstation,
  parseFault,
  runInProcess,
  SCENARIO_PASSWORD,
  type Answerer,
  type MemorySim,
} from '../../../shared/sim/index.js';
import { choiceForAdvice, choiceOf } from '../../../shared/training/choices.js';
import { stateFromTwin } from '../../../shared/twin/load.js';
import type { RehearsalResult, RehearsedFault } from '../../../shared/twin/rehearsal-types.js';
import { parseTwin, type Twin } from '../../../shared/twin/schema.js';
import type { PrecheckResult } from '../../../shared/precheck/types.js';
import { runPrechecks } from '../precheck/precheck-service.js';
import { forbiddenReason } from '../rotation/interlocks.js';

/** Commands followed after a fault before the rehearsal of that fault gives up. */
const MAX_RECOVERY_STEPS = 12;
const KEYS = 300;

export interface RehearsalRequest {
  /** The twin file's bytes, as picked. */
  twin: Uint8Array;
  instanceId: string;
  /** `<point>`, `<point>:crash`, or `none` for a rotation without a fault. */
  faults: readonly string[];
  now?: () => number;
}

/** The line of a prompt that asks the question (the one holding `marker`), shortened. */
function question(pending: string, marker: string): string {
  const lines = pending.split('\n').map((l) => l.trim());
  return (lines.find((l) => l.toLowerCase().includes(marker)) ?? marker).slice(0, 160);
}

/** Answers as the administrator would; a confirmation or a unit choice is noted as a decision. */
function answers(instanceIndex: number, units: readonly number[], decide: (what: string) => void): Answerer {
  return (pending) => {
    const p = pending.toLowerCase();
    if (p.includes('password')) return SCENARIO_PASSWORD;
    if (p.includes('(y/n)')) {
      decide(`confirmed "${question(pending, '(y/n)')}"`);
      return 'y';
    }
    if (p.includes('instance num')) return String(instanceIndex + 1);
    if (p.includes('crypto unit num')) {
      decide(`crypto units ${units.join(', ')}`);
      return units.join(' ');
    }
    return undefined;
  };
}

class Rehearsal {
  readonly transcripts: TranscriptInput[] = [];
  readonly decisions: string[] = [];
  constructor(
    readonly sim: MemorySim,
    readonly instanceIndex: number,
  ) {}

  async step(argv: readonly string[], fault: string | undefined, units: readonly number[] = []): Promise<void> {
    const typed = `ibmcloud ${argv.join(' ')}`;
    const r = await runInProcess(this.sim, argv, {
      answers: answers(this.instanceIndex, units, (what) => this.decisions.push(`${typed}: ${what}`)),
      ...(fault ? { fault } : {}),
    });
    this.transcripts.push({
      file: `rehearsal#${this.transcripts.length + 1} ${typed}`,
      text: `$ ${typed}\n${r.transcript}`,
      exit: r.crashed ? { code: r.exitCode, signal: 'SIGKILL' } : { code: r.exitCode, signal: null },
    });
  }

  classification(): Classification {
    return classify({ transcripts: this.transcripts, flow: 'auto' });
  }
}

/** Follow the advisor from the failure; returns why it stopped short, or null when completed. */
async function recover(r: Rehearsal, recovery: string[]): Promise<{ phase: string; stopped: string | null }> {
  for (let step = 0; step < MAX_RECOVERY_STEPS; step++) {
    const c = r.classification();
    if (c.phase === 'completed') return { phase: c.phase, stopped: null };
    const advice = c.next[0]?.command;
    if (c.stop || advice === undefined) {
      return { phase: c.phase, stopped: c.stop ?? 'the advisor names no next command' };
    }
    const choice = choiceForAdvice(advice);
    const argv = choice === null ? null : choiceOf(choice).argv;
    if (argv === null) return { phase: c.phase, stopped: `the next action is outside the simulator: ${advice}` };
    const refused = forbiddenReason(c, argv);
    if (refused) return { phase: c.phase, stopped: refused };
    recovery.push(advice);
    await r.step(argv, undefined, choice === 'cryptounit-add' ? (c.unitsToReselect ?? []) : c.unitsToDeselect);
  }
  return { phase: r.classification().phase, stopped: `not completed after ${MAX_RECOVERY_STEPS} commands` };
}

/** The pre-checks of the auto flow on a fresh copy of the twin: those that did not pass. */
async function twinPrechecks(twin: Twin, now: () => number): Promise<PrecheckResult[]> {
  const ws = new MemoryWorkstation();
  const { state } = await stateFromTwin(twin, { seed: 1, keys: KEYS, now: now() }, ws);
  const sim: MemorySim = { state, ws, now };
  const report = await runPrechecks('auto', {
    read: async (argv) => {
      const r = await runInProcess(sim, argv);
      return { exitCode: r.exitCode, lines: r.transcript.split('\n') };
    },
    token: async () => ({ expiresAt: sim.state.session.tokenExpiresAt, source: 'simulator' }),
    keyCount: async () => KEYS,
    now,
  });
  return report.results.filter((r) => r.status !== 'pass');
}

async function rehearseOne(twin: Twin, instance: number, fault: string, now: () => number): Promise<RehearsedFault> {
  const ws = new MemoryWorkstation();
  const { state } = await stateFromTwin(twin, { seed: 1, keys: KEYS, now: now() }, ws);
  const r = new Rehearsal({ state, ws, now }, instance);
  const lostBefore = countAllKeys(state).lost;
  await r.step(['tke', 'auto-mk-rotate'], fault === 'none' ? undefined : fault);
  const recovery: string[] = [];
  const { phase, stopped } = await recover(r, recovery);
  const keysLost = countAllKeys(r.sim.state).lost - lostBefore;
  const recovered = stopped === null && keysLost === 0;
  return { fault, recovered, recovery, finalPhase: phase, keysLost, stoppedBecause: stopped, decisions: r.decisions };
}

/** Rehearse every fault on a fresh copy of the twin; refuses a bad twin or fault before anything runs. */
export async function rehearse(request: RehearsalRequest): Promise<RehearsalResult> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(request.twin);
  } catch {
    throw new RefusedError('The twin file is not UTF-8 text.');
  }
  const parsed = parseTwin(text);
  if (!parsed.ok) throw new RefusedError(parsed.message);
  const instanceIndex = parsed.twin.instances.findIndex((i) => i.id === request.instanceId);
  if (instanceIndex < 0) {
    const id = request.instanceId;
    throw new RefusedError(`The twin does not hold instance ${id}: capture a twin of the instance you rotate.`);
  }
  for (const f of request.faults) {
    if (f !== 'none' && typeof parseFault(f) !== 'object') throw new RefusedError(`Unknown fault point ${f}.`);
  }
  const now = request.now ?? Date.now;
  const began = now();
  const prechecks = await twinPrechecks(parsed.twin, now);
  const faults: RehearsedFault[] = [];
  for (const f of request.faults) faults.push(await rehearseOne(parsed.twin, instanceIndex, f, now));
  return {
    twinSha256: createHash('sha256').update(request.twin).digest('hex'),
    twinCapturedAt: parsed.twin.capturedAt,
    instanceId: request.instanceId,
    flow: 'auto',
    ranAt: new Date(began).toISOString(),
    prechecks,
    tookMs: Math.max(0, now() - began),
    faults,
    allRecovered: faults.every((f) => f.recovered),
  };
}
