/**
 * The bridge only: exposes `window.mkra`, built from the shared channel list. It forwards
 * nothing but declared channels; the main process validates every payload again.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_PREFIX, CHANNELS, EVENT_NAMES, type EventName, type RendererApi } from '../../shared/ipc/contract.js';

const channels = new Set<string>(CHANNELS);
const eventNames = new Set<string>(EVENT_NAMES);

const api = {
  invoke(channel, request) {
    if (!channels.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `Unknown channel: ${String(channel)}` } });
    }
    return ipcRenderer.invoke(CHANNEL_PREFIX + channel, request);
  },
  on(event: EventName, listener) {
    if (!eventNames.has(event)) return () => undefined;
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => (listener as (payload: unknown) => void)(payload);
    ipcRenderer.on(CHANNEL_PREFIX + event, wrapped);
    return () => ipcRenderer.removeListener(CHANNEL_PREFIX + event, wrapped);
  },
} satisfies RendererApi;

contextBridge.exposeInMainWorld('mkra', api);
