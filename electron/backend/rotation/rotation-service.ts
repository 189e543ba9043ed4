/**
 * The rotation service: one TKE command at a time under a pseudo-terminal; inside a rotation every
 * line is journaled (durable first) before the renderer hears of it, the classification is kept
 * current, and the interlocks are applied to every command and to the answers that matter.
 */
import { EVIDENCE_REVIEWED } from '../../../shared/analysis/types.js';
import type { Classification, Phase } from '../../../shared/classifier/types.js';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import type { ConsoleState, RotationSnapshot, RunningCommand } from '../../../shared/rotation/types.js';
import {
  findUnfinished,
  journalPath,
  listJournals,
  type JournalEntry,
  type JournalEntryInput,
  type JournalSummary,
} from '../journal/index.js';
import { checkArgv, typedCommand } from '../runner/tke-invocation.js';
import type { ImportedRun } from './imported-journal.js';
import { commandVerdict } from './interlocks.js';
import { READ_ONLY_COMMANDS } from '../../../shared/tke/commands.js';
import {
  CANCEL_AFTER_M1,
  createCommand,
  launch,
  refusalAfterReading,
  rotationTarget,
  typeAnswer,
  type Running,
} from './live-command.js';
import { classificationEntry, WorkQueue } from './pipeline.js';
import type { RotationServiceOptions, StartRequest } from './rotation-options.js';
import {
  gatePrechecks,
  importedRotation,
  importStateOf,
  refuseUnfinished,
  reopenedRotation,
  reviewDecision,
  startedRotation,
} from './rotation-opening.js';
import type { RotationState } from './rotation-state.js';

export type { ImportedRun, ImportedRunFile, PrecheckRecord } from './imported-journal.js';
export type { RotationServiceOptions, StartRequest } from './rotation-options.js';

/** Listings that change nothing: allowed for pre-checks and the overview at any time. */

export class RotationService {
  readonly #options: RotationServiceOptions;
  readonly #clock: () => number;
  #rotation: RotationState | null = null;
  #running: Running | null = null;
  #starting = false;
  readonly #queue: WorkQueue;

