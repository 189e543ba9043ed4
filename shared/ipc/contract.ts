/**
 * The one IPC contract: every channel's request and response schema, declared once. The Electron
 * preload, the main-process handler and the browser host are all driven by this table, so the two
 * transports cannot drift apart. The renderer imports only the types (no validator code ships to it).
 */
import { z } from 'zod';
import { CHECKLIST_IDS } from '../precheck/checklist.js';
import { analysisChannels } from './channels/analysis.js';
import { reportChannels } from './channels/reports.js';
import { trainingChannels } from './channels/training.js';
import { twinChannels } from './channels/twin.js';
import { DemoStatus } from './responses/demo.js';
import { WorkspaceView } from './responses/keyfiles.js';
import { PrecheckReport } from './responses/precheck.js';
import { ConsoleState, LinesPage, RotationSnapshot, RotationSummary, RunningCommand } from './responses/rotation.js';
import { Argv, Empty, FaultRequest, Flow, Nothing, RunId, type Same } from './schema-kit.js';
import { CHANNEL_NAMES, EVENT_NAME_LIST, type ChannelName, type EventNameOf } from './names.js';

/** Prefix every channel carries on the wire (`ipcMain.handle` name, WebSocket frame). */
export { CHANNEL_PREFIX } from './names.js';

export const TkeFilesStatus = z.enum(['ok', 'unset', 'missing', 'not-a-directory', 'unreadable']);

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** `live` only when an `ibmcloud` executable with the `tke` plug-in was found and demo is not forced. */
  mode: z.enum(['live', 'demo']),
  /** Why this mode: a code the UI translates, plus the same in English for logs and the CLI. */
  modeReasonCode: z.enum(['forced-demo', 'no-ibmcloud', 'no-plugin', 'live']),
  modeReason: z.string(),
  host: z.enum(['electron', 'browser']),
  platform: z.string(),
  tke: z.object({
    executable: z.string().nullable(),
    pluginDir: z.string().nullable(),
  }),
  tkeFiles: z.object({
    dir: z.string().nullable(),
    source: z.enum(['env', 'settings', 'demo']),
    status: TkeFilesStatus,
    message: z.string(),
  }),
  /**
   * The TKE plug-in's own environment variables, passed on to the CLI: a signing service for
   * signatures (`TKE_SIGNSERV_URL`, its value not shown; the simulator models one) and the private
   * endpoint (`TKE_PRIVATE_ADDR`, live mode only: the simulator has none).
   */
  tkeEnv: z.object({
    signingService: z.boolean(),
    privateEndpoint: z.string().max(2048).nullable(),
  }),
});
export type AppInfo = z.infer<typeof AppInfo>;

/**
 * What the first screen (Home) needs, in one answer so the renderer's start is one round trip: the
 * app info, the console state (an open rotation for the resume offer) and the journal's rotations
 * (null when they could not be listed: the renderer then asks `rotation:list`, whose error says
 * why, and the app still starts). The simulator's status is not in it: reading it starts the
 * simulator, which takes longer than all of this, so the renderer asks for it (`demo:get-status`)
 * once Home is shown.
 */
export const Bootstrap = z.object({
  info: AppInfo,
  console: ConsoleState,
  rotations: z.array(RotationSummary).nullable(),
});
export type Bootstrap = z.infer<typeof Bootstrap>;

