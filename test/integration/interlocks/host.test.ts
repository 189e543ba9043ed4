/**
 * The interlocks through the browser host: a real `mkra serve --demo` process (its own simulator),
 * driven over its WebSocket with the token cookie and our own Origin, as the renderer in a browser
 * is. The same campaign as through the Electron IPC handlers; a socket without the token gets no
 * answer at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Result } from '../../../shared/ipc/contract.js';
import type { ServerFrame } from '../../../shared/ipc/frames.js';
import { startServed, type Served } from '../host/served-process.js';
import { interlockCampaign } from './transport-campaign.js';
import { TransportDriver, type Transport } from './transport-driver.js';

// Generous: these drive the simulator through whole rotations on a machine that may be busy.
const TIMEOUT = 300_000;

let served: Served;
beforeAll(async () => {
  served = await startServed();
}, TIMEOUT);
afterAll(() => served.stop());

async function socketTransport(s: Served): Promise<Transport> {
  const ws = new WebSocket(`ws://${s.host}/api`, { headers: { Origin: s.origin, Cookie: s.cookie } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  const events: { event: string; payload: unknown }[] = [];
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let wake: (() => void)[] = [];
  let nextId = 1;
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    if (frame.type === 'result') pending.get(frame.id)?.(frame.result);
    if (frame.type === 'event') events.push({ event: frame.event, payload: frame.payload });
    if (frame.type === 'error') throw new Error(`host error frame: ${frame.message}`);
    wake.splice(0).forEach((w) => w());
  });
  return {
    events,
    invoke: (channel, payload) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, (result) => {
          pending.delete(id);
          resolve(result);
        });
        ws.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
      }),
    nextEvent: (seen) => (events.length > seen ? Promise.resolve() : new Promise<void>((r) => wake.push(r))),
    close: async () => {
      wake = [];
      ws.close();
      await new Promise((resolve) => ws.once('close', resolve));
    },
  };
}

describe('interlocks through the browser host (mkra serve --demo)', () => {
  it(
    'refuses every destructive step the table refuses, for the reason it gives, over the WebSocket',
    async () => {
      const transport = await socketTransport(served);
      try {
        await interlockCampaign(new TransportDriver(transport));
      } finally {
        await transport.close();
      }
      expect(served.ended).toBeNull();
    },
    TIMEOUT,
  );

  it(
    'a socket without the token is refused before any channel is reached',
    async () => {
      const ws = new WebSocket(`ws://${served.host}/api`, { headers: { Origin: served.origin } });
      const status = await new Promise<number>((resolve) => {
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => resolve(101));
      });
      expect(status).toBe(403);
    },
    TIMEOUT,
  );
});
