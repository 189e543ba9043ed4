// The browser host's own bounds and guards, in-process with a backend whose handler is held open:
// a socket may not pile up unanswered requests, refusals do not echo megabytes back, the redirect
// stays on our origin, and static paths stay in the renderer directory.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import { startHost, type RunningHost } from '../../../electron/backend/host/server.js';
import { MAX_IN_FLIGHT } from '../../../electron/backend/host/socket.js';
import { sameOriginPath } from '../../../electron/backend/host/request-guard.js';
import { resolveStaticPath } from '../../../electron/backend/host/static-files.js';
import { RawSocket } from './raw-client.js';

let host: RunningHost;
let backend: Backend;
const held: (() => void)[] = [];
let onHeld: () => void = () => undefined;
const release = () => held.splice(0).forEach((answer) => answer());
/** Resolves once `n` requests are held by the backend. */
const holding = (n: number) =>
  new Promise<void>((resolve) => {
    onHeld = () => {
      if (held.length >= n) resolve();
    };
    onHeld();
  });
const logged: string[] = [];

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'mkra-limits-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  backend = createBackend({
    host: 'browser',
    env: { PATH: '' },
    dataDir: join(root, 'data'),
    forceDemo: true,
    name: 'n',
    version: '1.0.0',
  });
  const info = backend.handlers['app:get-info'];
  // Held until released, like a slow simulator call.
  backend.handlers['app:get-info'] = (req) =>
    new Promise((resolve) => {
      held.push(() => resolve(info(req)));
      onHeld();
    });
  host = await startHost({ backend, rendererDir, port: 0, log: (line) => logged.push(line) });
});
afterAll(() => host.close());

const open = () =>
  RawSocket.open(host.port, {
    Host: `127.0.0.1:${host.port}`,
    Origin: `http://127.0.0.1:${host.port}`,
    Cookie: `mkra_token=${host.token}`,
  });
const invoke = (id: number, channel = 'app:get-info', payload: unknown = {}) => ({
  type: 'invoke',
  id,
  channel,
  payload,
});

describe('browser host bounds', () => {
  it(`refuses requests past ${MAX_IN_FLIGHT} unanswered on one socket, and takes more once answered`, async () => {
    const ws = await open();
    const count = MAX_IN_FLIGHT + 6;
    for (const round of [0, 1000]) {
      const last = round + count + 1;
      ws.sendTogether(
        ...Array.from({ length: count }, (_, i) => invoke(round + i + 1)),
        invoke(last, 'rotation:get-state'),
      );
      // Frames are answered in order, so once the last one is, every refusal before it has arrived.
      expect((await ws.next((m) => m.id === last))?.result?.error?.message).toMatch(
        /Too many requests at once \(at most 64 unanswered\)/,
      );
      const refusals = ws.messages.filter((m) => (m.id ?? 0) > round + MAX_IN_FLIGHT && (m.id ?? 0) < last);
      expect(refusals.map((m) => m.result?.error?.code)).toEqual(
        Array.from({ length: count - MAX_IN_FLIGHT }, () => 'refused'),
      );
      ws.messages.splice(0);
      await holding(MAX_IN_FLIGHT);
      release();
      // Answered requests free their places: the second round is refused at the same point.
      for (let id = round + 1; id <= round + MAX_IN_FLIGHT; id++)
        expect((await ws.next((m) => m.id === id))?.result?.ok).toBe(true);
    }
    ws.close();
  });

  it('cuts a refusal that would echo a huge payload', async () => {
    const ws = await open();
    const payload: Record<string, number> = { flow: 0 };
    for (let i = 0; i < 20_000; i++) payload[`unexpected${i}`] = i;
    ws.sendTogether(invoke(1, 'rotation:start', payload));
    const error = (await ws.next((m) => m.id === 1))?.result?.error;
    expect(error?.code).toBe('invalid-payload');
    expect(error?.message.length).toBeLessThan(2100);
    expect(error?.message).toMatch(/… \(\d+ more characters\)$/);
    ws.close();
  });

  it('tells its log, not stderr, which socket it closed for a protocol error', async () => {
    const ws = await open();
    ws.send(Buffer.from([0x81, 0x02, 0x7b, 0x7d]));
    expect(await ws.untilClosed()).toBe(1002);
    expect(logged.join('\n')).toMatch(/closed a WebSocket: .*MASK/);
  });
});

describe('the redirect after trading the token', () => {
  it.each([
    ['//evil.example/x', '/evil.example/x'],
    ['/\\evil.example', '/evil.example'],
    ['/\\/\\evil.example', '/evil.example'],
    ['/', '/'],
    ['/index.html', '/index.html'],
    ['/assets//app.js', '/assets/app.js'],
  ])('%s goes to %s', (from, to) => {
    expect(sameOriginPath(from)).toBe(to);
  });
});

describe('static file paths', () => {
  // URL paths always start with "/", which path.normalize already anchors; these guard the
  // resolver itself for any caller that does not.
  it.each(['../outside.txt', 'assets/../../outside.txt', '/index.html%00', '/%00', '/%E0%A4%A'])(
    '%s resolves to nothing',
    (path) => {
      expect(resolveStaticPath(join('/srv', 'renderer'), path)).toBeNull();
    },
  );

  it('resolves a file inside the root', () => {
    expect(resolveStaticPath(join('/srv', 'renderer'), '/assets/app.js')).toBe(
      join('/srv', 'renderer', 'assets', 'app.js'),
    );
  });
});
