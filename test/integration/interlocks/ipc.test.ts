/**
 * The interlocks through the Electron IPC handler layer: the handlers electron/main registers with
 * `registerIpc` (sender check, payload validation) over the real backend in demo mode and its
 * simulator. `ipcMain` and the window are stand-ins, as in test/unit/foundation/ipc.test.ts; nothing
 * else of Electron is needed by this layer. Events reach the window as the main process forwards
 * them, from the backend's event stream.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/backend.js';
import { registerIpc } from '../../../electron/main/ipc.js';
import { CHANNEL_PREFIX, type Result } from '../../../shared/ipc/contract.js';
import { interlockCampaign } from './transport-campaign.js';
import { TransportDriver, type Transport } from './transport-driver.js';

// Generous: these drive the simulator through whole rotations on a machine that may be busy.
const TIMEOUT = 300_000;

type Handler = (event: unknown, payload: unknown) => Promise<Result<unknown>>;

function ipcTransport(): Transport {
  const dataDir = mkdtempSync(join(tmpdir(), 'mkra-ipc-'));
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', MKRA_SIM_TIME_SCALE: '0' };
  const backend = createBackend({ host: 'electron', env, dataDir, forceDemo: true, name: 'mkra', version: 'il' });
  const handlers = new Map<string, Handler>();
  const mainFrame = { url: 'app://mkra/index.html' };
  const webContents = { mainFrame } as never;
  const ipcMain = { handle: (channel: string, handler: Handler) => void handlers.set(channel, handler) };
  registerIpc(ipcMain as never, backend.handlers, () => ({ webContents }));
  const events: { event: string; payload: unknown }[] = [];
  let wake: (() => void)[] = [];
  backend.subscribe((event, payload) => {
    events.push({ event, payload });
    wake.splice(0).forEach((w) => w());
  });
  return {
    events,
    invoke: async (channel, payload) => {
      const handler = handlers.get(CHANNEL_PREFIX + channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return handler({ sender: webContents, senderFrame: mainFrame }, payload);
    },
    nextEvent: (seen) => (events.length > seen ? Promise.resolve() : new Promise<void>((r) => wake.push(r))),
    close: async () => {
      wake = [];
      await backend.rotations.shutdown();
    },
  };
}

describe('interlocks through the Electron IPC handlers', () => {
  it(
    'refuses every destructive step the table refuses, for the reason it gives, on the simulator',
    async () => {
      const transport = ipcTransport();
      try {
        await interlockCampaign(new TransportDriver(transport));
      } finally {
        await transport.close();
      }
    },
    TIMEOUT,
  );

  it(
    'a refusal crosses with its message and kind; a malformed argv never reaches the backend',
    async () => {
      const transport = ipcTransport();
      const d = new TransportDriver(transport);
      expect(await d.refusal('rotation:run-command', { argv: ['tke', 'auto-mk-rotate'] })).toEqual({
        code: 'refused',
        message: expect.stringMatching(/^ibmcloud tke auto-mk-rotate changes registers or key storage: start/),
        reason: { kind: 'needs-rotation', command: 'ibmcloud tke auto-mk-rotate' },
      });
      const long = await d.refusal('rotation:run-command', { argv: ['tke', 'auto-mk-rotate', 'x'.repeat(201)] });
      expect(long).toMatchObject({ code: 'invalid-payload' });
      await transport.close();
    },
    TIMEOUT,
  );
});
