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

/**
 * The simulator's waits take no time. Kill points are positions (crash-points.ts) and the simulator
 * is held in lockstep with the journal where it dies with its terminal (sim-lockstep.mjs), so no kill
 * depends on them; at x 0.01 they were half a second per auto-mk-rotate, some 15 s of the two files.
 * The campaign's figures (points, kills, torn tails, phases resumed) are the same at both scales.
 */
const SCALE = '0';
const SCENARIO = { auto: 'default', keyparts: 'key-parts' } as const;

/**
 * What one campaign (one flow's file) has made and seen. Each call of crashCampaign has its own: the
 * integration files share their worker's modules (vitest.config.ts), and the other flow's file may
 * run in the same worker before or after this one.
 */
interface Campaign {
  templates: Map<string, { dataDir: string; original: string }>;
  prefixes: Map<PrefixName, string>;
  figures: {
    reached: Set<string>;
    kills: number;
    verified: number;
    torn: number;
    phases: Map<Phase | 'none', number>;
    /** Every phase a classification on the way to completed had, after any kill. */
    seen: Set<Phase>;
  };
  scratch: string[];
}

function newCampaign(): Campaign {
  return {
    templates: new Map(),
    prefixes: new Map(),
    figures: { reached: new Set(), kills: 0, verified: 0, torn: 0, phases: new Map(), seen: new Set() },
    scratch: [],
  };
}

/** A logged-in simulator of the flow's scenario, made once and copied for every point. */
async function template(c: Campaign, flow: CrashPoint['flow']): Promise<{ dataDir: string; original: string }> {
  let t = c.templates.get(flow);
  if (!t) {
    const h = await createHarness(SCENARIO[flow]);
    t = { dataDir: h.dataDir, original: originalValue(readSimState(h.simDir)) };
    c.templates.set(flow, t);
    c.scratch.push(h.dataDir);
  }
  return t;
}

/** A fresh copy of a data directory to crash in. */
function copyOf(c: Campaign, from: string): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'mkra-crash-'));
  cpSync(from, dataDir, { recursive: true });
  c.scratch.push(dataDir);
  return dataDir;
}

/** What the prefix's kill leaves (made once; the prefix is also checked as a point of its own). */
async function prefixState(c: Campaign, name: PrefixName): Promise<string> {
  let dataDir = c.prefixes.get(name);
  if (!dataDir) {
    const p: { flow: CrashPoint['flow']; fault?: string; kill: CrashPoint['kill'] } = PREFIXES[name];
    dataDir = copyOf(c, (await template(c, p.flow)).dataDir);
    const fault = p.fault ? { fault: p.fault } : {};
    const plan: ChildPlan = { mode: 'run', flow: p.flow, scale: SCALE, sim: 'dies', ...fault };
    await killAt(c, dataDir, { ...plan, point: { ...p.kill, label: `${name} (prefix)` } });
    c.prefixes.set(name, dataDir);
  }
  return dataDir;
}

/** Run the child until it kills itself at `label`; wait for the simulators it leaves. */
async function killAt(
  c: Campaign,
  dataDir: string,
  plan: ChildPlan & { point: NonNullable<ChildPlan['point']> },
): Promise<void> {
  const result = await runChild(dataDir, plan);
  const why = `${plan.point.label}: not reached (${result.donePhase ?? result.stderr})`;
  expect(result.killedAt, why).toBe(plan.point.label);
  expect(result.signal).toBe('SIGKILL');
  c.figures.kills += 1;
  await waitGone(result.simPids);
}

