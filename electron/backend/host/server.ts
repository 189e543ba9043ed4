/**
 * The browser host (`mkra serve --demo`): the built renderer plus the backend over a WebSocket,
 * on 127.0.0.1 only. Security-sensitive, see docs/security.md: a random token per start that every
 * request carries (query once, then an HttpOnly SameSite=Strict cookie), Host and Origin pinned to
 * our own loopback address (DNS rebinding and cross-site requests), GET only, no request bodies,
 * no directory escape, bounded WebSocket messages. No request, however malformed, may end it.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp.js';
import type { Backend } from '../backend.js';
import { makeRequestCheck, requestUrl, sameOriginPath, TOKEN_COOKIE } from './request-guard.js';
import { MAX_MESSAGE_BYTES, serveSocket } from './socket.js';
import { loadStatic } from './static-files.js';

export { TOKEN_COOKIE } from './request-guard.js';

export interface HostOptions {
  backend: Backend;
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
  /** Told of connections closed for a protocol error (never of secrets: only ws's own message). */
  log?: (line: string) => void;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

function refuse(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // Closing the connection discards any request body not yet read instead of reading it to the end.
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    Connection: 'close',
    ...extra,
  });
  res.end(message + '\n');
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function refuseUpgrade(socket: Duplex, status: string, message: string): void {
  if (!socket.writable) return void socket.destroy();
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${message}\n`);
}

type RequestCheck = ReturnType<typeof makeRequestCheck>;

async function serveHttp(
  req: IncomingMessage,
  res: ServerResponse,
  check: RequestCheck,
  options: HostOptions,
  token: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return refuse(res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
  if (hasBody(req)) return refuse(res, 413, 'Request bodies are not accepted.');
  const url = requestUrl(req);
  if (!url) return refuse(res, 400, 'Bad request target.');
  const problem = check(req, url);
  if (problem) return refuse(res, 403, problem);
  if (url.searchParams.has('token')) {
    // Trade the one-time query token for a cookie so it leaves the address bar and history.
    res.writeHead(303, {
      ...SECURITY_HEADERS,
      'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      Location: sameOriginPath(url.pathname),
    });
    return void res.end();
  }
  const file = await loadStatic(options.rendererDir, url.pathname);
  if (!file) return refuse(res, 404, 'Not found.');
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type, 'Content-Length': file.body.length });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

/** Start the host; resolves once it listens. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const log = options.log ?? (() => undefined);
  let port = 0;
  const check = makeRequestCheck(token, () => port);

  const server: Server = createServer((req, res) => {
    serveHttp(req, res, check, options, token).catch((error: unknown) =>
      refuse(res, 500, `Internal error: ${error instanceof Error ? error.message : String(error)}`),
    );
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    // Node takes its own error listener off an upgraded socket: a reset must not become uncaught.
    socket.on('error', () => socket.destroy());
    const url = requestUrl(req);
    if (!url) return refuseUpgrade(socket, '400 Bad Request', 'Bad request target.');
    const problem = url.pathname === '/api' ? check(req, url) : 'Refused: unknown endpoint.';
    if (problem) return refuseUpgrade(socket, '403 Forbidden', problem);
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.backend, log));
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
