/**
 * Read a finished command's output to its last byte before its exit is reported.
 *
 * node-pty reads the terminal through libuv, which ends the stream as soon as the terminal reports
 * a hang-up (the command has exited and closed its side) and a read returned less than a full buffer
 * (libuv `src/unix/stream.c`, `uv__stream_io`: POLLHUP with a partial read counts as the end). A
 * terminal hands out its buffered output a few kilobytes per read, so when this process lags behind
 * the command (a loaded machine, a slow fsync of the journal, a long line handler) and the command
 * exits, what is still in the terminal's buffer is dropped: the last lines, the ones that say how the
 * command ended. Measured with node-pty 1.1.0 on Linux: a command printing 2000 lines, each data
 * chunk taking 30 ms to handle, delivered about 1800 (test/integration/runner/output-after-exit.test.ts).
 * The kernel keeps that output until it is read; only the early end loses it.
 *
 * So this process keeps the terminal's other side open itself (opened right after the spawn, without
 * making it its controlling terminal, closed on exec): the command's exit then raises no hang-up, and
 * the stream goes on delivering what is buffered. node-pty, on the exit, marks it (`_boundClose`),
 * waits for the stream to close and after 200 ms destroys it (`lib/unixTerminal.js`,
 * `DESTROY_SOCKET_TIMEOUT_MS`). From the mark, the stream is read until it has had no data for
 * `QUIET_MS` while this process was responsive (a check that runs late means the process was busy,
 * and the wait starts again; the quiet time also covers the kernel moving the last bytes across),
 * node-pty's destroy is held back meanwhile, then this side is closed and the stream ends by itself
 * with everything read. A process the command left behind can keep the
 * terminal open: the stream is then destroyed as node-pty would, `LEFTOVER_MS` later, and the exit is
 * reported. `HOLD_MAX_MS` bounds the whole wait however busy the process is.
 */
import { closeSync, constants, openSync } from 'node:fs';
import type { IPty } from 'node-pty';

/** No data for this long, with the process responsive, after the exit: the output has been read. */
const QUIET_MS = 30;
/** A check this much later than asked for means the process was busy: the quiet time does not count. */
const LATE_MS = 20;
/** After this side is closed, a stream still open is held by a leftover process: destroy it. */
const LEFTOVER_MS = 1000;
/** However busy the process, the exit is reported after this at most. */
const HOLD_MAX_MS = 30_000;

/** The read side of node-pty's terminal, as much of it as this uses. */
interface ReadSide {
  destroy(): unknown;
  on(event: 'data', listener: () => void): unknown;
  once(event: 'close', listener: () => void): unknown;
}

function isReadSide(value: unknown): value is ReadSide {
  const v = value as Partial<Record<keyof ReadSide, unknown>> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.destroy === 'function' &&
    typeof v.on === 'function' &&
    typeof v.once === 'function'
  );
}

/** One terminal's read side, held open after the command's exit until its output is read. */
class Drain {
  readonly #socket: ReadSide;
  readonly #destroy: () => unknown;
  readonly #other: number;
  #chunks = 0;
  #closed = false;
  #released = false;
  #holding = false;

  constructor(socket: ReadSide, other: number) {
    this.#socket = socket;
    this.#other = other;
    this.#destroy = socket.destroy.bind(socket);
    socket.on('data', () => void this.#chunks++);
    socket.once('close', () => {
      this.#closed = true;
      this.#release();
    });
    socket.destroy = () => {
      // node-pty's guard, 200 ms after the exit (or a destroy() of the terminal): read the rest first.
      if (this.#released) return this.#destroy();
      this.start();
      return socket;
    };
  }

  /** The command has exited: read until the output is quiet, then close this side. */
  start(): void {
    if (this.#holding || this.#released) return;
    this.#holding = true;
    const giveUpAt = Date.now() + HOLD_MAX_MS;
    let seen = this.#chunks;
    let due = Date.now() + QUIET_MS;
    const check = (): void => {
      if (this.#closed) return;
      const now = Date.now();
      if ((this.#chunks === seen && now - due <= LATE_MS) || now >= giveUpAt) {
        this.#release();
        setTimeout(() => this.#closed || this.#destroy(), LEFTOVER_MS).unref();
        return;
      }
      seen = this.#chunks;
      due = now + QUIET_MS;
      setTimeout(check, QUIET_MS);
    };
    setTimeout(check, QUIET_MS);
  }

  #release(): void {
    if (this.#released) return;
    this.#released = true;
    this.#socket.destroy = this.#destroy;
    closeSync(this.#other);
  }
}

/**
 * Keep `pty`'s output readable to its end after the command exits (see above). Returns false,
 * changing nothing, when the terminal is not node-pty's Unix terminal (another platform, a test
 * double) or its other side cannot be opened.
 */
export function holdOutputUntilRead(pty: IPty): boolean {
  const internals = pty as unknown as { _socket?: unknown; _pty?: unknown; _boundClose?: unknown };
  const socket = internals._socket;
  const path = internals._pty;
  if (!isReadSide(socket) || typeof path !== 'string' || !path.startsWith('/dev/')) return false;
  let other: number;
  try {
    other = openSync(path, constants.O_RDWR | constants.O_NOCTTY);
  } catch {
    return false;
  }
  const drain = new Drain(socket, other);
  // node-pty marks the exit on the terminal (`_boundClose = true` in its onexit) before it waits for
  // the stream: start draining right then, not 200 ms later at its guard.
  let bound = internals._boundClose;
  Object.defineProperty(pty, '_boundClose', {
    configurable: true,
    enumerable: true,
    get: () => bound,
    set: (value: unknown) => {
      bound = value;
      if (value === true) drain.start();
    },
  });
  return true;
}
