/**
 * The rotation pipeline: one command's events (lines, milestones, prompts, a hang, the exit) turned
 * into journal entries, in the terminal's order, before anyone else hears of them. Live and demo
 * rotations (a command under a pseudo-terminal), training (the in-process simulator, `replay`) and
 * imported runs (pipeline-entries.ts) all journal through it, so the same output gives the same
 * entries wherever it came from; what differs is the executor that produces the events and the
 * interlock policy applied before a command starts, which the callers own.
 *
 * Order: lines are group-committed (LineBatches: one append per batch); everything else is a
 * barrier, so a milestone entry follows the batch holding its line and `command-finished` (with the
 * register reading of a listing) follows the last output line.
 */
import type { Milestone } from '../../../shared/parse/recognise.js';
import { effectiveExitCode } from '../../../shared/rotation/exit.js';
import type { JournalEntry, JournalEntryInput, JournalMode } from '../journal/index.js';
import type { PendingPrompt } from '../runner/pty-process.js';
import { LineBatches } from './line-batches.js';
import { commandFinished, commandStarted, lineMilestones, milestoneEntry, registersEntry } from './pipeline-entries.js';

export {
  classificationEntry,
  commandFinished,
  commandStarted,
  lineMilestones,
  milestoneEntry,
  registersEntry,
  registerUnits,
  REGISTER_READINGS,
} from './pipeline-entries.js';

/** Where a command's entries go: the open rotation's journal. Null outside a rotation (nothing journaled). */
export interface JournalTarget {
  append(input: JournalEntryInput): Promise<JournalEntry | null>;
  appendBatch(inputs: JournalEntryInput[]): Promise<JournalEntry[] | null>;
}

/** What an executor reports: PtyProcess's listener, with a signal that may be a name (the simulator's). */
export interface CommandListener {
  line(text: string): void;
  milestone(milestone: Milestone, text: string): void;
  prompt(prompt: PendingPrompt): void;
  hang(silentMs: number): void;
  exit(exitCode: number, signal: number | string | undefined): void;
}

/** The caller's part, each called after what it reports is durable. */
export interface CommandHooks {
  /** One line, journaled (`entry` undefined outside a rotation); `index` is its place in the command's lines. */
  line?(text: string, entry: JournalEntry | undefined, index: number): void;
  /** Before its M1/M2 entry is journaled (e.g. to mark that re-encryption started). */
  milestone?(milestone: Milestone, text: string): void;
  prompt?(prompt: PendingPrompt): Promise<void> | void;
  hang?(silentMs: number): Promise<void> | void;
  /** After `command-finished` and the register reading (if any) are journaled. */
  exit?(exitCode: number, signal: number | string | undefined): Promise<void> | void;
}

export interface CommandPipelineOptions {
  target: JournalTarget | null;
  argv: readonly string[];
  mode: JournalMode;
  /** The serial work queue every journal write of the owner goes through. */
  enqueue: (work: () => Promise<void>) => void;
  hooks?: CommandHooks;
}

/** One command through the pipeline: `start` journals it, `listener` takes the executor's events. */
export class CommandPipeline {
  /** Every output line of the command, as printed. */
  readonly lines: string[] = [];
  readonly listener: CommandListener;
  readonly #options: CommandPipelineOptions;
  readonly #hooks: CommandHooks;

  constructor(options: CommandPipelineOptions) {
    this.#options = options;
    this.#hooks = options.hooks ?? {};
    const batches = new LineBatches(options.enqueue, (texts) => this.#flushLines(texts));
    const hooks = this.#hooks;
    this.listener = {
      line: (text) => batches.line(text),
      // Reported after its line, so the batch holding that line is flushed (durable) before this.
      milestone: (milestone, text) =>
        batches.barrier(async () => {
          hooks.milestone?.(milestone, text);
          const entry = milestoneEntry(milestone, text);
          if (entry) await this.#append(entry);
        }),
      prompt: (prompt) => batches.barrier(async () => hooks.prompt?.(prompt)),
      hang: (silentMs) => batches.barrier(async () => hooks.hang?.(silentMs)),
      // Executors report their last lines first: their batch is flushed before command-finished.
      exit: (exitCode, signal) => batches.barrier(() => this.#exit(exitCode, signal)),
    };
  }

  /**
   * Journal `command-started`, to be awaited before the executor starts. Null outside a rotation:
   * the executor then starts at once (synchronously), before any of its output can be missed.
   */
  start(): Promise<void> | null {
    return this.#options.target ? this.#append(commandStarted(this.#options.argv, this.#options.mode)) : null;
  }

  async #append(input: JournalEntryInput): Promise<void> {
    await this.#options.target?.append(input);
  }

  /** Journals a batch of output lines with one append, then (durable) hands each on. */
  async #flushLines(texts: string[]): Promise<void> {
    const first = this.lines.length;
    this.lines.push(...texts);
    const target = this.#options.target;
    const entries = target
      ? await target.appendBatch(texts.map((line) => ({ kind: 'output', data: { line, stream: 'pty' } })))
      : null;
    for (const [i, text] of texts.entries()) this.#hooks.line?.(text, entries?.[i], first + i);
  }

  async #exit(exitCode: number, signal: number | string | undefined): Promise<void> {
    await this.#append(commandFinished(exitCode, signal));
    // A listing cut short by a signal is no reading, whatever code its terminal reported.
    const reading = registersEntry(this.#options.argv, effectiveExitCode(exitCode, signal), this.lines);
    if (reading) await this.#append(reading);
    await this.#hooks.exit?.(exitCode, signal);
  }
}

/**
 * Feed a finished command's output (an in-process simulator's transcript) to a listener as a
 * terminal reader would: each line, then the milestones it holds; then the exit, unless the
 * command died with the app (`exit` null: nothing saw it end).
 */
export function replay(
  listener: CommandListener,
  lines: readonly string[],
  exit: { exitCode: number; signal?: string } | null,
): void {
  for (const line of lines) {
    listener.line(line);
    for (const milestone of lineMilestones(line)) listener.milestone(milestone, line);
  }
  if (exit) listener.exit(exit.exitCode, exit.signal);
}

/** A serial work queue: each item starts after the previous one ended; `idle` waits for all. */
export class WorkQueue {
  #tail: Promise<unknown> = Promise.resolve();
  readonly #onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  enqueue(work: () => Promise<void>): void {
    this.#tail = this.#tail.then(work).catch(this.#onError);
  }

  async idle(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.#tail;
      await seen;
    } while (seen !== this.#tail);
  }
}
