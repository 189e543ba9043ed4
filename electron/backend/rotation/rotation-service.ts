/**
 * The rotation service: one TKE command at a time under a pseudo-terminal; inside a rotation every
 * line is journaled (durable first) before the renderer hears of it, the classification is kept
 * current, and the interlocks are applied to every command and to the answers that matter.
 */
import { EVIDENCE_REVIEWED } from '../../../shared/analysis/types.js';
import type { Classification, Phase } from '../../../shared/classifier/types.js';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import type { ConsoleState, RotationSnapshot, RunningCommand } from '../../../shared/rotation/types.js';
import { findUnfinished, journalPath, listJournals, type JournalSummary } from '../journal/index.js';
import { checkArgv, typedCommand } from '../runner/tke-invocation.js';
import type { ImportedRun } from './imported-journal.js';
import { commandVerdict } from './interlocks.js';
import { CommandRunner } from './command-runner.js';
import { classificationEntry } from './pipeline.js';
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
import { recordedOutcome, requireIdle, requireReadOnly, requireRotation, requireWritable } from './rotation-guards.js';
import type { RotationState } from './rotation-state.js';

export type { ImportedRun, ImportedRunFile, PrecheckRecord } from './imported-journal.js';
export type { RotationServiceOptions, StartRequest } from './rotation-options.js';

export class RotationService {
  readonly #options: RotationServiceOptions;
  readonly #runner: CommandRunner;
  #rotation: RotationState | null = null;
  #starting = false;

  constructor(options: RotationServiceOptions) {
    this.#options = options;
    this.#runner = new CommandRunner({
      options,
      clock: options.clock ?? Date.now,
      writable: () => (this.#rotation?.writable ? this.#rotation : null),
      exited: (command) => this.#recordClassification(`after ${command}`),
      emitState: () => this.#emitState(),
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
    requireIdle(this.#runner.running);
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
    const r = requireWritable(this.#rotation);
    const review = reviewDecision(r, phase);
    if (review === null) return this.snapshot();
    await this.#runner.journal(r, review);
    this.#emitState();
    return this.snapshot();
  }

  /** The open rotation, when it was imported: whether its evidence was reviewed. */
  importState(): ReturnType<typeof importStateOf> | null {
    return this.#rotation ? importStateOf(this.#rotation) : null;
  }

  /** Reopen a journal: verify it, re-classify, and resume it when unfinished (read-only otherwise). */
  async open(rotationId: string, options: { readOnly?: boolean } = {}): Promise<RotationSnapshot> {
    if (this.#runner.running) throw new RefusedError('A TKE command is running; wait for it to finish.');
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
    return { rotation: this.#rotation ? this.snapshot() : null, running: this.#runner.running?.info ?? null };
  }

  /** The open rotation's snapshot. */
  snapshot(): RotationSnapshot {
    const r = requireRotation(this.#rotation);
    return r.snapshot(journalPath(this.#options.dataDir, r.rotationId));
  }

  /** Output lines of the open rotation, `from` (0-based) for `count` lines, for the virtual log. */
  lines(from: number, count: number): { from: number; lines: { seq: number; text: string }[] } {
    return { from, lines: requireRotation(this.#rotation).outputs.slice(from, from + count) };
  }

  /**
   * Run a read-only listing to completion and return its lines. Journaled when a rotation is open
   * (readings are evidence). A listing that stops at a prompt is ended: reads must not need answers.
   */
  async read(argv: string[]): Promise<{ exitCode: number; lines: string[] }> {
    checkArgv(argv);
    requireReadOnly(argv);
    const running = await this.#runner.spawn(argv, { readOnly: true });
    return { exitCode: await running.done, lines: running.lines };
  }

  /**
   * Run one TKE command, after the interlocks agree. Mutating commands need an open rotation; an
   * `advised` argv runs only when it is word for word one of the advice's.
   */
  async run(argv: string[], advised = false): Promise<RunningCommand> {
    checkArgv(argv);
    const r = this.#rotation?.writable ? this.#rotation : null;
    if (r) requireIdle(this.#runner.running);
    const verdict = commandVerdict(r, argv, advised);
    const command = typedCommand(argv);
    switch (verdict.kind) {
      case 'needs-rotation':
        throw new RefusedError(verdict.message, { kind: 'needs-rotation', command });
      case 'forbidden':
        if (r)
          await this.#runner.journal(r, {
            kind: 'decision',
            data: { what: `refused by the app: ${command} (${verdict.message})` },
          });
        throw new RefusedError(verdict.message, { kind: 'forbidden', command });
      case 'awaiting-review':
        throw new RefusedError(verdict.message);
      case 'read-first':
        // Read the registers first; setimm starts only if the reading shows storage ready for it.
        return (
          await this.#runner.spawn(['tke', 'cryptounit-mk'], { readOnly: true, then: ['tke', 'cryptounit-mk-setimm'] })
        ).info;
      case 'run':
        return (await this.#runner.spawn(argv, { readOnly: false })).info;
    }
  }

  /** Record an administrator decision (e.g. continuing past the setimm warning). */
  async decide(what: string, override: boolean): Promise<RotationSnapshot> {
    if (what.startsWith(EVIDENCE_REVIEWED))
      throw new RefusedError(
        'The evidence review is confirmed on the analysis screen, not recorded as a free decision.',
      );
    await this.#runner.journal(requireWritable(this.#rotation), { kind: 'decision', data: { what, override } });
    return this.snapshot();
  }

  /** Close the rotation with its outcome; "completed" needs the classifier's positive evidence. */
  async finish(outcome: string): Promise<RotationSnapshot> {
    let r = requireWritable(this.#rotation);
    requireIdle(this.#runner.running);
    // The registers after a completed rotation belong in its record (reports show before and after).
    if (r.classification.phase === 'completed' && this.#options.baselineReading !== false) {
      await this.read(['tke', 'cryptounit-mk']);
      r = requireWritable(this.#rotation);
    }
    await this.#runner.journal(r, {
      kind: 'rotation-finished',
      data: { outcome: recordedOutcome(outcome, r.classification.phase) },
    });
    await r.journal?.close();
    this.#emitState();
    return this.snapshot();
  }

  /** Answer the prompt the running command waits on. A secret is written and not kept. */
  answer(runId: string, text: string, secret: boolean): Promise<void> {
    return this.#runner.answer(runId, text, secret);
  }

  /** Cancel the running command; after M1 only with the typed confirmation `CANCEL`. */
  cancel(runId: string, confirmation?: string): Promise<{ cancelled: boolean; warning?: string }> {
    return this.#runner.cancel(runId, confirmation);
  }

  /** Stop the running command (app or host shutting down); pending journal work is awaited. */
  shutdown(): Promise<void> {
    return this.#runner.shutdown();
  }

  /** Wait for pending journal work (tests, shutdown). */
  idle(): Promise<void> {
    return this.#runner.idle();
  }

  async #recordClassification(reason: string): Promise<void> {
    const r = requireRotation(this.#rotation);
    const next: Classification = r.reclassify();
    const changed = reason === 'resumed' || JSON.stringify(next) !== JSON.stringify(r.classification);
    r.classification = next;
    if (changed && r.writable) await this.#runner.journal(r, classificationEntry(next, reason));
  }

  #emitState(): void {
    this.#options.events.updated(this.state());
  }
}
