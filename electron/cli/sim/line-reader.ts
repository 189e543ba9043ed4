/** Answers from stdin, line by line, whether piped or a terminal (secret answers are not echoed). */

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';

/** Apply backspaces typed in raw mode to a line. */
export function applyBackspaces(line: string): string {
  const out: string[] = [];
  for (const ch of line) {
    if (ch === '\u007f' || ch === '\b') out.pop();
    else out.push(ch);
  }
  return out.join('');
}

/** Reads one line at a time from a stream; buffered input (piped answers) is kept for later prompts. */
export class LineReader {
  readonly #input: NodeJS.ReadStream;
  #buffer = '';
  #ended = false;
  #attached = false;
  #skipLf = false;
  #wake: (() => void) | undefined;

  constructor(input: NodeJS.ReadStream) {
    this.#input = input;
  }

  #attach(): void {
    if (this.#attached) return;
    this.#attached = true;
    this.#input.setEncoding('utf8');
    this.#input.on('data', (chunk: string) => {
      this.#buffer += chunk;
      this.#wake?.();
    });
    this.#input.on('end', () => {
      this.#ended = true;
      this.#wake?.();
    });
    this.#input.on('error', () => {
      this.#ended = true;
      this.#wake?.();
    });
  }

  #takeLine(): string | undefined {
    if (this.#skipLf && this.#buffer.startsWith('\n')) this.#buffer = this.#buffer.slice(1);
    if (this.#buffer.length > 0) this.#skipLf = false;
    const i = this.#buffer.search(/[\r\n]/);
    if (i < 0) return undefined;
    const line = this.#buffer.slice(0, i);
    this.#skipLf = this.#buffer[i] === '\r';
    this.#buffer = this.#buffer.slice(i + 1);
    return applyBackspaces(line);
  }

  /**
   * Show the prompt and return the next line, or undefined at end of input. On a terminal a secret
   * is read in raw mode without echo; raw mode is set before the prompt so a fast typist is not echoed.
   */
  async readLine(secret: boolean, showPrompt: () => void, onInterrupt: () => void): Promise<string | undefined> {
    this.#attach();
    const raw = secret && this.#input.isTTY === true;
    if (raw) this.#input.setRawMode(true);
    showPrompt();
    this.#input.resume();
    try {
      for (;;) {
        if (raw && this.#buffer.includes(CTRL_C)) onInterrupt();
        if (raw && this.#buffer.startsWith(CTRL_D)) return undefined;
        const line = this.#takeLine();
        if (line !== undefined) return line;
        if (this.#ended) {
          if (this.#buffer === '') return undefined;
          const last = applyBackspaces(this.#buffer);
          this.#buffer = '';
          return last;
        }
        await new Promise<void>((resolve) => (this.#wake = resolve));
        this.#wake = undefined;
      }
    } finally {
      if (raw) this.#input.setRawMode(false);
      this.#input.pause();
    }
  }
}
