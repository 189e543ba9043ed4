/**
 * The browser host (`mkra serve --demo`): the built renderer plus the backend over a WebSocket,
 * on 127.0.0.1 only. Security-sensitive, see docs/security.md: a random token per start that every
 * request carries (query once, then an HttpOnly SameSite=Strict cookie), Host and Origin pinned to
 * our own loopback address (DNS rebinding and cross-site requests), GET only, no directory escape.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp.js';
import { dispatch } from '../../../shared/ipc/dispatch.js';
import type { Backend } from '../backend.js';
import { loadStatic } from './static-files.js';
import { parseClientFrame, type ServerFrame } from '../../../shared/ipc/frames.js';

export const TOKEN_COOKIE = 'mkra_token';
const MAX_FRAME_BYTES = 64 * 1024 * 1024;

export interface HostOptions {
  backend: Backend;
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return rest.join('=');
  }
  return undefined;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(message + '\n');
}

/** Start the host; resolves once it listens. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  /** Returns an error message, or null when the request may proceed. */
  const check = (req: IncomingMessage, url: URL): string | null => {
    if (!allowedHosts().has(req.headers.host ?? '')) return 'Refused: wrong Host header.';
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return 'Refused: requests from other origins are not accepted.';
    const given = url.searchParams.get('token') ?? cookieToken(req);
    if (!sameToken(given ?? undefined, token)) return 'Refused: missing or wrong token. Open the exact URL printed by mkra serve.';
    return null;
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
      const problem = check(req, url);
      if (problem) return refuse(res, 403, problem);
      if (url.searchParams.has('token')) {
        // Trade the one-time query token for a cookie so it leaves the address bar and history.
        res.writeHead(303, {
          ...SECURITY_HEADERS,
          'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: url.pathname,
        });
        return res.end();
      }
      const file = await loadStatic(options.rendererDir, url.pathname);
      if (!file) return refuse(res, 404, 'Not found.');
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type, 'Content-Length': file.body.length });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch((error: unknown) => refuse(res, 500, `Internal error: ${error instanceof Error ? error.message : String(error)}`));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const problem = url.pathname === '/api' ? check(req, url) : 'Refused: unknown endpoint.';
    if (problem) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${problem}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.backend));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function serveSocket(ws: WebSocket, backend: Backend): void {
  const send = (frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const unsubscribe = backend.subscribe((event, payload) => send({ type: 'event', event, payload }));
  ws.on('close', unsubscribe);
  ws.on('message', (data, isBinary) => {
    const frame = parseClientFrame(isBinary ? null : data.toString());
    if (!frame.ok) {
      send({ type: 'error', message: frame.message });
      return;
    }
    void dispatch(backend.handlers, frame.value.channel, frame.value.payload).then((result) =>
      send({ type: 'result', id: frame.value.id, result }),
    );
  });
}
