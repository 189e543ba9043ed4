/**
 * Crash campaign (shared by crash-resume-*.test.ts, one file per flow so the two halves run side
 * by side): the backend (the real RotationService in a child process, crash-child.mjs) kills
 * itself with SIGKILL at a position in its journal (crash-points.ts), across a whole rotation in both
 * flows and across the recoveries the advisor runs after a failure; then the app is restarted on
 * the data it left and checked (crash-check.ts). Kill points are positions, not delays, so a loaded
 * machine changes how long this takes, not where the kills land.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Phase } from '../../../shared/classifier/types.js';
import { RotationService } from '../../../electron/backend/rotation/rotation-service.js';
import { journalPath, verifyJournal } from '../../../electron/backend/journal/index.js';
import { requireBuilt } from '../require-built.js';
import { createHarness } from './harness.js';
import {
  checkAgainstHardware,
  checkReadFirst,
  followChecked,
  inFlight,
  journalFiles,
  verifyLeftJournal,
} from './crash-check.js';
import { hardwareLevel, originalValue, readSimState } from './crash-oracle.js';
import { PREFIXES, type CrashPoint, type PrefixName } from './crash-points.js';
import { runChild, waitGone, type ChildPlan } from './crash-run.js';

/** Simulated durations x 0.01: an auto-mk-rotate sleeps about half a second in all. */
const SCALE = '0.01';
const SCENARIO = { auto: 'default', keyparts: 'key-parts' } as const;

const templates = new Map<string, { dataDir: string; original: string }>();
const prefixes = new Map<PrefixName, string>();
const figures = {
  reached: new Set<string>(),
  kills: 0,
  verified: 0,
  torn: 0,
  phases: new Map<Phase | 'none', number>(),
  /** Every phase a classification on the way to completed had, after any kill. */
  seen: new Set<Phase>(),
};
const scratch: string[] = [];

/** A logged-in simulator of the flow's scenario, made once and copied for every point. */
function template(flow: CrashPoint['flow']): { dataDir: string; original: string } {
  let t = templates.get(flow);
  if (!t) {
    const h = createHarness(SCENARIO[flow]);
    t = { dataDir: h.dataDir, original: originalValue(readSimState(h.simDir)) };
    templates.set(flow, t);
    scratch.push(h.dataDir);
  }
  return t;
}

/** A fresh copy of a data directory to crash in. */
function copyOf(from: string): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'mkra-crash-'));
  cpSync(from, dataDir, { recursive: true });
  scratch.push(dataDir);
  return dataDir;
}

/** What the prefix's kill leaves (made once; the prefix is also checked as a point of its own). */
async function prefixState(name: PrefixName): Promise<string> {
  let dataDir = prefixes.get(name);
  if (!dataDir) {
    const p: { flow: CrashPoint['flow']; fault?: string; kill: CrashPoint['kill'] } = PREFIXES[name];
    dataDir = copyOf(template(p.flow).dataDir);
    const fault = p.fault ? { fault: p.fault } : {};
    const plan: ChildPlan = { mode: 'run', flow: p.flow, scale: SCALE, sim: 'dies', ...fault };
    await killAt(dataDir, { ...plan, point: { ...p.kill, label: `${name} (prefix)` } });
    prefixes.set(name, dataDir);
  }
  return dataDir;
}

/** Run the child until it kills itself at `label`; wait for the simulators it leaves. */
async function killAt(dataDir: string, plan: ChildPlan & { point: NonNullable<ChildPlan['point']> }): Promise<void> {
  const result = await runChild(dataDir, plan);
  const why = `${plan.point.label}: not reached (${result.donePhase ?? result.stderr})`;
  expect(result.killedAt, why).toBe(plan.point.label);
  expect(result.signal).toBe('SIGKILL');
  figures.kills += 1;
  await waitGone(result.simPids);
}

/** Between two kills: what the first left verifies, and its classification is safe on the hardware. */
async function checkBetween(dataDir: string, original: string, label: string): Promise<void> {
  const h = createHarness('unused', 0, { existingDataDir: dataDir });
  const [unfinished] = await h.service.unfinished();
  expect(unfinished, label).toBeDefined();
  const { entries, torn } = await verifyLeftJournal(dataDir, unfinished?.rotationId ?? '');
  figures.verified += 1;
  if (torn) figures.torn += 1;
  const quiet = { line: () => undefined, exit: () => undefined, updated: () => undefined, notice: () => undefined };
  const runsNothing = (): never => {
    throw new Error('a read-only look at the journal runs no command');
  };
  const read = new RotationService({ dataDir, invocation: runsNothing, events: quiet });
  const snap = await read.open(unfinished?.rotationId ?? '', { readOnly: true });
  checkReadFirst(snap.classification, inFlight(entries), label);
  await checkAgainstHardware(snap.classification, h.simDir, original, label);
}

