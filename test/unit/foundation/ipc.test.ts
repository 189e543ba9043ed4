import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_PREFIX, CHANNELS, type AppInfo } from '../../../shared/ipc/contract.js';
import { dispatch, RefusedError, type Handlers } from '../../../shared/ipc/dispatch.js';
import { isTrustedSender, registerIpc } from '../../../electron/main/ipc.js';
import { parseClientFrame } from '../../../shared/ipc/frames.js';

const info: AppInfo = {
  name: 'mk-rotation-assistant',
  version: '1.2.3',
  mode: 'demo',
  modeReasonCode: 'forced-demo',
  modeReason: 'demo',
  host: 'electron',
  platform: 'linux',
  tke: { executable: null, pluginDir: null },
  tkeFiles: { dir: '/tmp/x', source: 'demo', status: 'ok', message: 'fine' },
  tkeEnv: { signingService: false, privateEndpoint: null },
};
/** A backend with only app:get-info; the other channels are not exercised here. */
const only = (h: Pick<Handlers, 'app:get-info'>): Handlers => h as Handlers;
const handlers = only({ 'app:get-info': async () => info });

describe('dispatch (validation at the boundary)', () => {
  it('answers a valid request', async () => {
    expect(await dispatch(handlers, 'app:get-info', {})).toEqual({ ok: true, value: info });
  });

  it('refuses an unknown channel with a clear error', async () => {
    const result = await dispatch(handlers, 'fs:read-file', {});
    expect(result).toEqual({ ok: false, error: { code: 'unknown-channel', message: 'Unknown channel: fs:read-file' } });
  });

  it('refuses a malformed payload without calling the handler', async () => {
    const spy = vi.fn(handlers['app:get-info']);
    const result = await dispatch(only({ 'app:get-info': spy }), 'app:get-info', { unexpected: true });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('invalid-payload');
    expect(!result.ok && result.error.message).toMatch(/app:get-info/);
    expect(spy).not.toHaveBeenCalled();
  });

  it('turns a thrown error into { ok: false } and keeps refusals distinct', async () => {
    const failing = only({
      'app:get-info': async () => {
        throw new Error('disk on fire');
      },
    });
    expect(await dispatch(failing, 'app:get-info', {})).toEqual({
      ok: false,
      error: { code: 'failed', message: 'disk on fire' },
    });
    const refusing = only({
      'app:get-info': async () => {
        throw new RefusedError('not now');
      },
    });
    expect(await dispatch(refusing, 'app:get-info', {})).toEqual({
      ok: false,
      error: { code: 'refused', message: 'not now' },
    });
    const withReason = only({
      'app:get-info': async () => {
        throw new RefusedError('busy', { kind: 'busy', command: 'ibmcloud tke cryptounits' });
      },
    });
    expect(await dispatch(withReason, 'app:get-info', {})).toEqual({
      ok: false,
      error: { code: 'refused', message: 'busy', reason: { kind: 'busy', command: 'ibmcloud tke cryptounits' } },
    });
  });

  it('never lets a handler return a value outside the contract', async () => {
    const wrong = { 'app:get-info': async () => ({ ...info, mode: 'production' }) } as unknown as Handlers;
    const result = await dispatch(wrong, 'app:get-info', {});
    expect(result.ok).toBe(false);
  });
});

describe('Electron IPC handler', () => {
  const mainFrame = { url: 'app://mkra/index.html' };
  const webContents = { mainFrame } as never;
  const window = { webContents };

  it('registers every contract channel with the app prefix', () => {
    const ipcMain = { handle: vi.fn() };
    registerIpc(ipcMain, handlers, () => window);
    expect(ipcMain.handle.mock.calls.map((call) => call[0])).toEqual(CHANNELS.map((c) => CHANNEL_PREFIX + c));
  });

  it('answers only our own main frame', async () => {
    const ipcMain = { handle: vi.fn() };
    registerIpc(ipcMain, handlers, () => window);
    const handler = ipcMain.handle.mock.calls[0]?.[1] as (event: unknown, payload: unknown) => Promise<unknown>;
    expect(await handler({ sender: webContents, senderFrame: mainFrame }, {})).toEqual({ ok: true, value: info });
    const subframe = { url: 'app://mkra/index.html' };
    expect(await handler({ sender: webContents, senderFrame: subframe }, {})).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
  });

  it('rejects other origins, other web contents and destroyed frames', () => {
    expect(
      isTrustedSender({ sender: webContents, senderFrame: { url: 'https://evil.example/' } } as never, window),
    ).toBe(false);
    expect(isTrustedSender({ sender: { mainFrame } as never, senderFrame: mainFrame } as never, window)).toBe(false);
    expect(isTrustedSender({ sender: webContents, senderFrame: null } as never, window)).toBe(false);
    expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame } as never, null)).toBe(false);
    const evilMain = { url: 'https://evil.example/' };
    const evilContents = { mainFrame: evilMain } as never;
    expect(
      isTrustedSender({ sender: evilContents, senderFrame: evilMain } as never, { webContents: evilContents }),
    ).toBe(false);
  });
});

describe('browser host frames', () => {
  it('parses an invoke frame and rejects anything else with a message', () => {
    expect(parseClientFrame('{"type":"invoke","id":1,"channel":"app:get-info","payload":{}}')).toEqual({
      ok: true,
      value: { type: 'invoke', id: 1, channel: 'app:get-info', payload: {} },
    });
    for (const bad of [
      null,
      'not json',
      '42',
      '{"type":"invoke"}',
      '{"type":"invoke","id":1.5,"channel":"x"}',
      '{"type":"other","id":1,"channel":"x"}',
    ]) {
      const parsed = parseClientFrame(bad);
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.message.length).toBeGreaterThan(5);
    }
  });
});
