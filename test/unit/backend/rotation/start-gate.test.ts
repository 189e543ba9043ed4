/**
 * `rotation:start` re-checks every plan blocker in the backend: the handler, wired as createBackend
 * wires it (handlers/rotation.ts), runs the backend's own pre-checks afresh and refuses when any
 * blocker of the plan holds, or when no fresh pre-check exists. The pre-check runner is replaced by
 * one returning a report per blocker kind; everything else is the real service.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEnvironment } from '../../../../electron/backend/backend.js';
import { FaultSlot } from '../../../../electron/backend/handlers/demo.js';
import { createRotations, rotationHandlers } from '../../../../electron/backend/handlers/rotation.js';
import type { PrecheckRunner } from '../../../../electron/backend/precheck/start-gate.js';
import { SettingsStore } from '../../../../electron/backend/settings.js';
import { RefusedError } from '../../../../shared/ipc/dispatch.js';
import { CHECKLIST_IDS } from '../../../../shared/precheck/checklist.js';
import type { PrecheckReport } from '../../../../shared/precheck/report.js';
import { report, units } from '../../../fixtures/precheck-report.js';
import { FakeTerminal } from '../runner/fake-terminal.js';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const INSTANCE = 'aa43af49-a9bf-4ddc-a376-e1d234398287';
const fresh = (extra: Partial<PrecheckReport> = {}, results: Parameters<typeof report>[0] = {}): PrecheckReport =>
  report(results, { ranAt: NOW, ...extra });

/** The rotation:start handler over a real service whose pre-checks are `run`. */
async function startHandler(run: PrecheckRunner) {
  const dataDir = await mkdtemp(join(tmpdir(), 'mkra-gate-'));
  const info = resolveEnvironment({
    host: 'browser',
    env: { PATH: '' },
    dataDir,
    forceDemo: true,
    name: 'n',
    version: '0.0.0',
  });
  const rotations = createRotations({
    info,
    env: {},
    dataDir,
    invocation: () => ({ mode: 'demo', file: 'ibmcloud', prefixArgs: [], env: {}, cwd: dataDir }),
    settings: new SettingsStore(dataDir),
    emit: () => undefined,
    prechecks: run,
    faults: new FaultSlot(),
    now: () => NOW,
    // The baseline register reading of a rotation that does start: a listing that prints nothing.
    spawn: () => {
      const terminal = new FakeTerminal();
      setImmediate(() => terminal.exit(0));
      return terminal.pty;
    },
  });
  const handlers = rotationHandlers(info, rotations, { last: null });
  return { start: handlers['rotation:start'], rotations };
}

const request = { flow: 'auto' as const, operator: 'Gate test', instanceId: INSTANCE, confirmed: [...CHECKLIST_IDS] };

/** Start with the report given; the refusal's message, or null when the rotation started. */
async function refusal(
  given: PrecheckReport | (() => Promise<PrecheckReport>),
  req: Parameters<Awaited<ReturnType<typeof startHandler>>['start']>[0] = request,
): Promise<string | null> {
  const { start, rotations } = await startHandler(typeof given === 'function' ? given : async () => given);
  try {
    await start(req);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(RefusedError);
    expect((error as RefusedError).reason).toMatchObject({ kind: 'plan-blocked', command: `start ${req.flow}` });
    // Nothing was opened: no journal, no rotation.
    expect(rotations.state().rotation).toBeNull();
    expect(await rotations.list()).toEqual([]);
    return (error as Error).message;
  }
}

describe('rotation:start re-evaluates the plan in the backend', () => {
  it('starts when the fresh pre-checks show no blocker (the control case)', async () => {
    expect(await refusal(fresh())).toBeNull();
  });

  it('refuses when no fresh pre-check exists: the pre-checks cannot run', async () => {
    expect(await refusal(() => Promise.reject(new Error('cryptounits listing failed')))).toMatch(
      /no fresh pre-check: the pre-checks could not run \(cryptounits listing failed\)/,
    );
  });

  it('refuses when no fresh pre-check exists: the report predates the request', async () => {
    expect(await refusal(fresh({ ranAt: NOW - 60_000 }))).toMatch(
      /no fresh pre-check: the latest pre-checks ran at 2026-01-05T08:59:00.000Z/,
    );
  });

  it('blocker flow-mismatch: the pre-checks were run for the other flow', async () => {
    expect(await refusal(fresh({ flow: 'keyparts' }))).toMatch(/the pre-checks were run for the other flow/);
  });

  it('blocker no-instance: no service instance was found', async () => {
    expect(await refusal(fresh({ instances: [] }))).toMatch(/no service instance was found/);
  });

  it('blocker several-instances: more than one instance is a candidate', async () => {
    const two = fresh().instances.flatMap((i) => [i, { ...i, id: 'bb43af49-a9bf-4ddc-a376-e1d234398288' }]);
    expect(await refusal(fresh({ instances: two }))).toMatch(/2 service instances are candidates; exactly one must be/);
  });

  it('blocker failed: a pre-check failed', async () => {
    expect(await refusal(fresh({}, { imprint: { status: 'fail', summary: 'unit 3 is in imprint mode' } }))).toMatch(
      /pre-checks failed: imprint/,
    );
  });

  it('blocker new-registers-mixed: the new registers of the units differ (key-part flow)', async () => {
    const mixed = units({ 1: { new: { state: 'Full Uncommitted', vp: 'd907b8b6685a3f00112233445566778899' } } });
    expect(await refusal(fresh({ flow: 'keyparts', registers: mixed }), { ...request, flow: 'keyparts' })).toMatch(
      /the new master key registers of the units differ/,
    );
  });

  it('blocker no-recovery-unit: auto-mk-rotate needs a recovery crypto unit', async () => {
    const operational = fresh().instances.map((i) => ({
      ...i,
      units: i.units.map((u) => ({ ...u, type: 'OPERATIONAL' as const })),
    }));
    const registers = units().map((u) => ({ ...u, type: 'OPERATIONAL' as const }));
    expect(await refusal(fresh({ instances: operational, registers }))).toMatch(
      /the instance has no recovery crypto unit/,
    );
  });

  it('refuses a confirmed instance that is not the one the fresh pre-checks found', async () => {
    expect(await refusal(fresh(), { ...request, instanceId: 'cc43af49-a9bf-4ddc-a376-e1d234398289' })).toMatch(
      /is not the instance the pre-checks found/,
    );
  });
});
