/**
 * One TKE command under a pseudo-terminal (the real CLI reads passwords from a terminal): streams
 * cleaned lines, recognises milestones and prompts, writes answers, notices a hang. It keeps no
 * answer: a secret is written to the terminal and the reference dropped.
 */
import { spawn as ptySpawn, type IPty } from 'node-pty';
import { isSecretPrompt } from '../../../shared/parse/prompt-secrecy.js';
import {
  lineMilestones,
  recogniseLine,
  recogniseSegments,
  type Milestone,
  type PromptInfo,
} from '../../../shared/parse/recognise.js';
import { LineSplitter } from './line-splitter.js';
import { holdOutputUntilRead } from './pty-drain.js';

export interface PendingPrompt extends PromptInfo {
  /** Lines shown between the prompt text and `> ` (e.g. `admin1 (3c0f...)`). */
  detail: string[];
  /** True when the answer is a secret (a password): the UI uses a masked field. */
  secret: boolean;
}

export interface ProcessListener {
  line(text: string): void;
  milestone(milestone: Milestone, text: string): void;
  prompt(prompt: PendingPrompt): void;
  hang(silentMs: number): void;
  exit(exitCode: number, signal: number | undefined): void;
}

export interface SpawnSpec {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** No output for this long (while not waiting for an answer) is reported as a hang. */
  hangAfterMs: number;
}

export type PtySpawn = (
  file: string,
  args: string[],
  options: { env: Record<string, string>; cwd: string; cols: number; rows: number; name: string },
) => IPty;

/**
 * The prompt waiting at a `>` mark. `Email> ` style prompts carry their text on the mark's line;
 * otherwise it is the last line recognised as a question, or failing that the last line printed.
 * Secret when the question or any line between it and the mark mentions a secret (see
 * prompt-secrecy.ts), so an unfamiliar wording errs towards a masked field.
 */
function pendingPrompt(
  inline: string,
  promptLine: PromptInfo | null,
  detail: string[],
  lastLine: string,
): PendingPrompt {
  const base: PromptInfo =
    inline !== ''
      ? (recogniseLine(inline).prompt ?? { kind: 'other', text: inline })
      : (promptLine ?? { kind: 'other', text: lastLine });
  const secret = base.kind === 'password' || isSecretPrompt(base.text) || detail.some((line) => isSecretPrompt(line));
  return { ...base, kind: secret ? 'password' : base.kind, detail, secret };
}

/** A running command. */
export class PtyProcess {
  readonly #pty: IPty;
  readonly #splitter = new LineSplitter();
  readonly #listener: ProcessListener;
  readonly #hangAfterMs: number;
  #promptLine: PromptInfo | null = null;
  #detail: string[] = [];
  /** The last non-empty line since the previous prompt: the question when no line was recognised as one. */
  #lastLine = '';
  #waiting: PendingPrompt | null = null;
  #timer: NodeJS.Timeout | null = null;
  #exited = false;

  constructor(spec: SpawnSpec, listener: ProcessListener, spawn: PtySpawn = ptySpawn) {
    this.#listener = listener;
    this.#hangAfterMs = spec.hangAfterMs;
    this.#pty = spawn(spec.file, spec.args, { env: spec.env, cwd: spec.cwd, cols: 160, rows: 40, name: 'xterm' });
    // The exit is reported once every line the command printed has been read (pty-drain.ts).
    holdOutputUntilRead(this.#pty);
    this.#pty.onData((data) => this.#onData(data));
    this.#pty.onExit(({ exitCode, signal }) => this.#onExit(exitCode, signal));
    this.#armHangTimer();
  }

  get pid(): number {
    return this.#pty.pid;
  }

  /** The prompt waiting for an answer, if any. */
  get waiting(): PendingPrompt | null {
    return this.#waiting;
  }

  /** Write an answer and a newline to the terminal. The caller drops its copy right after. */
  answer(text: string): void {
    if (this.#exited) throw new Error('The command has already finished.');
    this.#waiting = null;
    this.#pty.write(`${text}\r`);
    this.#armHangTimer();
  }

  /** Terminate the command (SIGTERM, then SIGKILL if it does not go). */
  kill(): void {
    if (this.#exited) return;
    this.#pty.kill('SIGTERM');
    setTimeout(() => {
      if (!this.#exited) this.#pty.kill('SIGKILL');
    }, 2000).unref();
  }

  #armHangTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#exited || this.#waiting) return;
    this.#timer = setTimeout(() => this.#listener.hang(this.#hangAfterMs), this.#hangAfterMs);
    this.#timer.unref();
  }

  #onData(data: string): void {
    for (const line of this.#splitter.push(data)) this.#onLine(line);
    const tail = this.#splitter.tail;
    if (tail === '>' || tail.endsWith('>')) this.#onPromptMark(tail);
    this.#armHangTimer();
  }

  #onLine(line: string): void {
    // A line that is just the `> ` mark followed by the echo of a non-secret answer is output too.
    this.#listener.line(line);
    // Every rewrite a bare CR would hide on screen is looked at: a milestone there still counts.
    for (const milestone of lineMilestones(line)) this.#listener.milestone(milestone, line);
    const segments = recogniseSegments(line);
    const seen = segments[segments.length - 1] ?? recogniseLine(line);
    if (line.trim() !== '') this.#lastLine = line.trim();
    if (seen.prompt) {
      this.#promptLine = seen.prompt;
      this.#detail = [];
    } else if (this.#promptLine && line.trim() !== '') {
      this.#detail.push(line.trim());
    }
  }

  #onPromptMark(tail: string): void {
    if (this.#waiting) return;
    const prompt = pendingPrompt(tail.slice(0, -1).trim(), this.#promptLine, this.#detail, this.#lastLine);
    this.#splitter.flush();
    this.#promptLine = null;
    this.#detail = [];
    this.#lastLine = '';
    this.#waiting = prompt;
    if (this.#timer) clearTimeout(this.#timer);
    this.#listener.prompt(prompt);
  }

  #onExit(exitCode: number, signal: number | undefined): void {
    for (const line of this.#splitter.flush()) this.#onLine(line);
    this.#exited = true;
    this.#waiting = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#listener.exit(exitCode, signal || undefined);
  }
}
