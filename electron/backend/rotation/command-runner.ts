/**
 * The one TKE command running at a time: launched under a pseudo-terminal through the pipeline, its
 * prompts answered, cancelled (after M1 only with the typed confirmation), and when it exits the
 * rotation is re-classified and a command waiting on a register reading (setimm) is started or
 * refused. The rotation service decides what may run; this runs it.
 */
import { effectiveExitCode } from '../../../shared/rotation/exit.js';
import type { JournalEntryInput } from '../journal/index.js';
import { typedCommand } from '../runner/tke-invocation.js';
import {
  CANCEL_AFTER_M1,
  createCommand,
  launch,
  refusalAfterReading,
  rotationTarget,
  typeAnswer,
  type Running,
} from './live-command.js';
import { WorkQueue } from './pipeline.js';
import type { RotationServiceOptions } from './rotation-options.js';
import { cancelDecision, requireIdle, requireRun } from './rotation-guards.js';
import type { RotationState } from './rotation-state.js';

/** What the runner needs of the rotation service. */
export interface RunnerHost {
  options: RotationServiceOptions;
  clock: () => number;
  /** The open rotation when commands in it are journaled (writable), else null. */
  writable(): RotationState | null;
  /** A command of the rotation has exited: re-classify it. */
  exited(command: string): Promise<void>;
  emitState(): void;
}

export class CommandRunner {
  readonly #host: RunnerHost;
  readonly #queue: WorkQueue;
  #running: Running | null = null;

  constructor(host: RunnerHost) {
    this.#host = host;
    this.#queue = new WorkQueue((error: unknown) => {
      host.options.events.notice({
        level: 'error',
        message: `Journal write failed: ${error instanceof Error ? error.message : String(error)}. Stop and check the disk before continuing.`,
      });
    });
  }

  /** The running command, if any. */
  get running(): Running | null {
    return this.#running;
  }

  /** Launch `argv` (refused while another runs); `then` runs after it when its reading allows. */
  async spawn(argv: string[], options: { readOnly: boolean; then?: string[] }): Promise<Running> {
    requireIdle(this.#running);
    const { options: o } = this.#host;
    const context = {
      invocation: o.invocation(),
      events: o.events,
      spawn: o.spawn,
      hangAfterMs: o.hangAfterMs ?? 120_000,
      commandEnv: o.commandEnv?.(argv) ?? {},
      enqueue: (work: () => Promise<void>) => this.#queue.enqueue(work),
      emitState: () => this.#host.emitState(),
      exited: (running: Running, exitCode: number, signal: number | undefined) =>
        this.#onExit(running, exitCode, signal),
    };
    // Marked running before the first await, so a second command cannot slip in meanwhile.
    const running = createCommand(context, this.#host.writable(), argv, { ...options, now: this.#host.clock() });
    this.#running = running;
    await launch(context, running);
    this.#host.emitState();
    return running;
  }

  /** Answer the prompt the running command waits on. A secret is written and not kept. */
  async answer(runId: string, text: string, secret: boolean): Promise<void> {
    const running = requireRun(this.#running, runId);
    await typeAnswer(running, text, secret, async (input) => void (await this.journal(running.rotation, input)));
    this.#host.emitState();
  }

  /** Cancel the running command; after M1 only with the typed confirmation `CANCEL`. */
  async cancel(runId: string, confirmation?: string): Promise<{ cancelled: boolean; warning?: string }> {
    const running = requireRun(this.#running, runId);
    if (running.info.m1Seen && confirmation !== 'CANCEL') return { cancelled: false, warning: CANCEL_AFTER_M1 };
    await this.journal(running.rotation, cancelDecision(running));
    delete running.then;
    running.process.kill();
    return { cancelled: true };
  }

  /** Append to a rotation's journal (nothing without a rotation). */
  async journal(r: RotationState | null, input: JournalEntryInput): Promise<void> {
    await rotationTarget(r)?.append(input);
  }

  /** Stop the running command (app or host shutting down); pending journal work is awaited. */
  async shutdown(): Promise<void> {
    this.#running?.process.kill();
    await this.idle();
  }

  /** Wait for pending journal work (tests, shutdown). */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  async #onExit(running: Running, reported: number, signal: number | undefined): Promise<void> {
    const r = running.rotation;
    this.#running = null;
    // A command killed by a signal never counts as one that ended with OK (a pty reports 0 for it).
    const exitCode = effectiveExitCode(reported, signal);
    if (r) await this.#host.exited(running.info.command);
    this.#host.options.onCommandFinished?.(running.info.argv, exitCode);
    this.#host.options.events.exit({ runId: running.info.runId, exitCode, signal: signal ?? null });
    running.resolveDone(exitCode);
    if (r && running.then) await this.#continueAfterReading(r, exitCode, running.then);
    this.#host.emitState();
  }

  async #continueAfterReading(r: RotationState, readExit: number, then: string[]): Promise<void> {
    const refusal = refusalAfterReading(r, readExit, then);
    if (refusal) {
      await this.journal(r, {
        kind: 'decision',
        data: { what: `refused by the app: ${typedCommand(then)} (${refusal})` },
      });
      this.#host.options.events.notice({
        level: 'error',
        message: `${typedCommand(then)} was not started: ${refusal}`,
      });
      return;
    }
    await this.spawn(then, { readOnly: false });
  }
}
