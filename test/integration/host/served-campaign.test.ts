// The served-mode campaign: hostile requests against a real `mkra serve --demo`. Every probe must
// be refused cleanly (an error status, an error frame, a close with a protocol status code or a
// same-origin redirect) and the server must go on serving a normal request after each. Bounded by
// counts; no probe depends on timing.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../../electron/backend/host/socket.js';
import { CHANNELS, contract } from '../../../shared/ipc/contract.js';
import { payloadProbes, VALID } from './channel-probes.js';
import { frame, OP, rawHttp, RawSocket, type RawResponse } from './raw-client.js';
import { serves, startServed, type Served } from './served-process.js';
import { CHECKLIST_IDS } from '../../../shared/precheck/checklist.js';

let s: Served;
const tally = { tried: 0, refused: 0 };

beforeAll(async () => {
  s = await startServed();
}, 120_000);

afterAll(async () => {
  console.log(
    `served-mode campaign: ${tally.tried} probes tried, ${tally.refused} refused cleanly, server up after each`,
  );
  await s.stop();
});

/** Run one probe: it must be refused, and a normal request must be served after it. */
async function probe(name: string, run: () => Promise<boolean>): Promise<void> {
  tally.tried++;
  expect(await run(), `probe refused: ${name}`).toBe(true);
  expect(await serves(s), `server still serving after: ${name}`).toBe(true);
  tally.refused++;
}

