/**
 * The browser host's transport: the same RendererApi as the Electron preload, over one
 * WebSocket to `/api` on the page's own origin (the token travels in the HttpOnly cookie).
 * When the socket closes (the backend died or the network dropped) the link is reported lost at
 * once, every request in flight fails, and it reconnects by itself with a growing delay.
 */
import type { EventName, EventPayload, RendererApi, Result } from '../../../../shared/ipc/contract.js';
import type { ServerFrame } from '../../../../shared/ipc/frames.js';

type Listener = (payload: unknown) => void;

/** The link to the backend: open, or lost with the attempt under way and when the next one starts. */
export type LinkStatus = { state: 'open' } | { state: 'lost'; attempt: number; retryAt: number | null };

/** The transport's RendererApi, plus what it knows of the link. */
export interface SocketApi extends RendererApi {
  /** Called at every change of the link (not with the current one). */
  onStatus(listener: (status: LinkStatus) => void): () => void;
  /** Try to reconnect now instead of waiting for the next attempt. */
  retryNow(): void;
}

/** Delay before reconnect attempt `attempt` (1-based): 0.5 s doubling up to 8 s. */
export function backoffMs(attempt: number): number {
  return Math.min(8000, 500 * 2 ** Math.max(0, attempt - 1));
}

export const LOST_MESSAGE = 'The connection to the app backend was lost.';

/** One link to the host over a WebSocket that is replaced, with backoff, each time it closes. */
class Link {
  readonly pending = new Map<number, (result: Result<unknown>) => void>();
  readonly listeners = new Map<string, Set<Listener>>();
  readonly statusListeners = new Set<(status: LinkStatus) => void>();
  socket: WebSocket;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #url: string;

  constructor(url: string) {
    this.#url = url;
    this.socket = new WebSocket(url);
  }

  /** The first socket is open: follow it. */
  adopt(socket: WebSocket): void {
    this.socket = socket;
    this.#attempt = 0;
    socket.addEventListener('message', (message) => this.#onMessage(message));
    socket.addEventListener('close', () => this.#onClose());
  }

  retryNow(): void {
    if (this.#timer === null) return;
    clearTimeout(this.#timer);
    this.#reconnect();
  }

  #report(status: LinkStatus): void {
    for (const listener of this.statusListeners) listener(status);
  }

  #onMessage(message: MessageEvent): void {
    const frame = JSON.parse(String(message.data)) as ServerFrame;
    if (frame.type === 'result') {
      this.pending.get(frame.id)?.(frame.result);
      this.pending.delete(frame.id);
    } else if (frame.type === 'event') {
      for (const listener of this.listeners.get(frame.event) ?? []) listener(frame.payload);
    }
  }

  /** An open socket closed: every request in flight fails, and the link is lost until one opens. */
  #onClose(): void {
    for (const resolve of this.pending.values())
      resolve({ ok: false, error: { code: 'failed', message: LOST_MESSAGE } });
    this.pending.clear();
    if (this.#timer === null) this.#schedule();
  }

  #schedule(): void {
    this.#attempt += 1;
    const delay = backoffMs(this.#attempt);
    this.#report({ state: 'lost', attempt: this.#attempt, retryAt: Date.now() + delay });
    this.#timer = setTimeout(() => this.#reconnect(), delay);
  }

  #reconnect(): void {
    this.#timer = null;
    this.#report({ state: 'lost', attempt: this.#attempt, retryAt: null });
    const next = new WebSocket(this.#url);
    next.addEventListener('open', () => {
      this.adopt(next);
      this.#report({ state: 'open' });
    });
    // A failed attempt closes without opening: wait longer, then try again.
    next.addEventListener('close', () => {
      if (this.socket !== next && this.#timer === null) this.#schedule();
    });
  }
}

function apiOf(link: Link): SocketApi {
  let nextId = 1;
  return {
    invoke(channel, request) {
      if (link.socket.readyState !== WebSocket.OPEN) {
        return Promise.resolve({ ok: false, error: { code: 'failed', message: LOST_MESSAGE } });
      }
      const id = nextId++;
      return new Promise((resolve) => {
        link.pending.set(id, resolve as (result: Result<unknown>) => void);
        link.socket.send(JSON.stringify({ type: 'invoke', id, channel, payload: request }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = link.listeners.get(event) ?? new Set<Listener>();
      link.listeners.set(event, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
    onStatus(listener) {
      link.statusListeners.add(listener);
      return () => link.statusListeners.delete(listener);
    },
    retryNow: () => link.retryNow(),
  };
}

/** Connect to the host and resolve once the socket is open. */
export function connectSocketApi(url = `ws://${location.host}/api`): Promise<SocketApi> {
  const link = new Link(url);
  const first = link.socket;
  return new Promise((resolve, reject) => {
    first.addEventListener(
      'open',
      () => {
        link.adopt(first);
        resolve(apiOf(link));
      },
      { once: true },
    );
    first.addEventListener(
      'error',
      () => reject(new Error('Could not connect to the app backend (open the exact URL printed by mkra serve).')),
      { once: true },
    );
  });
}
