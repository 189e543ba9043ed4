/**
 * HTTP and WebSocket clients at the byte level, for probes a well-behaved client library would
 * refuse to send: NUL in a path, a Host of our choosing, unmasked or reserved-bit frames, a length
 * header far past the limit, two frames in one TCP write.
 */
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function parseHead(text: string): { status: number; headers: Record<string, string> } {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers };
}

/**
 * Send `head` (a request up to and including the blank line), wait for the response head, then
 * send `body` if any (the host answers before reading a body it refuses), and read to the close.
 */
export function rawHttp(port: number, head: string | Buffer, body?: Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let bodySent = false;
    const finish = () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`no response head: ${JSON.stringify(text.slice(0, 200))}`));
      resolve({ ...parseHead(text.slice(0, end)), body: text.slice(end + 4) });
    };
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (body && !bodySent && Buffer.concat(chunks).includes('\r\n\r\n')) {
        bodySent = true;
        socket.write(body, () => undefined);
      }
    });
    // The host may close while a refused body is still being written: what it answered counts.
    socket.on('error', () => undefined);
    socket.on('close', finish);
  });
}

export interface FrameOptions {
  fin?: boolean;
  rsv?: number;
  mask?: boolean;
  /** Claim this payload length in the header whatever the payload really is. */
  claimedLength?: number;
}

/** One WebSocket frame as a client would send it (masked unless told otherwise). */
export function frame(opcode: number, payload: Buffer | string, options: FrameOptions = {}): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const length = options.claimedLength ?? data.length;
  const mask = options.mask ?? true;
  const first = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | opcode;
  let header: Buffer;
  if (length < 126) header = Buffer.from([first, (mask ? 0x80 : 0) | length]);
  else if (length < 65536) {
    header = Buffer.alloc(4);
    header.writeUInt16BE(length, 2);
    header[1] = (mask ? 0x80 : 0) | 126;
  } else {
    header = Buffer.alloc(10);
    header.writeBigUInt64BE(BigInt(length), 2);
    header[1] = (mask ? 0x80 : 0) | 127;
  }
  header[0] = first;
  if (!mask) return Buffer.concat([header, data]);
  const key = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const masked = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) masked[i] = (data[i] ?? 0) ^ (key[i % 4] ?? 0);
  return Buffer.concat([header, key, masked]);
}

export const OP = { continuation: 0x0, text: 0x1, binary: 0x2, reserved: 0x3, close: 0x8, ping: 0x9 } as const;

export interface ServerMessage {
  type?: string;
  id?: number;
  message?: string;
  event?: string;
  payload?: unknown;
  result?: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

/** A WebSocket after a raw handshake: what the server sent, decoded, and how it closed. */
export class RawSocket {
  readonly messages: ServerMessage[] = [];
  closeCode: number | null = null;
  closed = false;
  #buffer = Buffer.alloc(0);
  #waiters: (() => void)[] = [];

  private constructor(readonly socket: Socket) {}

  /** Connect and upgrade; resolves with the socket, or rejects with the refusal's status line. */
  static open(port: number, headers: Record<string, string>, path = '/api'): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      const raw = new RawSocket(socket);
      let upgraded = false;
      let head = Buffer.alloc(0);
      socket.on('connect', () => {
        const lines = [
          `GET ${path} HTTP/1.1`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          'Sec-WebSocket-Version: 13',
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        ];
        for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
        socket.write(lines.join('\r\n') + '\r\n\r\n');
      });
      socket.on('data', (chunk) => {
        if (upgraded) return raw.#take(chunk);
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        const status = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
        if (!status.includes(' 101 ')) {
          socket.destroy();
          return reject(new Error(status));
        }
        upgraded = true;
        resolve(raw);
        raw.#take(head.subarray(end + 4));
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        raw.closed = true;
        if (!upgraded) reject(new Error('closed before the upgrade'));
        raw.#wake();
      });
    });
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes, () => undefined);
  }

  /** Send text frames for these objects in one TCP write, so the server reads them together. */
  sendTogether(...values: unknown[]): void {
    this.send(Buffer.concat(values.map((v) => frame(OP.text, JSON.stringify(v)))));
  }

  /** The next message matching `want` (by arrival), or null once the socket is closed. */
  async next(want: (m: ServerMessage) => boolean = () => true): Promise<ServerMessage | null> {
    for (let seen = 0; ;) {
      for (; seen < this.messages.length; seen++) {
        const m = this.messages[seen];
        if (m && want(m)) {
          this.messages.splice(seen, 1);
          return m;
        }
      }
      if (this.closed) return null;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** Resolves once the server has closed the connection. */
  async untilClosed(): Promise<number | null> {
    while (!this.closed) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    return this.closeCode;
  }

  close(): void {
    this.socket.destroy();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  #take(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const b = this.#buffer;
      if (b.length < 2) break;
      const opcode = (b[0] ?? 0) & 0x0f;
      let length = (b[1] ?? 0) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (b.length < 4) break;
        length = b.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (b.length < 10) break;
        length = Number(b.readBigUInt64BE(2));
        offset = 10;
      }
      if (b.length < offset + length) break;
      const payload = b.subarray(offset, offset + length);
      this.#buffer = b.subarray(offset + length);
      if (opcode === OP.close) this.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : null;
      else if (opcode === OP.text) this.messages.push(JSON.parse(payload.toString('utf8')) as ServerMessage);
    }
    this.#wake();
  }
}