function request(target: string, headers: Record<string, string | null> = {}, method = 'GET'): string {
  const all: Record<string, string | null> = { Host: s.host, Connection: 'close', ...headers };
  const lines = Object.entries(all).flatMap(([k, v]) => (v === null ? [] : [`${k}: ${v}`]));
  return `${method} ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

const status = (res: RawResponse | null, ...codes: number[]) => res !== null && codes.includes(res.status);
const http = (head: string | Buffer, body?: Buffer) => rawHttp(s.port, head, body).catch(() => null);
const authed = () => RawSocket.open(s.port, { Host: s.host, Origin: s.origin, Cookie: s.cookie });

describe('served mode under attack', () => {
  it('refuses requests without the token, with a wrong one, or with it in the wrong place', async () => {
    const t = () => s.token;
    const cases: [string, string, Record<string, string | null>][] = [
      ['no token', '/', {}],
      ['wrong query token', '/?token=wrong', {}],
      ['token one character short', `/?token=${t().slice(1)}`, {}],
      ['token with a character more', `/?token=${t()}x`, {}],
      ['empty query token over a good cookie', '/?token=', { Cookie: s.cookie }],
      ['wrong token first, right second', `/?token=wrong&token=${t()}`, {}],
      ['wrong cookie', '/', { Cookie: 'mkra_token=wrong' }],
      ['wrong cookie before the right one', '/', { Cookie: `mkra_token=wrong; ${s.cookie}` }],
      ['token in another cookie', '/', { Cookie: `token=${t()}` }],
      ['token as Authorization', '/', { Authorization: `Bearer ${t()}` }],
      ['token in a custom header', '/', { 'X-Mkra-Token': t() }],
      ['token in the path', `/${t()}`, {}],
      ['token under another query name', `/?TOKEN=${t()}&mkra_token=${t()}`, {}],
      ['token in the Referer', '/', { Referer: `${s.origin}/?token=${t()}` }],
      [
        'token with the case changed',
        `/?token=${t().toUpperCase() === t() ? t().toLowerCase() : t().toUpperCase()}`,
        {},
      ],
    ];
    for (const [name, target, headers] of cases)
      await probe(`HTTP ${name}`, async () => status(await http(request(target, headers)), 403));
  });

  it('refuses foreign Host and Origin headers even with the token (DNS rebinding, cross-site)', async () => {
    const hosts = [
      'evil.example',
      `evil.example:${s.port}`,
      `127.0.0.1.evil.example:${s.port}`,
      `localhost.evil.example:${s.port}`,
      '127.0.0.1',
      `127.0.0.1:${s.port + 1}`,
      `[::1]:${s.port}`,
      `0.0.0.0:${s.port}`,
      `127.0.0.1.:${s.port}`,
      '',
    ];
    for (const host of hosts)
      await probe(`HTTP Host ${JSON.stringify(host)}`, async () =>
        status(await http(request('/', { Host: host, Cookie: s.cookie })), 403, 400),
      );
    await probe('HTTP without any Host', async () =>
      status(await http(request('/', { Host: null, Cookie: s.cookie })), 403, 400),
    );
    const origins = [
      'null',
      'https://evil.example',
      `http://127.0.0.1:${s.port}.evil.example`,
      `http://127.0.0.1:${s.port + 1}`,
      `https://127.0.0.1:${s.port}`,
      `${s.origin}/`,
      'file://',
    ];
    for (const origin of origins)
      await probe(`HTTP Origin ${origin}`, async () =>
        status(await http(request('/', { Origin: origin, Cookie: s.cookie })), 403),
      );
  });

  it('never serves a file outside the renderer, in plain or encoded traversal forms', async () => {
    const targets = [
      '/../package.json',
      '/../../package.json',
      '/%2e%2e/package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/..%2f..%2fpackage.json',
      '/%2e%2e%2f%2e%2e%2fpackage.json',
      '/%252e%252e%252fpackage.json',
      '/..%252f..%252fpackage.json',
      '/..\\..\\package.json',
      '/..%5c..%5cpackage.json',
      '/%5c..%5c..%5cpackage.json',
      '/assets/../../package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/....//....//package.json',
      '/%c0%ae%c0%ae/package.json',
      '/..;/package.json',
      '/.%2e/package.json',
      '/%2e./package.json',
      '/index.html%00',
      '/%00../package.json',
      '/..%00/package.json',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/C:%5cWindows%5cwin.ini',
      '/../electron/cli/mkra.js',
      '/%2e%2e/electron/cli/mkra.js',
    ];
    for (const target of targets) {
      await probe(`traversal ${target}`, async () => {
        const res = await http(request(target, { Cookie: s.cookie }));
        return status(res, 404, 400) && !/mk-rotation-assistant|root:|import /.test(res?.body ?? '');
      });
    }
    await probe('a raw NUL in the path', async () =>
      status(
        await http(
          Buffer.from(`GET /index.html\0/../x HTTP/1.1\r\nHost: ${s.host}\r\nCookie: ${s.cookie}\r\n\r\n`, 'latin1'),
        ),
        400,
      ),
    );
  });

  it('refuses other methods, request bodies, huge headers and request targets it cannot parse', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND']) {
      await probe(`method ${method}`, async () => status(await http(request('/', { Cookie: s.cookie }, method)), 405));
    }
    await probe('CONNECT', async () => {
      const res = await http(request(`127.0.0.1:${s.port}`, { Cookie: s.cookie }, 'CONNECT'));
      return res === null || res.status >= 400;
    });
    const big = Buffer.alloc(8 * 1024 * 1024, 0x41);
    await probe('POST with an 8 MiB body', async () =>
      status(await http(request('/', { Cookie: s.cookie, 'Content-Length': String(big.length) }, 'POST'), big), 405),
    );
    await probe('GET with an 8 MiB body', async () =>
      status(await http(request('/', { Cookie: s.cookie, 'Content-Length': String(big.length) }), big), 413),
    );
    await probe('GET with a body stated as 1 TB', async () =>
      status(await http(request('/', { Cookie: s.cookie, 'Content-Length': String(1e12) })), 413),
    );
    await probe('GET with a chunked body', async () =>
      status(
        await http(
          request('/', { Cookie: s.cookie, 'Transfer-Encoding': 'chunked' }),
          Buffer.from('100000\r\n' + 'A'.repeat(4096)),
        ),
        413,
      ),
    );
    await probe('a 64 KiB header', async () =>
      status(await http(request('/', { Cookie: s.cookie, 'X-Big': 'a'.repeat(64 * 1024) })), 431),
    );
    await probe('an unparseable request target', async () =>
      status(await http(request('http://[', { Cookie: s.cookie })), 400),
    );
    await probe('not HTTP at all', async () => status(await http('HELLO THERE\r\n\r\n'), 400));
  });

  it('redirects after trading the token only to a path on its own origin', async () => {
    const targets = [
      '/.//evil.example/x',
      '//evil.example/',
      '/\\evil.example/',
      '/./\\/evil.example',
      '/%2F%2Fevil.example',
      '/./../..//evil.example',
      '/\\\\evil.example',
      '/.\\\\evil.example/x',
    ];
    for (const target of targets) {
      await probe(`redirect from ${target}`, async () => {
        const res = await http(request(`${target}${target.includes('?') ? '&' : '?'}token=${s.token}`));
        const location = res?.headers['location'] ?? '';
        return status(res, 303) && /^\/(?![/\\])/.test(location) && new URL(location, s.origin).origin === s.origin;
      });
    }
  });

  it('refuses WebSocket upgrades without the token, from another origin, to another path, or malformed', async () => {
    const good = { Host: s.host, Origin: s.origin, Cookie: s.cookie };
    const cases: [string, Record<string, string>, string][] = [
      ['no token', { Host: s.host, Origin: s.origin }, '/api'],
      ['wrong cookie', { ...good, Cookie: 'mkra_token=wrong' }, '/api'],
      ['token as subprotocol', { Host: s.host, Origin: s.origin, 'Sec-WebSocket-Protocol': s.token }, '/api'],
      ['token as Authorization', { Host: s.host, Origin: s.origin, Authorization: `Bearer ${s.token}` }, '/api'],
      ['Origin null', { ...good, Origin: 'null' }, '/api'],
      ['Origin evil', { ...good, Origin: 'https://evil.example' }, '/api'],
      ['Origin look-alike', { ...good, Origin: `http://127.0.0.1.evil.example:${s.port}` }, '/api'],
      ['Host evil', { ...good, Host: 'evil.example' }, '/api'],
      ['Host look-alike', { ...good, Host: `127.0.0.1.evil.example:${s.port}` }, '/api'],
      ['path /api/', good, '/api/'],
      ['path /API', good, '/API'],
      ['path /api2', good, '/api2'],
      ['path traversal', good, '/x/../api%2f..'],
      ['unparseable target', good, 'http://['],
      ['wrong version', { ...good, 'Sec-WebSocket-Version': '8' }, '/api'],
    ];
    for (const [name, headers, path] of cases) {
      await probe(`upgrade ${name}`, async () =>
        RawSocket.open(s.port, headers, path).then(
          (ws) => (ws.close(), false),
          () => true,
        ),
      );
    }
    await probe('20 refused upgrades reset by the client as they are sent', async () => {
      const upgrade = `GET /api HTTP/1.1\r\nHost: ${s.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
      const resets = Array.from(
        { length: 20 },
        () =>
          new Promise<void>((resolve) => {
            const socket = connect(s.port, '127.0.0.1', () => {
              socket.write(upgrade);
              socket.resetAndDestroy();
            });
            socket.on('error', () => undefined);
            socket.on('close', () => resolve());
          }),
      );
      await Promise.all(resets);
      return true;
    });
  });

  it('answers malformed frames with an error frame and keeps the socket open', async () => {
    const ws = await authed();
    const texts = [
      'garbage',
      '[]',
      '42',
      'null',
      '"text"',
      '{"type":"invoke"}',
      '{"type":"invoke","id":1.5,"channel":"app:get-info"}',
      '{"type":"invoke","id":"1","channel":"app:get-info"}',
      `{"type":"invoke","id":${2 ** 60},"channel":"app:get-info"}`,
      '{"type":"invoke","id":1,"channel":5}',
      '{"type":"result","id":1,"channel":"app:get-info"}',
      '['.repeat(100_000) + ']'.repeat(100_000),
    ];
    for (const text of texts) {
      await probe(`frame ${text.slice(0, 40)}`, async () => {
        ws.send(frame(OP.text, text));
        return (await ws.next())?.type === 'error';
      });
    }
    await probe(
      'binary frame',
      async () => (
        ws.send(frame(OP.binary, Buffer.from([1, 2, 3]))),
        (await ws.next())?.message === 'Binary frames are not accepted.'
      ),
    );
    for (const channel of [
      'no:such',
      '__proto__',
      'constructor',
      'toString',
      'mkra:app:get-info',
      'x'.repeat(1_000_000),
    ]) {
      await probe(`unknown channel ${channel.slice(0, 20)}`, async () => {
        ws.send(frame(OP.text, JSON.stringify({ type: 'invoke', id: 7, channel, payload: {} })));
        return (await ws.next((m) => m.id === 7))?.result?.error?.code === 'unknown-channel';
      });
    }
    ws.close();
  });

  it('closes a socket that breaks the protocol or sends too much, with the status code, and stays up', async () => {
    const cases: [string, () => Buffer, number][] = [
      ['an unmasked frame', () => frame(OP.text, '{}', { mask: false }), 1002],
      ['a reserved bit', () => frame(OP.text, '{}', { rsv: 4 }), 1002],
      ['a reserved opcode', () => frame(OP.reserved, 'x'), 1002],
      ['a continuation without a start', () => frame(OP.continuation, 'x'), 1002],
      ['a fragmented ping', () => frame(OP.ping, 'x', { fin: false }), 1002],
      ['a 126-byte ping', () => frame(OP.ping, Buffer.alloc(126)), 1002],
      ['a close with code 999', () => frame(OP.close, Buffer.from([0x03, 0xe7])), 1002],
      ['invalid UTF-8 text', () => frame(OP.text, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 1007],
      ['a length of 2^53 - 1', () => frame(OP.text, 'x', { claimedLength: Number.MAX_SAFE_INTEGER }), 1009],
      ['a length one past the limit', () => frame(OP.text, 'x', { claimedLength: MAX_MESSAGE_BYTES + 1 }), 1009],
      ['a message one byte past the limit', () => frame(OP.text, Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x20)), 1009],
      [
        'fragments adding up past the limit',
        () =>
          Buffer.concat([
            frame(OP.text, Buffer.alloc(Math.ceil(MAX_MESSAGE_BYTES / 2) + 1, 0x20), { fin: false }),
            frame(OP.continuation, Buffer.alloc(Math.ceil(MAX_MESSAGE_BYTES / 2) + 1, 0x20)),
          ]),
        1009,
      ],
    ];
    for (const [name, bytes, code] of cases) {
      await probe(`socket closed for ${name}`, async () => {
        const ws = await authed();
        ws.send(bytes());
        return (await ws.untilClosed()) === code;
      });
    }
  }, 300_000);

  it('refuses schema-violating payloads on every channel of the contract', async () => {
    for (const channel of CHANNELS)
      expect(contract[channel].request.safeParse(VALID[channel]).success, `valid sample for ${channel}`).toBe(true);
    const probes = payloadProbes();
    expect(new Set(probes.map((p) => p.channel)).size).toBe(CHANNELS.length);
    const ws = await authed();
    let id = 100;
    for (const p of probes) {
      await probe(`${p.channel}: ${p.what}`, async () => {
        const mine = ++id;
        ws.send(frame(OP.text, JSON.stringify({ type: 'invoke', id: mine, channel: p.channel, payload: p.payload })));
        const reply = await ws.next((m) => m.id === mine);
        return reply?.result?.error?.code === 'invalid-payload' && reply.result.error.message.length < 2100;
      });
    }
    ws.close();
  }, 300_000);

  it('of two rotation:start at once starts one; two answers to one prompt take one; demo:reset waits', async () => {
    const ws = await authed();
    const call = async (id: number, channel: string, payload: unknown) => {
      ws.sendTogether({ type: 'invoke', id, channel, payload });
      return (await ws.next((m) => m.id === id))?.result;
    };
    expect((await call(1, 'demo:reset', { scenario: 'default' }))?.ok).toBe(true);
    await probe('two rotation:start in one write', async () => {
      ws.sendTogether(
        { type: 'invoke', id: 2, channel: 'rotation:start', payload: { flow: 'auto', confirmed: [...CHECKLIST_IDS] } },
        { type: 'invoke', id: 3, channel: 'rotation:start', payload: { flow: 'auto', confirmed: [...CHECKLIST_IDS] } },
      );
      const [a, b] = [(await ws.next((m) => m.id === 2))?.result, (await ws.next((m) => m.id === 3))?.result];
      const list = (await call(4, 'rotation:list', {}))?.value as unknown[];
      return (
        a?.ok === true && b?.ok === false && /already being started/.test(b.error?.message ?? '') && list.length === 1
      );
    });
    await probe('demo:reset with a rotation open', async () =>
      /open and unfinished/.test((await call(5, 'demo:reset', { scenario: 'default' }))?.error?.message ?? ''),
    );
    const started = await call(6, 'rotation:run-command', { argv: ['tke', 'auto-mk-rotate'] });
    const runId = (started?.value as { runId: string }).runId;
    const waiting = await ws.next(
      (m) =>
        m.event === 'rotation:updated' &&
        (m.payload as { running: { prompt: unknown } | null }).running?.prompt != null,
    );
    const prompt = (waiting?.payload as { running: { prompt: { secret: boolean } } }).running.prompt;
    await probe('demo:reset while a command runs', async () =>
      /cannot be reset while ibmcloud tke auto-mk-rotate runs/.test(
        (await call(7, 'demo:reset', { scenario: 'default' }))?.error?.message ?? '',
      ),
    );
    await probe('two answers to one prompt in one write', async () => {
      const answer = { runId, text: prompt.secret ? 'passw0rd' : 'y', secret: prompt.secret };
      ws.sendTogether(
        { type: 'invoke', id: 8, channel: 'rotation:answer-prompt', payload: answer },
        { type: 'invoke', id: 9, channel: 'rotation:answer-prompt', payload: answer },
      );
      const [a, b] = [(await ws.next((m) => m.id === 8))?.result, (await ws.next((m) => m.id === 9))?.result];
      return a?.ok === true && b?.ok === false && /already been answered/.test(b.error?.message ?? '');
    });
    expect((await call(10, 'rotation:cancel-command', { runId, confirmation: 'CANCEL' }))?.ok).toBe(true);
    ws.close();
    expect(s.stderr.join('')).not.toMatch(/\n\s+at /);
    expect(tally.refused).toBe(tally.tried);
  }, 120_000);
});
