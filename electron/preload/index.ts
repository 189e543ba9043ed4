/**
 * The bridge only: exposes `window.mkra`, built from the channel names (names.ts, no schemas). It forwards
 * nothing but declared channels; the main process validates every payload again.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventName, RendererApi } from '../../shared/ipc/contract.js';
import { CHANNEL_NAMES, CHANNEL_PREFIX, EVENT_NAME_LIST } from '../../shared/ipc/names.js';

const channels = new Set<string>(CHANNEL_NAMES);
const eventNames = new Set<string>(EVENT_NAME_LIST);

const api = {
  invoke(channel, request) {
    if (!channels.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown-channel', message: `Unknown channel: ${String(channel)}` },
      });
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
