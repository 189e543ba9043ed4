/** The simulator's Io on a real process: stdout, stdin, scaled sleeps, atomic state saves, self-kill. */
import type { SimIo, SimState } from '../../../shared/sim/index.js';
import { LineReader } from './line-reader.js';
import { saveState } from './state-store.js';

export interface TerminalIoOptions {
  dir: string;
  /** MKRA_SIM_TIME_SCALE: 1 = real durations, 0 = instant. */
  timeScale: number;
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
}

/** Io over the process's own stdin/stdout. */
export class TerminalIo implements SimIo {
  readonly #opts: TerminalIoOptions;
  readonly #reader: LineReader;

  constructor(opts: TerminalIoOptions) {
    this.#opts = opts;
    this.#reader = new LineReader(opts.input);
  }

  print(line: string): void {
    this.#opts.output.write(`${line}\n`);
  }

  async readLine(prompt: string, secret: boolean): Promise<string | undefined> {
    const answer = await this.#reader.readLine(
      secret,
      () => this.#opts.output.write(prompt),
      () => {
        this.#opts.output.write('\n');
        process.exit(130);
      },
    );
    // Raw-mode input was not echoed, so the terminal still sits after the prompt.
    if (secret && this.#opts.input.isTTY === true) this.#opts.output.write('\n');
    return answer;
  }

  async sleep(ms: number): Promise<void> {
    const scaled = ms * this.#opts.timeScale;
    if (scaled > 0) await new Promise((resolve) => setTimeout(resolve, scaled));
  }

  async persist(state: SimState): Promise<void> {
    saveState(this.#opts.dir, state);
  }

  async crash(): Promise<never> {
    process.kill(process.pid, 'SIGKILL');
    return new Promise<never>(() => undefined);
  }
}
