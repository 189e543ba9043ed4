/**
 * The backend behind both transports (Electron IPC and the browser host): one handler per
 * contract channel plus one event stream. Plain Node: no `electron` import.
 */
import { mkdirSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import type { AppInfo, EventName, EventPayload } from '../../shared/ipc/contract.js';
import { checkEvent, type Handlers } from '../../shared/ipc/dispatch.js';
import { detectTke } from './environment/detect-tke.js';
import { demoPaths } from './environment/paths.js';
import { inspectTkeFiles } from './environment/tke-files.js';

export interface BackendOptions {
  host: AppInfo['host'];
  env: NodeJS.ProcessEnv;
  dataDir: string;
  /** The browser host always forces demo: it must never drive a real `ibmcloud`. */
  forceDemo: boolean;
  name: string;
  version: string;
  platform?: string;
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Backend {
  handlers: Handlers;
  subscribe(listener: EventListener): () => void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** Work out the mode and key-file directory once, at start. */
export function resolveEnvironment(options: BackendOptions): AppInfo {
  const platform = options.platform ?? process.platform;
  const tke = detectTke(options.env, platform as NodeJS.Platform);
  let mode: AppInfo['mode'] = 'demo';
  let modeReason: string;
  let modeReasonCode: AppInfo['modeReasonCode'];
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
  };
}

/** Create the backend services for one app or host instance. */
export function createBackend(options: BackendOptions): Backend {
  const info = resolveEnvironment(options);
  const emitter = new EventEmitter<{ event: [EventName, unknown] }>();
  const handlers: Handlers = {
    'app:get-info': async () => info,
  };
  return {
    handlers,
    subscribe(listener) {
      const wrapped = (event: EventName, payload: unknown) => listener(event, payload as EventPayload<EventName>);
      emitter.on('event', wrapped);
      return () => emitter.off('event', wrapped);
    },
    emit(event, payload) {
      emitter.emit('event', event, checkEvent(event, payload));
    },
  };
}
