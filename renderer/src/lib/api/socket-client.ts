/**
 * The browser host's transport: the same RendererApi as the Electron preload, over one
 * WebSocket to `/api` on the page's own origin (the token travels in the HttpOnly cookie).
 */
import type { EventName, EventPayload, RendererApi, Result } from '../../../../shared/ipc/contract.js';
import type { ServerFrame } from '../../../../shared/ipc/frames.js';

type Listener = (payload: unknown) => void;

/** Connect to the host and resolve once the socket is open. */
export function connectSocketApi(url = `ws://${location.host}/api`): Promise<RendererApi> {
  const socket = new WebSocket(url);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<Listener>>();
  let nextId = 1;

  const failAll = (message: string) => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'failed', message } });
    pending.clear();
  };

  socket.addEventListener('message', (message) => {
    const frame = JSON.parse(String(message.data)) as ServerFrame;
    if (frame.type === 'result') {
      pending.get(frame.id)?.(frame.result);
      pending.delete(frame.id);
    } else if (frame.type === 'event') {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
    }
  });
  socket.addEventListener('close', () => failAll('The connection to the app backend was closed. Reload the page.'));

  const api: RendererApi = {
    invoke(channel, request) {
      if (socket.readyState !== WebSocket.OPEN) {
        return Promise.resolve({ ok: false, error: { code: 'failed', message: 'Not connected to the app backend.' } });
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void);
        socket.send(JSON.stringify({ type: 'invoke', id, channel, payload: request }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
  };

  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(api), { once: true });
    socket.addEventListener(
      'error',
      () => reject(new Error('Could not connect to the app backend (open the exact URL printed by mkra serve).')),
      { once: true },
    );
  });
}
