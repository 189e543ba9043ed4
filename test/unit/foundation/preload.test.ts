// The preload is the bridge between the sandboxed page and the main process: it must forward the
// declared channels and events only, under the contract's prefix, and carry nothing but names.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENT_NAMES, contract, events } from '../../../shared/ipc/contract.js';
import { CHANNEL_NAMES, EVENT_NAME_LIST } from '../../../shared/ipc/names.js';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (...args: unknown[]) => ({ ok: true, value: args })),
  on: vi.fn(),
  removeListener: vi.fn(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: { invoke: electron.invoke, on: electron.on, removeListener: electron.removeListener },
}));

interface Bridge {
  invoke(channel: string, request: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

async function bridge(): Promise<Bridge> {
  vi.resetModules();
  electron.exposed.clear();
  await import('../../../electron/preload/index.js');
  return electron.exposed.get('mkra') as Bridge;
}

describe('preload bridge', () => {
  beforeEach(() => {
    electron.invoke.mockClear();
    electron.on.mockClear();
    electron.removeListener.mockClear();
  });

  it('lists exactly the channels and events the contract declares', () => {
    expect([...CHANNEL_NAMES]).toEqual(Object.keys(contract));
    expect([...EVENT_NAME_LIST]).toEqual(Object.keys(events));
    expect(CHANNELS).toEqual(Object.keys(contract));
    expect(EVENT_NAMES).toEqual(Object.keys(events));
  });

  it('forwards a declared channel under the prefix, and refuses any other without sending it', async () => {
    const api = await bridge();
    await api.invoke('app:get-info', {});
    expect(electron.invoke).toHaveBeenCalledWith('mkra:app:get-info', {});
    const refused = await api.invoke('fs:read-file', { path: '/etc/passwd' });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'unknown-channel', message: 'Unknown channel: fs:read-file' },
    });
    expect(electron.invoke).toHaveBeenCalledTimes(1);
  });

  it('subscribes to declared events only, and unsubscribes the same listener', async () => {
    const api = await bridge();
    const seen: unknown[] = [];
    const off = api.on('rotation:line', (p) => seen.push(p));
    expect(electron.on).toHaveBeenCalledTimes(1);
    const [name, wrapped] = electron.on.mock.calls[0] as [string, (e: unknown, p: unknown) => void];
    expect(name).toBe('mkra:rotation:line');
    wrapped({ sender: 'ignored' }, { text: 'x' });
    expect(seen).toEqual([{ text: 'x' }]);
    off();
    expect(electron.removeListener).toHaveBeenCalledWith('mkra:rotation:line', wrapped);
    api.on('shell:exec', () => undefined);
    expect(electron.on).toHaveBeenCalledTimes(1);
  });

  it('imports no schema code: only electron and the name list (the bundle stays a few kB)', () => {
    const source = readFileSync(new URL('../../../electron/preload/index.ts', import.meta.url), 'utf8');
    const runtimeImports = [...source.matchAll(/^import\s+(?!type\b)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(runtimeImports).toEqual(['electron', '../../shared/ipc/names.js']);
  });
});
