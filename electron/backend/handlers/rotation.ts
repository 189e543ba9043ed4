/**
 * The rotation service of one backend, wired to the backend's own pre-checks (the start gate), the
 * demo fault slot, the live login and the event stream; and the handlers of the rotation and app
 * channels over it.
 */
import type { AppInfo, EventName, EventPayload } from '../../../shared/ipc/contract.js';
import { RefusedError, type Handlers } from '../../../shared/ipc/dispatch.js';
import type { RotationSummary } from '../../../shared/ipc/views.js';
import { isRehearsalDecision, rehearsalDecision } from '../../../shared/twin/rehearsal-types.js';
import type { JournalSummary } from '../journal/index.js';
import { planGate, type PrecheckRunner } from '../precheck/start-gate.js';
import { RotationService } from '../rotation/rotation-service.js';
import type { PtySpawn } from '../runner/pty-process.js';
import { loginEnv, type Invocation } from '../runner/tke-invocation.js';
import type { SettingsStore } from '../settings.js';
import type { FaultSlot } from './demo.js';
import type { RehearsalStore } from './twin.js';

export interface RotationWiring {
  info: AppInfo;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  invocation: () => Invocation;
  settings: SettingsStore;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** The backend's pre-checks, run afresh by the start gate. */
  prechecks: PrecheckRunner;
  faults: FaultSlot;
  hangAfterMs?: number;
  /** Replaces node-pty (tests). */
  spawn?: PtySpawn;
  now?: () => number;
}

/** The rotation service; `rotation:start` is refused unless the backend's own fresh pre-checks and plan allow it. */
export function createRotations(w: RotationWiring): RotationService {
  const { info } = w;
  return new RotationService({
    dataDir: w.dataDir,
    invocation: w.invocation,
    hangAfterMs: w.hangAfterMs ?? 120_000,
    signingService: info.tkeEnv.signingService,
    // The hardware's state decides, read afresh by the backend: never the renderer's word or a journal's id.
    startGate: planGate(w.prechecks, w.now ?? Date.now),
    commandEnv: (argv) => (argv[0] === 'login' ? loginEnv(info.mode, argv, w.env) : w.faults.envFor(info.mode, argv)),
    onCommandFinished: (argv, exitCode) => {
      if (argv[0] === 'login' && exitCode === 0) w.settings.update({ lastLoginAt: Date.now() });
    },
    events: {
      line: (e) => w.emit('rotation:line', e),
      exit: (e) => w.emit('rotation:exit', e),
      updated: (state) => w.emit('rotation:updated', state),
      notice: (n) => w.emit('app:notice', n),
    },
    ...(w.spawn ? { spawn: w.spawn } : {}),
  });
}

export function summaryOf(j: JournalSummary): RotationSummary {
  return {
    rotationId: j.rotationId,
    startedAt: j.startedAt ?? null,
    mode: j.mode ?? null,
    flow: j.flow ?? null,
    instanceId: j.instanceId ?? null,
    operator: j.operator ?? null,
    finished: j.finished,
    outcome: j.outcome ?? null,
    entries: j.entryCount,
    lastHash: j.lastHash ?? null,
    status: j.status,
    problem: j.status === 'ok' ? null : j.reason,
    story: j.story,
  };
}

type RotationHandlers = Pick<
  Handlers,
  | 'app:get-info'
  | 'app:get-bootstrap'
  | 'rotation:start'
  | 'rotation:open'
  | 'rotation:get-state'
  | 'rotation:list'
  | 'rotation:get-lines'
  | 'rotation:run-command'
  | 'rotation:answer-prompt'
  | 'rotation:cancel-command'
  | 'rotation:record-decision'
  | 'rotation:finish'
>;

/** A rehearsal on a twin is listed in the journal (and so the signed report) of the next rotation of its instance. */
export function rotationHandlers(
  info: AppInfo,
  rotations: RotationService,
  rehearsals: RehearsalStore,
): RotationHandlers {
  return {
    'app:get-info': async () => info,
    'app:get-bootstrap': async () => {
      const list = await rotations.list().catch(() => null);
      // The console state is read last: an event sent before this answer is never newer than it.
      return { info, console: rotations.state(), rotations: list?.map(summaryOf) ?? null };
    },
    'rotation:start': async (req) => {
      const snapshot = await rotations.start(req);
      const r = rehearsals.last;
      return r && r.instanceId === req.instanceId ? rotations.decide(rehearsalDecision(r), false) : snapshot;
    },
    'rotation:open': (req) =>
      rotations.open(req.rotationId, req.readOnly === undefined ? {} : { readOnly: req.readOnly }),
    'rotation:get-state': async () => rotations.state(),
    'rotation:list': async () => (await rotations.list()).map(summaryOf),
    'rotation:get-lines': async (req) => rotations.lines(req.from, req.count),
    'rotation:run-command': (req) => rotations.run(req.argv, req.advised === true),
    'rotation:answer-prompt': async (req) => {
      await rotations.answer(req.runId, req.text, req.secret);
      return null;
    },
    'rotation:cancel-command': (req) => rotations.cancel(req.runId, req.confirmation),
    'rotation:record-decision': async (req) => {
      if (isRehearsalDecision(req.what))
        throw new RefusedError('A rehearsal is recorded by the app when it ran one, not as a free decision.');
      return rotations.decide(req.what, req.override);
    },
    'rotation:finish': (req) => rotations.finish(req.outcome),
  };
}