/** The app restarted on the data: resume (or start, if nothing was journaled) and follow the advisor. */
async function restartAndFinish(point: CrashPoint, dataDir: string, original: string): Promise<Phase | 'none'> {
  const h = createHarness(SCENARIO[point.flow], 0, { existingDataDir: dataDir });
  const unfinished = await h.service.unfinished();
  let snap;
  if (unfinished.length === 0) {
    // Killed before the first entry was in place: no journal, nothing touched; start afresh.
    expect(journalFiles(dataDir), point.label).toEqual([]);
    expect(hardwareLevel(readSimState(h.simDir), original), point.label).toBe('untouched');
    snap = await h.service.start({ flow: point.flow });
  } else {
    expect(unfinished, point.label).toHaveLength(1);
    const { entries, torn } = await verifyLeftJournal(dataDir, unfinished[0]?.rotationId ?? '');
    figures.verified += 1;
    if (torn) figures.torn += 1;
    snap = await h.service.open(unfinished[0]?.rotationId ?? '');
    checkReadFirst(snap.classification, inFlight(entries), point.label);
  }
  const resumed = unfinished.length === 0 ? 'none' : snap.classification.phase;
  const { followed, phases } = await followChecked(h, snap, point.flow, original, point.label);
  for (const p of phases) figures.seen.add(p);
  const after = await verifyJournal(journalPath(dataDir, snap.rotationId));
  expect(after, point.label).toMatchObject({ ok: true, status: 'ok' });
  // Reopening read-only closes the journal the restarted app held open.
  await h.service.open(snap.rotationId, { readOnly: true });
  console.info(`[crash] ${point.label}: resumed as ${resumed}; ${followed.join(' -> ') || 'nothing to do'}`);
  return resumed;
}

async function campaignPoint(point: CrashPoint): Promise<void> {
  const { original } = template(point.flow);
  const dataDir = copyOf(point.from ? await prefixState(point.from) : template(point.flow).dataDir);
  const sim = point.sim ?? 'dies';
  const plan: ChildPlan = point.from
    ? { mode: 'resume', scale: SCALE, sim }
    : { mode: 'run', flow: point.flow, scale: SCALE, sim, ...(point.fault ? { fault: point.fault } : {}) };
  await killAt(dataDir, { ...plan, point: { ...point.kill, label: point.label } });
  if (point.again) {
    await checkBetween(dataDir, original, point.label);
    const { sim = 'dies', ...kill } = point.again;
    const label = `${point.label} (second kill)`;
    await killAt(dataDir, { mode: 'resume', scale: SCALE, sim, point: { ...kill, label } });
  }
  const phase = await restartAndFinish(point, dataDir, original).catch((error: unknown) => {
    // Kept (not removed in afterAll) for whoever investigates the failure.
    scratch.splice(scratch.indexOf(dataDir), 1);
    console.error(`[crash] ${point.label}: data kept in ${dataDir}`);
    throw error;
  });
  figures.reached.add(point.label);
  figures.phases.set(phase, (figures.phases.get(phase) ?? 0) + 1);
  rmSync(dataDir, { recursive: true, force: true });
  scratch.splice(scratch.indexOf(dataDir), 1);
}

/**
 * The campaign over `points` (one flow's): every point must be reached, and at least one kill must
 * leave a torn tail that the next start verifies and records.
 */
export function crashCampaign(flow: CrashPoint['flow'], points: readonly CrashPoint[]): void {
  describe(`crash campaign (${flow}): the backend SIGKILLed at positions across a rotation and its recovery`, () => {
    // The child runs the built backend and simulator (npm run build), as the packaged app would.
    beforeAll(() => {
      requireBuilt('dist/electron/backend/rotation/rotation-service.js', [
        'electron/backend',
        'electron/cli',
        'shared',
      ]);
    });
    afterAll(() => {
      for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    });

    for (const point of points) {
      it(point.label, () => campaignPoint(point), 180_000);
    }

    it('reached every kill point, and some kill left a torn tail', () => {
      const phases = [...figures.phases].map(([p, n]) => `${p} ${n}`).join(', ');
      const { reached, kills, verified, torn, seen } = figures;
      console.info(
        `[crash campaign ${flow}] ${reached.size} points reached (${kills} kills), ${verified} journals verified after kills, ` +
          `${torn} torn tails, resumed as: ${phases}; phases seen: ${[...seen].join(', ')}`,
      );
      expect([...figures.reached].sort()).toEqual(points.map((p) => p.label).sort());
      expect(figures.torn).toBeGreaterThan(0);
    });
  });
}
