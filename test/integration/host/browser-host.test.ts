import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBackend } from '../../../electron/backend/backend.js';
import { startHost, type RunningHost } from '../../../electron/backend/host/server.js';
import { ROOT, requireBuilt } from '../require-built.js';

let host: RunningHost;
const root = mkdtempSync(join(tmpdir(), 'mkra-host-'));

beforeAll(async () => {
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'outside.txt'), 'must not be served');
  const backend = createBackend({
    host: 'browser',
    env: { PATH: '' },
    dataDir: join(root, 'data'),
    forceDemo: true,
    name: 'mk-rotation-assistant',
    version: '9.9.9',
  });
  host = await startHost({ backend, rendererDir, port: 0 });
});
afterAll(() => host.close());

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, headers: { Host: `127.0.0.1:${host.port}`, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function connect(headers: Record<string, string>, query = ''): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const cookie = () => `mkra_token=${host.token}`;
const origin = () => `http://127.0.0.1:${host.port}`;

describe('browser host', () => {
  it('listens on 127.0.0.1 only and prints a tokenised URL', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{43}$`));
  });

  it('refuses a request without the token', async () => {
    const res = await get('/');
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/token/);
  });

  it('refuses a wrong token', async () => {
    expect((await get('/?token=wrong')).status).toBe(403);
    expect((await get('/', { Cookie: 'mkra_token=wrong' })).status).toBe(403);
  });

  it('trades the query token for an HttpOnly SameSite=Strict cookie, then serves with the CSP', async () => {
    const first = await get(`/?token=${host.token}`);
    expect(first.status).toBe(303);
    expect(String(first.headers['set-cookie'])).toMatch(/mkra_token=.*HttpOnly; SameSite=Strict/);
    const page = await get('/', { Cookie: cookie() });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });

  it('refuses another Host header (DNS rebinding) even with the token', async () => {
    expect((await get('/', { Cookie: cookie(), Host: `evil.example:${host.port}` })).status).toBe(403);
  });

  it('refuses a request from another Origin even with the token', async () => {
    expect((await get('/', { Cookie: cookie(), Origin: 'https://evil.example' })).status).toBe(403);
  });

  it('never serves files outside the renderer directory', async () => {
    expect((await get('/../outside.txt', { Cookie: cookie() })).status).toBe(404);
    expect((await get('/%2e%2e/outside.txt', { Cookie: cookie() })).status).toBe(404);
  });

  it('refuses a WebSocket without the token or from another Origin', async () => {
    await expect(connect({ Origin: origin() })).rejects.toThrow(/403/);
    await expect(connect({ Origin: 'https://evil.example', Cookie: cookie() })).rejects.toThrow(/403/);
  });

  it('answers contract requests over the socket, and malformed ones with a clear error', async () => {
    const ws = await connect({ Origin: origin(), Cookie: cookie() });
    const replies: unknown[] = [];
    const next = () =>
      new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
    ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app:get-info', payload: {} }));
    replies.push(await next());
    ws.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'app:get-info', payload: { x: 1 } }));
    replies.push(await next());
    ws.send('garbage');
    replies.push(await next());
    ws.close();
    expect(replies[0]).toMatchObject({
      type: 'result',
      id: 1,
      result: { ok: true, value: { mode: 'demo', host: 'browser', version: '9.9.9' } },
    });
    expect(replies[1]).toMatchObject({
      type: 'result',
      id: 2,
      result: { ok: false, error: { code: 'invalid-payload' } },
    });
    expect(replies[2]).toMatchObject({ type: 'error', message: 'Frame is not valid JSON.' });
  });

  it('answers everything the first screen needs in one request (app:get-bootstrap)', async () => {
    const ws = await connect({ Origin: origin(), Cookie: cookie() });
    const reply = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
    ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app:get-bootstrap', payload: {} }));
    const answer = await reply;
    ws.close();
    expect(answer).toEqual({
      type: 'result',
      id: 1,
      result: {
        ok: true,
        value: {
          info: expect.objectContaining({ mode: 'demo', host: 'browser', version: '9.9.9' }),
          console: { rotation: null, running: null },
          rotations: [],
        },
      },
    });
  });

  it('still starts when the journals cannot be listed: no rotations, the renderer asks rotation:list for why', async () => {
    const dataDir = join(root, 'd3');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'journals'), 'a file where the journal directory belongs');
    const backend = createBackend({
      host: 'browser',
      env: { PATH: '' },
      dataDir,
      forceDemo: true,
      name: 'n',
      version: '1.0.0',
    });
    const first = await backend.handlers['app:get-bootstrap']({});
    expect(first.info.mode).toBe('demo');
    expect(first.rotations).toBeNull();
    await expect(backend.handlers['rotation:list']({})).rejects.toThrow();
  });

  it('mkra serve starts without loading the PDF renderer: it loads with the first PDF', async () => {
    requireBuilt('dist/bin/mkra.js', ['electron', 'shared']);
    const dir = mkdtempSync(join(tmpdir(), 'mkra-loaded-'));
    const loaded = join(dir, 'loaded.txt');
    // A module resolve hook notes every module the process loads.
    const hooks =
      "import { appendFileSync } from 'node:fs';\n" +
      'export async function resolve(specifier, context, next) {\n' +
      '  const result = await next(specifier, context);\n' +
      `  appendFileSync(${JSON.stringify(loaded)}, result.url + '\\n');\n` +
      '  return result;\n}\n';
    writeFileSync(join(dir, 'hooks.mjs'), hooks);
    writeFileSync(
      join(dir, 'register.mjs'),
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
    );
    const child = spawn(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(dir, 'register.mjs')).href,
        join(ROOT, 'bin/mkra.js'),
        'serve',
        '--demo',
        '--port',
        '0',
        '--data-dir',
        join(dir, 'data'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Listening on ')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`mkra serve exited with ${code}: ${out}`)));
    });
    child.kill('SIGTERM');
    await exited;
    const urls = readFileSync(loaded, 'utf8').split('\n');
    const bundled = urls.filter((u) => u.startsWith('file:') && u.includes('/dist/bin/'));
    expect(bundled.length).toBeGreaterThan(0);
    // pdf-lib's own modules, or a bundle chunk with pdf-lib in it (its PDFDocument.registerFontkit).
    expect(urls.filter((u) => /pdf-lib|fontkit/.test(u))).toEqual([]);
    expect(bundled.filter((u) => readFileSync(fileURLToPath(u), 'utf8').includes('registerFontkit'))).toEqual([]);
  });

  it('is demo only: a real ibmcloud on PATH does not switch it to live', () => {
    const backend = createBackend({
      host: 'browser',
      env: { PATH: '/usr/bin' },
      dataDir: join(root, 'd2'),
      forceDemo: true,
      name: 'n',
      version: '1.0.0',
    });
    return backend.handlers['app:get-info']({}).then((info) => expect(info.mode).toBe('demo'));
  });
});
