/**
 * The one IPC contract: every channel's request and response schema, declared once. The Electron
 * preload, the main-process handler and the browser host are all driven by this table, so the two
 * transports cannot drift apart. The renderer imports only the types (no validator code ships to it).
 */
import { z } from 'zod';

/** Prefix every channel carries on the wire (`ipcMain.handle` name, WebSocket frame). */
export const CHANNEL_PREFIX = 'mkra:';

const Empty = z.object({}).strict();

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
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Request/response schemas per channel. Channel names are `domain:verb-noun`. */
export const contract = {
  'app:get-info': { request: Empty, response: AppInfo },
} as const;

export type Channel = keyof typeof contract;
export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<(typeof contract)[C]['response']>;

/** Pushed main -> renderer events and their payloads. */
export const events = {
  'app:notice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export interface IpcError {
  code: 'unknown-channel' | 'invalid-payload' | 'refused' | 'failed';
  message: string;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** The API object the renderer sees as `window.mkra` (Electron) or builds over the socket (browser). */
export interface RendererApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Every channel name, in declaration order. */
export const CHANNELS = Object.keys(contract) as Channel[];
/** Every event name, in declaration order. */
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** True when `name` is a declared channel (guards untrusted input from either transport). */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
