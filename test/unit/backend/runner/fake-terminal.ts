import type { IPty } from 'node-pty';

/** A terminal the test writes a CLI's output into, read by PtyProcess as a real pty's. */
export class FakeTerminal {
  #data: ((data: string) => void) | undefined;
  #exit: ((e: { exitCode: number; signal?: number }) => void) | undefined;
  readonly pty = {
    pid: 4242,
    onData: (listener: (data: string) => void) => (this.#data = listener),
    onExit: (listener: (e: { exitCode: number; signal?: number }) => void) => (this.#exit = listener),
    write: () => undefined,
    kill: () => undefined,
  } as unknown as IPty;

  /** Raw output, exactly as given (no line ending added). */
  emit(data: string): void {
    this.#data?.(data);
  }

  /** Whole lines, each ended CRLF as a terminal shows them, in one chunk. */
  print(...lines: string[]): void {
    this.emit(lines.map((l) => `${l}\r\n`).join(''));
  }

  /** The process ends: by exiting with `code`, or killed by `signal` (a pty then reports code 0 beside it). */
  exit(code: number, signal?: number): void {
    this.#exit?.(signal === undefined ? { exitCode: code } : { exitCode: code, signal });
  }
}
