/**
 * The backend behind both transports (Electron IPC and the browser host): one handler per
 * contract channel plus one event stream. Plain Node: no `electron` import.
 */
import { mkdirSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import type { AppInfo, EventName, EventPayload } from '../../shared/ipc/contract.js';
import { checkEvent, type Handlers } from '../../shared/ipc/dispatch.js';
import { signingServiceSet } from '../../shared/tke/signing-service.js';
import { detectTke } from './environment/detect-tke.js';
import { demoPaths } from './environment/paths.js';
import { inspectTkeFiles } from './environment/tke-files.js';
import { analysisHandlers } from './handlers/analysis.js';
import type { BackendContext } from './handlers/context.js';
import { demoHandlers, FaultSlot } from './handlers/demo.js';
import { keyfileHandlers } from './handlers/keyfiles.js';
import { createPrechecks, precheckHandlers } from './handlers/prechecks.js';
import { reportHandlers } from './handlers/reports.js';
import { createRotations, rotationHandlers } from './handlers/rotation.js';
import { trainingHandlers } from './handlers/training.js';
import { twinHandlers, type RehearsalStore } from './handlers/twin.js';
import type { SecretBox } from './reports/index.js';
import type { RotationService } from './rotation/rotation-service.js';
import { buildInvocation } from './runner/tke-invocation.js';
import { SettingsStore } from './settings.js';

export interface BackendOptions {
  host: AppInfo['host'];
  env: NodeJS.ProcessEnv;
  dataDir: string;
  /** The browser host always forces demo: it must never drive a real `ibmcloud`. */
  forceDemo: boolean;
  /** The simulator's state directory in demo mode (default: `demo/sim` in the data directory). */
  simDir?: string;
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
    const { tkeFilesDir } = demoPaths(options.dataDir, options.simDir);
    mkdirSync(tkeFilesDir, { recursive: true, mode: 0o700 });
    tkeFiles = inspectTkeFiles(tkeFilesDir, 'demo');
  } else {
    tkeFiles = inspectTkeFiles(options.env.CLOUDTKEFILES?.trim() || null, 'env');
  }
  const privateEndpoint = options.env.TKE_PRIVATE_ADDR?.trim() ?? '';
  // The simulator signs through its signing service when TKE_SIGNSERV_URL is set and reaches
  // private-only instances through TKE_PRIVATE_ADDR (docs/simulator.md), so demo mode honours both.
  const tkeEnv = {
    signingService: signingServiceSet(options.env),
    privateEndpoint: privateEndpoint !== '' ? privateEndpoint : null,
  };
  return {
    name: options.name,
    version: options.version,
    mode,
    modeReasonCode,
    modeReason,
    host: options.host,
    platform,
    tke,
    tkeFiles,
    tkeEnv,
  };
}

/** Create the backend services for one app or host instance. */
export function createBackend(options: BackendOptions): Backend {
  const info = resolveEnvironment(options);
  const emitter = new EventEmitter<{ event: [EventName, unknown] }>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    const checked = checkEvent(event, payload);
    if (checked.ok) emitter.emit('event', event, checked.payload);
    else process.stderr.write(`mkra: ${checked.problem}; not sent\n`);
  };
  const settings = new SettingsStore(options.dataDir);
  const { simDir } = demoPaths(options.dataDir, options.simDir);
  const invocation = () =>
    buildInvocation({ info, env: options.env, simDir, simTimeScale: options.env.MKRA_SIM_TIME_SCALE ?? '0.05' });
  const faults = new FaultSlot();
  const prechecks = createPrechecks({ info, invocation, settings, read: (argv) => rotations.read(argv) });
  const rotations = createRotations({
    info,
    env: options.env,
    dataDir: options.dataDir,
    invocation,
    settings,
    emit,
    prechecks: prechecks.run,
    faults,
    ...(options.hangAfterMs === undefined ? {} : { hangAfterMs: options.hangAfterMs }),
  });
  const rehearsals: RehearsalStore = { last: null };
  const ctx: BackendContext = {
    info,
    dataDir: options.dataDir,
    rotations,
    settings,
    invocation,
    emit,
    secretBox: options.secretBox ?? null,
    env: options.env,
  };
  const handlers: Handlers = {
    ...reportHandlers(ctx),
    ...trainingHandlers(ctx),
    ...analysisHandlers(ctx),
    ...twinHandlers(rehearsals, (argv) => rotations.read(argv)),
    ...rotationHandlers(info, rotations, rehearsals),
    ...precheckHandlers(prechecks),
    ...keyfileHandlers(ctx, prechecks.admins),
    ...demoHandlers(ctx, faults),
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