  constructor(options: RotationServiceOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
    this.#queue = new WorkQueue((error: unknown) => {
      options.events.notice({
        level: 'error',
        message: `Journal write failed: ${error instanceof Error ? error.message : String(error)}. Stop and check the disk before continuing.`,
      });
    });
  }

  /**
   * Start a new rotation journal. Refused while another rotation is open or being started, while any
   * journal on disk is unfinished (its evidence would be left behind), and when the start gate (the
   * backend's own pre-checks and plan) refuses. The pre-check results it starts on and a register
   * reading are journaled first, as the baseline.
   */
  async start(request: StartRequest): Promise<RotationSnapshot> {
    return this.#opening(async () => {
      const prechecks = await gatePrechecks(this.#options, request);
      await startedRotation(this.#options, request, prechecks, (r) => (this.#rotation = r));
      if (this.#options.baselineReading !== false) await this.read(['tke', 'cryptounit-mk']);
    });
  }

  /**
   * Start a new rotation whose first entries are the output of a manual run (marked imported, with
   * each original file's SHA-256), so every interlock applies as if the app had run it. Commands
   * that change anything stay refused until `confirmReview`.
   */
  async importRun(run: ImportedRun): Promise<RotationSnapshot> {
    return this.#opening(async () => {
      this.#rotation = await importedRotation(this.#options, run);
      await this.#recordClassification('imported');
    });
  }

  /** Open a new rotation: one at a time, never beside an open or unfinished one. */
  async #opening(create: () => Promise<void>): Promise<RotationSnapshot> {
    // Checked and marked before any await, so two requests at once cannot both get through.
    if (this.#starting)
      throw new RefusedError('A rotation is already being started.', { kind: 'busy', command: 'start' });
    if (this.#rotation?.writable)
      throw new RefusedError(`Rotation ${this.#rotation.rotationId} is still open. Finish it before starting another.`);
    this.#requireIdle();
    this.#starting = true;
    try {
      await refuseUnfinished(this.#options.dataDir);
      await create();
    } finally {
      this.#starting = false;
    }
    this.#emitState();
    return this.snapshot();
  }

  /** The administrator has seen the imported evidence for `phase`: record it, unlocking the recovery. */
  async confirmReview(phase: Phase): Promise<RotationSnapshot> {
    const r = this.#requireWritable();
    const review = reviewDecision(r, phase);
    if (review === null) return this.snapshot();
    await this.#journal(r, review);
    this.#emitState();
    return this.snapshot();
  }

  /** The open rotation, when it was imported: whether its evidence was reviewed. */
  importState(): {
    rotationId: string;
    files: { name: string; sha256: string }[];
    reviewed: boolean;
    classification: Classification;
  } | null {
    return this.#rotation ? importStateOf(this.#rotation) : null;
  }

  /** Reopen a journal: verify it, re-classify, and resume it when unfinished (read-only otherwise). */
  async open(rotationId: string, options: { readOnly?: boolean } = {}): Promise<RotationSnapshot> {
    if (this.#running) throw new RefusedError('A TKE command is running; wait for it to finish.');
    if (this.#starting) throw new RefusedError('A rotation is being started; wait for it.');
    const closeOpen = async () => void (await this.#rotation?.journal?.close().catch(() => undefined));
    this.#rotation = await reopenedRotation(this.#options, rotationId, options.readOnly === true, closeOpen);
    if (this.#rotation.writable) await this.#recordClassification('resumed');
    this.#emitState();
    return this.snapshot();
  }

  /** Journals of past and unfinished rotations. */
  list(): Promise<JournalSummary[]> {
    return listJournals(this.#options.dataDir);
  }

  /** Unfinished rotations, for the offer to resume at start. */
  unfinished(): Promise<JournalSummary[]> {
    return findUnfinished(this.#options.dataDir);
  }

  /** The open rotation and the running command. */
  state(): ConsoleState {
    return { rotation: this.#rotation ? this.snapshot() : null, running: this.#running?.info ?? null };
  }

  /** The open rotation's snapshot. */
  snapshot(): RotationSnapshot {
    const r = this.#requireRotation();
    return r.snapshot(journalPath(this.#options.dataDir, r.rotationId));
  }

  /** Output lines of the open rotation, `from` (0-based) for `count` lines, for the virtual log. */
  lines(from: number, count: number): { from: number; lines: { seq: number; text: string }[] } {
    return { from, lines: this.#requireRotation().outputs.slice(from, from + count) };
  }

  /**
   * Run a read-only listing to completion and return its lines. Journaled when a rotation is open
   * (readings are evidence). A listing that stops at a prompt is ended: reads must not need answers.
   */
  async read(argv: string[]): Promise<{ exitCode: number; lines: string[] }> {
    checkArgv(argv);
    if (!READ_ONLY_COMMANDS.has(argv[1] ?? ''))
      throw new RefusedError(`ibmcloud ${argv.join(' ')} is not a read-only command.`);
    const running = await this.#spawn(argv, { readOnly: true });
    return { exitCode: await running.done, lines: running.lines };
  }

  /**
   * Run one TKE command, after the interlocks agree. Mutating commands need an open rotation; an
   * `advised` argv runs only when it is word for word one of the advice's.
   */
  async run(argv: string[], advised = false): Promise<RunningCommand> {
    checkArgv(argv);
    const r = this.#rotation?.writable ? this.#rotation : null;
    if (r) this.#requireIdle();
    const verdict = commandVerdict(r, argv, advised);
    const command = typedCommand(argv);
    switch (verdict.kind) {
      case 'needs-rotation':
        throw new RefusedError(verdict.message, { kind: 'needs-rotation', command });
      case 'forbidden':
        if (r)
          await this.#journal(r, {
            kind: 'decision',
            data: { what: `refused by the app: ${command} (${verdict.message})` },
          });
        throw new RefusedError(verdict.message, { kind: 'forbidden', command });
      case 'awaiting-review':
        throw new RefusedError(verdict.message);
      case 'read-first':
        // Read the registers first; setimm starts only if the reading shows storage ready for it.
        return (await this.#spawn(['tke', 'cryptounit-mk'], { readOnly: true, then: ['tke', 'cryptounit-mk-setimm'] }))
          .info;
      case 'run':
        return (await this.#spawn(argv, { readOnly: false })).info;
    }
  }

  /** Answer the prompt the running command waits on. A secret is written and not kept. */
  async answer(runId: string, text: string, secret: boolean): Promise<void> {
    const running = this.#requireRun(runId);
    await typeAnswer(
      running,
      text,
      secret,
      async (input) => void (running.rotation ? await this.#journal(running.rotation, input) : null),
    );
    this.#emitState();
  }

  /** Cancel the running command; after M1 only with the typed confirmation `CANCEL`. */
  async cancel(runId: string, confirmation?: string): Promise<{ cancelled: boolean; warning?: string }> {
    const running = this.#requireRun(runId);
    if (running.info.m1Seen && confirmation !== 'CANCEL') return { cancelled: false, warning: CANCEL_AFTER_M1 };
    if (running.rotation)
      await this.#journal(running.rotation, {
        kind: 'decision',
        data: {
          what: `cancelled ${running.info.command}${running.info.m1Seen ? ' after M1' : ''}`,
          override: running.info.m1Seen,
        },
      });
    delete running.then;
    running.process.kill();
    return { cancelled: true };
  }

  /** Record an administrator decision (e.g. continuing past the setimm warning). */
  async decide(what: string, override: boolean): Promise<RotationSnapshot> {
    if (what.startsWith(EVIDENCE_REVIEWED))
      throw new RefusedError(
        'The evidence review is confirmed on the analysis screen, not recorded as a free decision.',
      );
    await this.#journal(this.#requireWritable(), { kind: 'decision', data: { what, override } });
    return this.snapshot();
  }

  /** Close the rotation with its outcome; "completed" needs the classifier's positive evidence. */
  async finish(outcome: string): Promise<RotationSnapshot> {
    let r = this.#requireWritable();
    this.#requireIdle();
    // The registers after a completed rotation belong in its record (reports show before and after).
    if (r.classification.phase === 'completed' && this.#options.baselineReading !== false) {
      await this.read(['tke', 'cryptounit-mk']);
      r = this.#requireWritable();
    }
    const recorded =
      outcome === 'completed' && r.classification.phase !== 'completed'
        ? `closed (${r.classification.phase})`
        : outcome;
    await this.#journal(r, { kind: 'rotation-finished', data: { outcome: recorded } });
    await r.journal?.close();
    this.#emitState();
    return this.snapshot();
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

  async #spawn(argv: string[], options: { readOnly: boolean; then?: string[] }): Promise<Running> {
    this.#requireIdle();
    const r = this.#rotation?.writable ? this.#rotation : null;
    const context = {
      invocation: this.#options.invocation(),
      events: this.#options.events,
      spawn: this.#options.spawn,
      hangAfterMs: this.#options.hangAfterMs ?? 120_000,
      commandEnv: this.#options.commandEnv?.(argv) ?? {},
      enqueue: (work: () => Promise<void>) => this.#queue.enqueue(work),
      emitState: () => this.#emitState(),
      exited: (running: Running, exitCode: number, signal: number | undefined) =>
        this.#onExit(running, exitCode, signal),
    };
    // Marked running before the first await, so a second command cannot slip in meanwhile.
    const running = createCommand(context, r, argv, { ...options, now: this.#clock() });
    this.#running = running;
    await launch(context, running);
    this.#emitState();
    return running;
  }

  async #onExit(running: Running, exitCode: number, signal: number | undefined): Promise<void> {
    const r = running.rotation;
    this.#running = null;
    if (r) await this.#recordClassification(`after ${running.info.command}`);
    this.#options.onCommandFinished?.(running.info.argv, exitCode);
    this.#options.events.exit({ runId: running.info.runId, exitCode, signal: signal ?? null });
    running.resolveDone(exitCode);
    if (r && running.then) await this.#continueAfterReading(r, exitCode, running.then);
    this.#emitState();
  }

  async #continueAfterReading(r: RotationState, readExit: number, then: string[]): Promise<void> {
    const refusal = refusalAfterReading(r, readExit, then);
    if (refusal) {
      await this.#journal(r, {
        kind: 'decision',
        data: { what: `refused by the app: ${typedCommand(then)} (${refusal})` },
      });
      this.#options.events.notice({ level: 'error', message: `${typedCommand(then)} was not started: ${refusal}` });
      return;
    }
    await this.#spawn(then, { readOnly: false });
  }

  async #recordClassification(reason: string): Promise<void> {
    const r = this.#requireRotation();
    const next: Classification = r.reclassify();
    const changed = reason === 'resumed' || JSON.stringify(next) !== JSON.stringify(r.classification);
    r.classification = next;
    if (changed && r.writable) await this.#journal(r, classificationEntry(next, reason));
  }

  async #journal(r: RotationState, input: JournalEntryInput): Promise<JournalEntry | null> {
    return (await rotationTarget(r)?.append(input)) ?? null;
  }

  #emitState(): void {
    this.#options.events.updated(this.state());
  }

  #requireIdle(): void {
    if (this.#running)
      throw new RefusedError(
        `Another TKE command is running (${this.#running.info.command}). Only one command runs at a time.`,
        { kind: 'busy', command: this.#running.info.command },
      );
  }

  #requireRotation(): RotationState {
    if (!this.#rotation) throw new RefusedError('No rotation is open. Start or resume one first.');
    return this.#rotation;
  }

  #requireWritable(): RotationState {
    const r = this.#requireRotation();
    if (!r.writable)
      throw new RefusedError(
        `Rotation ${r.rotationId} is ${r.finished ? 'finished' : 'open read-only'}; nothing can be run in it.`,
      );
    return r;
  }

  #requireRun(runId: string): Running {
    if (!this.#running || this.#running.info.runId !== runId) throw new RefusedError('That command is not running.');
    return this.#running;
  }
}