/** Between two kills: what the first left verifies, and its classification is safe on the hardware. */
async function checkBetween(c: Campaign, dataDir: string, original: string, label: string): Promise<void> {
  const h = await createHarness('unused', 0, { existingDataDir: dataDir });
  const [unfinished] = await h.service.unfinished();
  expect(unfinished, label).toBeDefined();
  const { entries, torn } = await verifyLeftJournal(dataDir, unfinished?.rotationId ?? '');
  c.figures.verified += 1;
  if (torn) c.figures.torn += 1;
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
async function restartAndFinish(
  c: Campaign,
  point: CrashPoint,
  dataDir: string,
  original: string,
): Promise<Phase | 'none'> {
  const h = await createHarness(SCENARIO[point.flow], 0, { existingDataDir: dataDir });
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
    c.figures.verified += 1;
    if (torn) c.figures.torn += 1;
    snap = await h.service.open(unfinished[0]?.rotationId ?? '');
    checkReadFirst(snap.classification, inFlight(entries), point.label);
  }
  const resumed = unfinished.length === 0 ? 'none' : snap.classification.phase;
  const { followed, phases } = await followChecked(h, snap, point.flow, original, point.label);
  for (const p of phases) c.figures.seen.add(p);
  const after = await verifyJournal(journalPath(dataDir, snap.rotationId));
  expect(after, point.label).toMatchObject({ ok: true, status: 'ok' });
  // Reopening read-only closes the journal the restarted app held open.
  await h.service.open(snap.rotationId, { readOnly: true });
  console.info(`[crash] ${point.label}: resumed as ${resumed}; ${followed.join(' -> ') || 'nothing to do'}`);
  return resumed;
}

async function campaignPoint(c: Campaign, point: CrashPoint): Promise<void> {
  const { dataDir: templateDir, original } = await template(c, point.flow);
  const dataDir = copyOf(c, point.from ? await prefixState(c, point.from) : templateDir);
  const sim = point.sim ?? 'dies';
  const plan: ChildPlan = point.from
    ? { mode: 'resume', scale: SCALE, sim }
    : { mode: 'run', flow: point.flow, scale: SCALE, sim, ...(point.fault ? { fault: point.fault } : {}) };
  await killAt(c, dataDir, { ...plan, point: { ...point.kill, label: point.label } });
  if (point.again) {
    await checkBetween(c, dataDir, original, point.label);
    const { sim = 'dies', ...kill } = point.again;
    const label = `${point.label} (second kill)`;
    await killAt(c, dataDir, { mode: 'resume', scale: SCALE, sim, point: { ...kill, label } });
  }
  const phase = await restartAndFinish(c, point, dataDir, original).catch((error: unknown) => {
    // Kept (not removed in afterAll) for whoever investigates the failure.
    c.scratch.splice(c.scratch.indexOf(dataDir), 1);
    console.error(`[crash] ${point.label}: data kept in ${dataDir}`);
    throw error;
  });
  c.figures.reached.add(point.label);
  c.figures.phases.set(phase, (c.figures.phases.get(phase) ?? 0) + 1);
  rmSync(dataDir, { recursive: true, force: true });
  c.scratch.splice(c.scratch.indexOf(dataDir), 1);
}

/**
 * The campaign over `points` (one flow's): every point must be reached, and at least one kill must
 * leave a torn tail that the next start verifies and records.
 */
export function crashCampaign(flow: CrashPoint['flow'], points: readonly CrashPoint[]): void {
  describe(`crash campaign (${flow}): the backend SIGKILLed at positions across a rotation and its recovery`, () => {
    const c = newCampaign();
    // The child runs the built backend and simulator (npm run build), as the packaged app would.
    beforeAll(() => {
      requireBuilt('dist/electron/backend/rotation/rotation-service.js', [
        'electron/backend',
        'electron/cli',
        'shared',
      ]);
    });
    afterAll(() => {
      for (const dir of c.scratch) rmSync(dir, { recursive: true, force: true });
    });

    for (const point of points) {
      it(point.label, () => campaignPoint(c, point), 180_000);
    }

    it('reached every kill point, and some kill left a torn tail', () => {
      const phases = [...c.figures.phases].map(([p, n]) => `${p} ${n}`).join(', ');
      const { reached, kills, verified, torn, seen } = c.figures;
      console.info(
        `[crash campaign ${flow}] ${reached.size} points reached (${kills} kills), ${verified} journals verified after kills, ` +
          `${torn} torn tails, resumed as: ${phases}; phases seen: ${[...seen].join(', ')}`,
      );
      expect([...c.figures.reached].sort()).toEqual(points.map((p) => p.label).sort());
      expect(c.figures.torn).toBeGreaterThan(0);
    });
  });
}
