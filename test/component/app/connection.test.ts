/**
 * The link to the backend: lost as soon as the socket closes (requests in flight fail), retried by
 * itself with a growing delay, open again when a socket opens; the banner says so and offers a retry.
 */
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Connection } from '../../../renderer/src/lib/api/connection.svelte.js';
import {
  backoffMs,
  connectSocketApi,
  LOST_MESSAGE,
  type LinkStatus,
} from '../../../renderer/src/lib/api/socket-client.js';
import ConnectionBanner from '../../../renderer/src/lib/components/ConnectionBanner.svelte';
import { setupMessages } from '../console/setup.js';

/** A WebSocket stand-in the test opens and closes. */
class FakeSocket extends EventTarget {
  static readonly OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  readonly sent: string[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.all.push(this);
  }
  send(text: string): void {
    this.sent.push(text);
  }
  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.dispatchEvent(new Event('open'));
  }
  close(): void {
    this.readyState = 3;
    this.dispatchEvent(new Event('close'));
  }
}

beforeAll(setupMessages);
beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function connected() {
  const connecting = connectSocketApi('ws://host/api');
  FakeSocket.all[0]?.open();
  const api = await connecting;
  const statuses: LinkStatus[] = [];
  api.onStatus((s) => statuses.push(s));
  return { api, statuses };
}

describe('socket link', () => {
  it('backs off from 0.5 s, doubling, to at most 8 s', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map(backoffMs)).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('is lost at once when the socket closes, fails what was in flight, retries, and is open again', async () => {
    const { api, statuses } = await connected();
    const asked = api.invoke('rotation:list', {});
    FakeSocket.all[0]?.close();
    expect(await asked).toEqual({ ok: false, error: { code: 'failed', message: LOST_MESSAGE } });
    expect(statuses.at(-1)).toMatchObject({ state: 'lost', attempt: 1 });
    expect(await api.invoke('rotation:list', {})).toMatchObject({ ok: false });
    // The first attempt after 0.5 s fails: the next waits 1 s.
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1]?.close();
    expect(statuses.at(-1)).toMatchObject({ state: 'lost', attempt: 2 });
    vi.advanceTimersByTime(999);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    FakeSocket.all[2]?.open();
    expect(statuses.at(-1)).toEqual({ state: 'open' });
    void api.invoke('rotation:list', {});
    expect(FakeSocket.all[2]?.sent).toHaveLength(1);
  });

  it('retries at once when asked to, instead of waiting', async () => {
    const { api } = await connected();
    FakeSocket.all[0]?.close();
    api.retryNow();
    expect(FakeSocket.all).toHaveLength(2);
  });
});

describe('Connection and its banner', () => {
  it('reports each change between open and lost once, and the banner follows it', async () => {
    const { api } = await connected();
    const connection = new Connection();
    const changes: boolean[] = [];
    connection.watch(api, (lost) => changes.push(lost));
    render(ConnectionBanner, { connection });
    expect(screen.queryByRole('alert')).toBeNull();
    FakeSocket.all[0]?.close();
    flushSync();
    expect(connection.lost).toBe(true);
    const banner = screen.getByRole('alert');
    expect(banner.textContent).toContain('Connection to the app backend lost.');
    expect(banner.textContent).toContain('attempt 1');
    vi.advanceTimersByTime(500);
    FakeSocket.all[1]?.close();
    vi.advanceTimersByTime(1000);
    FakeSocket.all[2]?.open();
    flushSync();
    expect(changes).toEqual([true, false]);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