/** Request/response schemas per channel. Channel names are `domain:verb-noun`. */
export const contract = {
  'app:get-info': { request: Empty, response: AppInfo },
  'app:get-bootstrap': { request: Empty, response: Bootstrap },
  'rotation:start': {
    request: z
      .object({
        flow: Flow,
        operator: z.string().trim().max(120).optional(),
        instanceId: z.string().trim().max(80).optional(),
        /** Why the rotation starts although some pre-checks could not be judged (journaled). */
        overrideReason: z.string().trim().max(500).optional(),
        /** The checklist's confirmations (shared/precheck/checklist.ts); the backend refuses a start without those of its flow. */
        confirmed: z.array(z.enum(CHECKLIST_IDS)).max(CHECKLIST_IDS.length).optional(),
      })
      .strict(),
    response: RotationSnapshot,
  },
  'rotation:open': {
    request: z.object({ rotationId: z.string().min(1).max(80), readOnly: z.boolean().optional() }).strict(),
    response: RotationSnapshot,
  },
  'rotation:get-state': { request: Empty, response: ConsoleState },
  'rotation:list': { request: Empty, response: z.array(RotationSummary) },
  'rotation:get-lines': {
    request: z.object({ from: z.number().int().min(0), count: z.number().int().min(1).max(5000) }).strict(),
    response: LinesPage,
  },
  /** `advised`: the argv is the advisor's, sent back unchanged; the backend runs it only if it is exactly one of the advice's. */
  'rotation:run-command': {
    request: z.object({ argv: Argv, advised: z.boolean().optional() }).strict(),
    response: RunningCommand,
  },
  'rotation:answer-prompt': {
    request: z.object({ runId: RunId, text: z.string().max(1000), secret: z.boolean() }).strict(),
    response: Nothing,
  },
  'rotation:cancel-command': {
    request: z.object({ runId: RunId, confirmation: z.string().max(20).optional() }).strict(),
    response: z.object({ cancelled: z.boolean(), warning: z.string().optional() }),
  },
  'rotation:record-decision': {
    request: z.object({ what: z.string().trim().min(1).max(500), override: z.boolean() }).strict(),
    response: RotationSnapshot,
  },
  'rotation:finish': {
    request: z.object({ outcome: z.string().trim().min(1).max(200) }).strict(),
    response: RotationSnapshot,
  },
  'precheck:run': { request: z.object({ flow: Flow }).strict(), response: PrecheckReport },
  'keyfiles:scan': { request: Empty, response: WorkspaceView },
  'keyfiles:verify-password': {
    request: z.object({ fileName: z.string().min(1).max(255), password: z.string().min(1).max(1024) }).strict(),
    response: z.object({ ok: z.boolean(), reason: z.string().optional() }),
  },
  'demo:get-status': { request: Empty, response: DemoStatus },
  'demo:set-fault': {
    request: FaultRequest,
    response: z.object({ fault: z.string().nullable() }),
  },
  'demo:reset': {
    request: z
      .object({
        scenario: z.string().regex(/^[a-z0-9-]{1,40}$/),
        keys: z.number().int().min(1).max(1_000_000).optional(),
      })
      .strict(),
    response: DemoStatus,
  },
  // Each capability declares its channels in shared/ipc/channels/ and is spread in here.
  ...reportChannels,
  ...trainingChannels,
  ...analysisChannels,
  ...twinChannels,
} as const;

export type Channel = keyof typeof contract;
export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<(typeof contract)[C]['response']>;

/** Pushed main -> renderer events and their payloads. */
export const events = {
  'app:notice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
  'rotation:line': z.object({ runId: z.string(), seq: z.number(), index: z.number(), text: z.string() }),
  'rotation:exit': z.object({ runId: z.string(), exitCode: z.number(), signal: z.number().nullable() }),
  'rotation:updated': ConsoleState,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** Why the backend refused, for the UI to say in its own language (the message stays English). */
export type RefusalReason =
  | { kind: 'forbidden'; command: string }
  | { kind: 'busy'; command: string }
  | { kind: 'needs-rotation'; command: string }
  | { kind: 'plan-blocked'; command: string }
  | { kind: 'unfinished'; command: string };

export interface IpcError {
  code: 'unknown-channel' | 'invalid-payload' | 'refused' | 'failed';
  message: string;
  reason?: RefusalReason;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** The API object the renderer sees as `window.mkra` (Electron) or builds over the socket (browser). */
export interface RendererApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

// The name lists the preload bundles (names.ts) must be exactly the contract's keys: a channel added
// to one and not the other fails to compile here.
const channelsMatch: Same<Channel, ChannelName> = true;
const eventsMatch: Same<EventName, EventNameOf> = true;
void channelsMatch;
void eventsMatch;

/** Every channel name, in declaration order. */
export const CHANNELS: readonly Channel[] = CHANNEL_NAMES;
/** Every event name, in declaration order. */
export const EVENT_NAMES: readonly EventName[] = EVENT_NAME_LIST;

/** True when `name` is a declared channel (guards untrusted input from either transport). */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
