/**
 * The backend behind both transports (Electron IPC and the browser host): one handler per
 * contract channel plus one event stream. Plain Node: no `electron` import.
 */
import { mkdirSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { basename, join } from 'node:path';
import type { AppInfo, EventName, EventPayload } from '../../shared/ipc/contract.js';
import { checkEvent, RefusedError, type Handlers } from '../../shared/ipc/dispatch.js';
import type { RotationSummary } from '../../shared/ipc/views.js';
import type { AdminRow } from '../../shared/parse/listings.js';
import { buildPlan, startProblems } from '../../shared/precheck/plan.js';
import type { PrecheckReport } from '../../shared/precheck/report.js';
import { demoFaults, demoLoadTwin, demoReset, demoStatus } from './demo/demo-control.js';
import { detectTke } from './environment/detect-tke.js';
import { demoPaths } from './environment/paths.js';
import { inspectTkeFiles, readSigningService } from './environment/tke-files.js';
import { signingServiceSet } from '../../shared/tke/signing-service.js';
import type { JournalSummary } from './journal/index.js';
import { matchAdministrators, scanWorkspace, verifyPassword } from './keyfiles/index.js';
import { runPrechecks } from './precheck/precheck-service.js';
import { isMutating } from './rotation/interlocks.js';
import { RotationService } from './rotation/rotation-service.js';
import { buildInvocation, loginEnv } from './runner/tke-invocation.js';
import { SettingsStore } from './settings.js';
import type { BackendContext } from './handlers/context.js';
import { analysisHandlers } from './handlers/analysis.js';
import { reportHandlers } from './handlers/reports.js';
import { trainingHandlers } from './handlers/training.js';
import { twinHandlers, type RehearsalStore } from './handlers/twin.js';
import { isRehearsalDecision, rehearsalDecision } from '../../shared/twin/rehearsal-types.js';
import type { SecretBox } from './reports/index.js';

export interface BackendOptions {
  host: AppInfo['host'];
  env: NodeJS.ProcessEnv;
  dataDir: string;
  /** The browser host always forces demo: it must never drive a real `ibmcloud`. */
  forceDemo: boolean;
  name: string;
  version: string;
  platform?: string;
  /** No output for this long is reported as a hang (default 2 minutes). */
  hangAfterMs?: number;
  /** The OS keystore for the report key (Electron safeStorage); absent outside Electron. */
  secretBox?: SecretBox;
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Backend {
  info: AppInfo;
  handlers: Handlers;
  rotations: RotationService;
  subscribe(listener: EventListener): () => void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** Work out the mode and key-file directory once, at start. */
export function resolveEnvironment(options: BackendOptions): AppInfo {
  const platform = options.platform ?? process.platform;
  const tke = detectTke(options.env, platform as NodeJS.Platform);
  let mode: AppInfo['mode'] = 'demo';
  let modeReasonCode: AppInfo['modeReasonCode'];
  let modeReason: string;
  if (options.forceDemo) {
    modeReasonCode = 'forced-demo';
    modeReason = 'Demo mode was requested: commands run on the built-in simulator, never on real crypto units.';
  } else if (!tke.executable) {
    modeReasonCode = 'no-ibmcloud';
    modeReason = 'No ibmcloud executable was found on PATH, so the app runs on the built-in simulator.';
  } else if (!tke.pluginDir) {
    modeReasonCode = 'no-plugin';
    modeReason = `ibmcloud was found at ${tke.executable}, but the tke plug-in is not installed (ibmcloud plugin install tke), so the app runs on the built-in simulator.`;
  } else {
    mode = 'live';
    modeReasonCode = 'live';
    modeReason = `Live: ibmcloud at ${tke.executable} with the tke plug-in. Commands act on real crypto units.`;
  }
  let tkeFiles: AppInfo['tkeFiles'];
  if (mode === 'demo') {
    const { tkeFilesDir } = demoPaths(options.dataDir);
    mkdirSync(tkeFilesDir, { recursive: true, mode: 0o700 });
    tkeFiles = inspectTkeFiles(tkeFilesDir, 'demo');
  } else {
    tkeFiles = inspectTkeFiles(options.env.CLOUDTKEFILES?.trim() || null, 'env');
  }
  const privateEndpoint = options.env.TKE_PRIVATE_ADDR?.trim() ?? '';
  // The simulator signs through its signing service when TKE_SIGNSERV_URL is set and reaches
  // private-only instances through TKE_PRIVATE_ADDR (docs/simulator.md), so demo mode honours both.
  const tkeEnv = { signingService: signingServiceSet(options.env), privateEndpoint: privateEndpoint !== '' ? privateEndpoint : null };
  return { name: options.name, version: options.version, mode, modeReasonCode, modeReason, host: options.host, platform, tke, tkeFiles, tkeEnv };
}

function summaryOf(j: JournalSummary): RotationSummary {
  return {
    rotationId: j.rotationId,
    startedAt: j.startedAt ?? null,
    mode: j.mode ?? null,
    flow: j.flow ?? null,
    instanceId: j.instanceId ?? null,
    operator: null,
    finished: j.finished,
    outcome: j.outcome ?? null,
    entries: j.entryCount,
    lastHash: j.lastHash ?? null,
    status: j.status,
    problem: j.status === 'ok' ? null : j.reason,
  };
}

/** Create the backend services for one app or host instance. */
export function createBackend(options: BackendOptions): Backend {
  const info = resolveEnvironment(options);
  const emitter = new EventEmitter<{ event: [EventName, unknown] }>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => emitter.emit('event', event, checkEvent(event, payload));
  const settings = new SettingsStore(options.dataDir);
  const { simDir } = demoPaths(options.dataDir);
  const invocation = () => buildInvocation({ info, env: options.env, simDir, simTimeScale: options.env.MKRA_SIM_TIME_SCALE ?? '0.05' });
  let lastAdmins: AdminRow[] = [];
  // Demo and training: the next rotation command (one that changes registers) fails at this point.
  let pendingFault: string | null = null;

  const precheck = async (flow: PrecheckReport['flow']): Promise<PrecheckReport> => {
    const report = await runPrechecks(flow, {
      read: (argv) => rotations.read(argv),
      token,
      keyCount: async () => (info.mode === 'demo' ? (await demoStatus(invocation())).keystore.total : null),
      now: Date.now,
      signingService: () => (info.tkeEnv.signingService && info.tkeFiles.dir ? readSigningService(info.tkeFiles.dir) : undefined),
    });
    lastAdmins = report.admins;
    return report;
  };

  const rotations = new RotationService({
    dataDir: options.dataDir,
    invocation,
    hangAfterMs: options.hangAfterMs ?? 120_000,
    signingService: info.tkeEnv.signingService,
    // The hardware's state decides, read afresh by the backend: never the renderer's word or a journal's id.
    startGate: async (request) => {
      const report = await precheck(request.flow);
      const prechecks = { flow: report.flow, ranAt: new Date(report.ranAt).toISOString(), results: report.results.map((r) => ({ id: r.id, status: r.status, summary: r.summary })) };
      return { prechecks, problems: startProblems(buildPlan(request.flow, report), request) };
    },
    commandEnv: (argv): Record<string, string> => {
      if (argv[0] === 'login') return loginEnv(info.mode, argv, options.env);
      if (!pendingFault || info.mode !== 'demo' || !isMutating(argv)) return {};
      const fault = pendingFault;
      pendingFault = null;
      return { MKRA_SIM_FAULT: fault };
    },
    onCommandFinished: (argv, exitCode) => {
      if (argv[0] === 'login' && exitCode === 0) settings.update({ lastLoginAt: Date.now() });
    },
    events: {
      line: (e) => emit('rotation:line', e),
      exit: (e) => emit('rotation:exit', e),
      updated: (state) => emit('rotation:updated', state),
      notice: (n) => emit('app:notice', n),
    },
  });

  const token = async () => {
    if (info.mode === 'demo') {
      const status = await demoStatus(invocation());
      return { expiresAt: status.token.valid && status.token.expiresAt ? Date.parse(status.token.expiresAt) : Date.now() - 1, source: 'simulator' as const };
    }
    const at = settings.read().lastLoginAt;
    return at ? { expiresAt: at + 3600_000, source: 'app-login' as const } : { expiresAt: null, source: 'unknown' as const };
  };

  // A rehearsal on a twin is listed in the journal (and so the signed report) of the next rotation of its instance.
  const rehearsals: RehearsalStore = { last: null };
  const start = async (req: Parameters<Handlers['rotation:start']>[0]) => {
    const snapshot = await rotations.start(req);
    const r = rehearsals.last;
    return r && r.instanceId === req.instanceId ? rotations.decide(rehearsalDecision(r), false) : snapshot;
  };

  const ctx: BackendContext = { info, dataDir: options.dataDir, rotations, settings, invocation, emit, secretBox: options.secretBox ?? null, env: options.env };
  const handlers: Handlers = {
    ...reportHandlers(ctx),
    ...trainingHandlers(ctx),
    ...analysisHandlers(ctx),
    ...twinHandlers(rehearsals, (argv) => rotations.read(argv)),
    'app:get-info': async () => info,
    'app:get-bootstrap': async () => {
      const list = await rotations.list().catch(() => null);
      // The console state is read last: an event sent before this answer is never newer than it.
      return { info, console: rotations.state(), rotations: list?.map(summaryOf) ?? null };
    },
    'rotation:start': start,
    'rotation:open': (req) => rotations.open(req.rotationId, req.readOnly === undefined ? {} : { readOnly: req.readOnly }),
    'rotation:get-state': async () => rotations.state(),
    'rotation:list': async () => (await rotations.list()).map(summaryOf),
    'rotation:get-lines': async (req) => rotations.lines(req.from, req.count),
    'rotation:run-command': (req) => rotations.run(req.argv),
    'rotation:answer-prompt': async (req) => {
      await rotations.answer(req.runId, req.text, req.secret);
      return null;
    },
    'rotation:cancel-command': (req) => rotations.cancel(req.runId, req.confirmation),
    'rotation:record-decision': async (req) => {
      if (isRehearsalDecision(req.what)) {
        throw new RefusedError('A rehearsal is recorded by the app when it ran one, not as a free decision.');
      }
      return rotations.decide(req.what, req.override);
    },
    'rotation:finish': (req) => rotations.finish(req.outcome),
    'precheck:run': (req) => precheck(req.flow),
    'keyfiles:scan': async () => {
      if (!info.tkeFiles.dir || info.tkeFiles.status !== 'ok') return { scan: null, admins: null, message: info.tkeFiles.message };
      const scan = await scanWorkspace(info.tkeFiles.dir);
      const admins = lastAdmins.length > 0 ? matchAdministrators(scan.sigkeys, lastAdmins.flatMap((a) => (a.name && a.ski ? [{ unit: a.num, name: a.name, ski: a.ski }] : []))) : null;
      return { scan, admins, message: admins ? null : 'Run the pre-checks to see which keys match the administrators installed in the crypto units.' };
    },
    'keyfiles:verify-password': async (req) => {
      const dir = info.tkeFiles.dir;
      if (!dir || basename(req.fileName) !== req.fileName) throw new RefusedError('Give the name of a file in the key files directory.');
      return verifyPassword(join(dir, req.fileName), req.password);
    },
    'demo:get-status': () => demoStatus(invocation()),
    'demo:reset': (req) => demoReset(invocation(), req.scenario, req.keys, () => rotations.state()),
    'demo:load-twin': (req) => demoLoadTwin(invocation(), Buffer.from(req.twin.base64, 'base64'), req.keys, () => rotations.state()),
    'demo:set-fault': async (req) => {
      if (info.mode !== 'demo') throw new RefusedError('Faults can only be injected on the simulator (demo mode).');
      if (req.fault !== null && !(await demoFaults(invocation())).includes(req.fault.replace(/:crash$/, ''))) throw new RefusedError(`Unknown fault point ${req.fault}.`);
      pendingFault = req.fault;
      return { fault: pendingFault };
    },
  };
  return {
    info,
    handlers,
    rotations,
    subscribe(listener) {
      const wrapped = (event: EventName, payload: unknown) => listener(event, payload as EventPayload<EventName>);
      emitter.on('event', wrapped);
      return () => emitter.off('event', wrapped);
    },
    emit,
  };
}
