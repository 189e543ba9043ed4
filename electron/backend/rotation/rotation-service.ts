/**
 * The rotation service: one TKE command at a time under a pseudo-terminal; inside a rotation every
 * line is journaled (durable first) before the renderer hears of it, the classification is kept
 * current, and the interlocks are applied to every command and to the answers that matter.
 */
import { hostname, userInfo } from 'node:os';
import { EVIDENCE_REVIEWED } from '../../../shared/analysis/types.js';
import type { Classification, Phase, RunFlow } from '../../../shared/classifier/types.js';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import { parseRegisterListing } from '../../../shared/parse/registers.js';
import type { ConsoleState, RotationEvents, RotationSnapshot, RunningCommand } from '../../../shared/rotation/types.js';
import { RotationJournal, findUnfinished, journalPath, listJournals, verifyJournal, type JournalEntry, type JournalEntryInput, type JournalOptions, type JournalSummary } from '../journal/index.js';
import { PtyProcess, type PendingPrompt, type PtySpawn } from '../runner/pty-process.js';
import { checkArgv, typedCommand, type Invocation } from '../runner/tke-invocation.js';
import { commandVerdict, deselectProblem, forbiddenReason, reselectProblem, setimmProblem } from './interlocks.js';
import { createImportedJournal, type ImportedRun, type PrecheckRecord } from './imported-journal.js';
import { LineBatches } from './line-batches.js';
import { RotationState } from './rotation-state.js';
import { checklistRecord, type ChecklistId } from '../../../shared/precheck/checklist.js';

export type { ImportedRun, ImportedRunFile, PrecheckRecord } from './imported-journal.js';

export interface StartRequest {
  flow: RunFlow;
  operator?: string;
  instanceId?: string;
  overrideReason?: string;
  /** The checklist confirmations given (shared/precheck/checklist.ts); the start gate refuses without them. */
  confirmed?: ChecklistId[];
  /** Pre-check results to journal when no start gate is configured (tests, training). */
  prechecks?: PrecheckRecord;
}

export interface RotationServiceOptions {
  dataDir: string;
  invocation: () => Invocation;
  events: RotationEvents;
  hangAfterMs?: number;
  clock?: () => number;
  spawn?: PtySpawn;
  /** Extra variables for one command (demo fault injection; live login's API key, which is never journaled). */
  commandEnv?: (argv: readonly string[]) => Record<string, string>;
  /** Journal a register reading when a rotation starts and when it completes (default true). */
  baselineReading?: boolean;
  /**
   * Decides whether a rotation may start, from the backend's own reading of the crypto units (never
   * from what the renderer says): the pre-check results to journal, and the problems that refuse it.
   */
  startGate?: (request: StartRequest) => Promise<{ prechecks?: PrecheckRecord | undefined; problems: string[] }>;
  /** Told when a command ends (e.g. to remember a successful login's time). */
  onCommandFinished?: (argv: readonly string[], exitCode: number) => void;
  /** The CLI signs through a signing service (`TKE_SIGNSERV_URL`): advice never names sigkey-sel. */
  signingService?: boolean;
  /** Opens a started or resumed journal's file (a test seam to observe writes and fsyncs). */
  journalFile?: JournalOptions['openFile'];
}

interface Running {
  info: RunningCommand;
  process: PtyProcess;
  lines: string[];
  rotation: RotationState | null;
  readOnly: boolean;
  /** The command to start once this register reading passes the setimm check. */
  then?: string[];
  /** The prompt an answer has been accepted for (compared by identity: each prompt is a new object). */
  answered?: PendingPrompt | null;
  done: Promise<number>;
}

/** Listings that change nothing: allowed for pre-checks and the overview at any time. */
export const READ_ONLY = new Set(['cryptounits', 'cryptounit-compare', 'cryptounit-mk', 'cryptounit-mks', 'cryptounit-thrhlds', 'cryptounit-admins', 'sigkeys', 'mks']);

let runCounter = 0;

export class RotationService {
  readonly #options: RotationServiceOptions;
  readonly #clock: () => number;
  #rotation: RotationState | null = null;
  #running: Running | null = null;
  #starting = false;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: RotationServiceOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
  }

  /**
   * Start a new rotation journal. Refused while another rotation is open or being started, while any
   * journal on disk is unfinished (its evidence would be left behind), and when the start gate (the
   * backend's own pre-checks and plan) refuses. The pre-check results it starts on and a register
   * reading are journaled first, as the baseline.
   */
  async start(request: StartRequest): Promise<RotationSnapshot> {
    return this.#opening(async () => {
      const gate = this.#options.startGate ? await this.#options.startGate(request) : { prechecks: request.prechecks, problems: [] };
      if (gate.problems.length > 0) {
        throw new RefusedError(`The rotation cannot start: ${gate.problems.join('; ')}.`, { kind: 'plan-blocked', command: `start ${request.flow}` });
      }
      const journal = await RotationJournal.create(this.#options.dataDir, {
        flow: request.flow,
        mode: this.#options.invocation().mode,
        host: hostname(),
        user: userInfo().username,
        ...(request.operator ? { operator: request.operator } : {}),
        ...(request.instanceId ? { instanceId: request.instanceId } : {}),
      }, this.#journalOptions());
      const { entries } = await verifyJournal(journal.path);
      const rotation = new RotationState(journal, entries, false, this.#options.signingService);
      this.#rotation = rotation;
      if (gate.prechecks) await this.#journal(rotation, { kind: 'prechecks', data: gate.prechecks });
      if (request.overrideReason) {
        await this.#journal(rotation, { kind: 'decision', data: { what: `Started although some pre-checks could not be judged. Reason: ${request.overrideReason}`, override: true } });
      }
      for (const what of checklistRecord(request.flow, request.confirmed)) await this.#journal(rotation, { kind: 'decision', data: { what, override: false } });
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
      const journal = await createImportedJournal(this.#options.dataDir, run, this.#options.invocation().mode);
      const { entries } = await verifyJournal(journal.path);
      this.#rotation = new RotationState(journal, entries, false, this.#options.signingService);
      await this.#recordClassification('imported');
    });
  }

  /** Open a new rotation: one at a time, never beside an open or unfinished one. */
  async #opening(create: () => Promise<void>): Promise<RotationSnapshot> {
    // Checked and marked before any await, so two requests at once cannot both get through.
    if (this.#starting) throw new RefusedError('A rotation is already being started.', { kind: 'busy', command: 'start' });
    if (this.#rotation?.writable) throw new RefusedError(`Rotation ${this.#rotation.rotationId} is still open. Finish it before starting another.`);
    this.#requireIdle();
    this.#starting = true;
    try {
      const unfinished = await findUnfinished(this.#options.dataDir);
      if (unfinished.length > 0) {
        const ids = unfinished.map((j) => j.rotationId).join(', ');
        throw new RefusedError(
          `Rotation ${ids} is unfinished. Resume it and recover or close it first: a new rotation would not see what it did to the crypto units, and the registers may still hold its new master key.`,
          { kind: 'unfinished', command: 'start' },
        );
      }
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
    if (!r.imported) throw new RefusedError(`Rotation ${r.rotationId} was not imported from a manual run.`);
    if (!r.awaitingReview) return this.snapshot();
    if (phase !== r.classification.phase) {
      throw new RefusedError(`The evidence changed since you reviewed it (now: ${r.classification.phase}, you saw: ${phase}). Review it again.`);
    }
    await this.#journal(r, { kind: 'decision', data: { what: `${EVIDENCE_REVIEWED}: ${phase} (imported output${r.latestRegisters() ? ' and register reading' : ''})` } });
    this.#emitState();
    return this.snapshot();
  }

  /** The open rotation, when it was imported: whether its evidence was reviewed. */
  importState(): { rotationId: string; files: { name: string; sha256: string }[]; reviewed: boolean; classification: Classification } | null {
    const r = this.#rotation;
    const first = r?.entries[0];
    if (!r || !r.writable || first?.kind !== 'rotation-started' || !first.data.imported) return null;
    return { rotationId: r.rotationId, files: first.data.imported.files, reviewed: !r.awaitingReview, classification: r.classification };
  }

  /** Reopen a journal: verify it, re-classify, and resume it when unfinished (read-only otherwise). */
  async open(rotationId: string, options: { readOnly?: boolean } = {}): Promise<RotationSnapshot> {
    if (this.#running) throw new RefusedError('A TKE command is running; wait for it to finish.');
    if (this.#starting) throw new RefusedError('A rotation is being started; wait for it.');
    const path = journalPath(this.#options.dataDir, rotationId);
    const verification = await verifyJournal(path);
    if (!verification.ok) throw new RefusedError(`The journal of ${rotationId} does not verify: ${verification.reason}. It is kept as it is for investigation.`);
    const readOnly = options.readOnly === true || verification.entries.some((e) => e.kind === 'rotation-finished');
    await this.#rotation?.journal?.close().catch(() => undefined);
    if (readOnly) {
      this.#rotation = new RotationState(null, verification.entries, true, this.#options.signingService);
    } else {
      const resumed = await RotationJournal.resume(this.#options.dataDir, rotationId, this.#journalOptions());
      this.#rotation = new RotationState(resumed.journal, resumed.verification.entries, false, this.#options.signingService);
      await this.#recordClassification('resumed');
    }
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
    if (!READ_ONLY.has(argv[1] ?? '')) throw new RefusedError(`ibmcloud ${argv.join(' ')} is not a read-only command.`);
    const running = await this.#spawn(argv, { readOnly: true });
    const exitCode = await running.done;
    return { exitCode, lines: running.lines };
  }

  /** Run one TKE command, after the interlocks agree. Mutating commands need an open rotation. */
  async run(argv: string[]): Promise<RunningCommand> {
    checkArgv(argv);
    const r = this.#rotation?.writable ? this.#rotation : null;
    if (r) this.#requireIdle();
    const verdict = commandVerdict(r, argv);
    const command = typedCommand(argv);
    switch (verdict.kind) {
      case 'needs-rotation':
        throw new RefusedError(verdict.message, { kind: 'needs-rotation', command });
      case 'forbidden':
        if (r) await this.#journal(r, { kind: 'decision', data: { what: `refused by the app: ${command} (${verdict.message})` } });
        throw new RefusedError(verdict.message, { kind: 'forbidden', command });
      case 'awaiting-review':
        throw new RefusedError(verdict.message);
      case 'read-first':
        // Read the registers first; setimm starts only if the reading shows storage ready for it.
        return (await this.#spawn(['tke', 'cryptounit-mk'], { readOnly: true, then: ['tke', 'cryptounit-mk-setimm'] })).info;
      case 'run':
        return (await this.#spawn(argv, { readOnly: false })).info;
    }
  }

  /** Answer the prompt the running command waits on. A secret is written and not kept. */
  async answer(runId: string, text: string, secret: boolean): Promise<void> {
    const running = this.#requireRun(runId);
    const prompt = running.process.waiting;
    if (!prompt) throw new RefusedError('The command is not waiting for an answer.');
    if (running.answered === prompt) throw new RefusedError('This prompt has already been answered.');
    if (prompt.secret !== secret) throw new RefusedError(prompt.secret ? 'This prompt asks for a password: use the password field.' : 'This prompt does not ask for a password.');
    if (!secret && /[\r\n\0]/.test(text)) throw new RefusedError('An answer is one line of text.');
    const r = running.rotation;
    if (r && running.info.argv[1] === 'cryptounit-rm' && prompt.kind === 'units' && r.classification.phase === 'partially-promoted') {
      const problem = deselectProblem(text, r.classification.unitsToDeselect);
      if (problem) throw new RefusedError(problem);
    }
    const reselect = r?.classification.unitsToReselect ?? [];
    if (running.info.argv[1] === 'cryptounit-add' && prompt.kind === 'units' && reselect.length > 0) {
      const problem = reselectProblem(text, reselect);
      if (problem) throw new RefusedError(problem);
    }
    // Consumed before the journal write is awaited: a second answer arriving meanwhile must not
    // pass these checks and then be typed into whatever the command asks next.
    running.answered = prompt;
    if (r) {
      const fact = secret ? 'password entered' : `answered ${text.trim().slice(0, 40)}`;
      try {
        await this.#journal(r, { kind: 'prompt-answered', data: { promptKind: prompt.secret ? 'password' : prompt.kind, fact } });
      } catch (error) {
        running.answered = null;
        throw error;
      }
    }
    running.process.answer(text);
    running.info = { ...running.info, prompt: null };
    this.#emitState();
  }

  /** Cancel the running command; after M1 only with the typed confirmation `CANCEL`. */
  async cancel(runId: string, confirmation?: string): Promise<{ cancelled: boolean; warning?: string }> {
    const running = this.#requireRun(runId);
    if (running.info.m1Seen && confirmation !== 'CANCEL') {
      return {
        cancelled: false,
        warning: 'Re-encryption of key storage has started (M1 was printed). Stopping the CLI now leaves key storage partly re-encrypted; you will then have to run ibmcloud tke cryptounit-mk-rotate to finish it. Type CANCEL to stop anyway.',
      };
    }
    if (running.rotation) await this.#journal(running.rotation, { kind: 'decision', data: { what: `cancelled ${running.info.command}${running.info.m1Seen ? ' after M1' : ''}`, override: running.info.m1Seen } });
    delete running.then;
    running.process.kill();
    return { cancelled: true };
  }

  /** Record an administrator decision (e.g. continuing past the setimm warning). */
  async decide(what: string, override: boolean): Promise<RotationSnapshot> {
    if (what.startsWith(EVIDENCE_REVIEWED)) throw new RefusedError('The evidence review is confirmed on the analysis screen, not recorded as a free decision.');
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
    const recorded = outcome === 'completed' && r.classification.phase !== 'completed' ? `closed (${r.classification.phase})` : outcome;
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
  async idle(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.#queue;
      await seen;
    } while (seen !== this.#queue);
  }

  async #spawn(argv: string[], options: { readOnly: boolean; then?: string[] }): Promise<Running> {
    this.#requireIdle();
    const invocation = this.#options.invocation();
    const r = this.#rotation?.writable ? this.#rotation : null;
    const runId = `run-${++runCounter}-${this.#clock()}`;
    const info: RunningCommand = { runId, argv, command: `ibmcloud ${argv.join(' ')}`, startedAt: this.#clock(), m1Seen: false, prompt: null, hang: null, journaled: r !== null };
    let resolveDone: (code: number) => void = () => undefined;
    const done = new Promise<number>((resolve) => (resolveDone = resolve));
    const running: Running = { info, lines: [], process: null as unknown as PtyProcess, rotation: r, readOnly: options.readOnly, done, ...(options.then ? { then: options.then } : {}) };
    this.#running = running;
    if (r) await this.#journal(r, { kind: 'command-started', data: { argv, mode: invocation.mode } });
    const spec = { file: invocation.file, args: [...invocation.prefixArgs, ...argv], env: { ...invocation.env, ...(this.#options.commandEnv?.(argv) ?? {}) }, cwd: invocation.cwd, hangAfterMs: this.#options.hangAfterMs ?? 120_000 };
    // Lines are group-committed (one write and fsync per batch); everything else is a barrier, so
    // the order of the queue, the journal and the events is that of the terminal (line-batches.ts).
    const batches = new LineBatches((work) => this.#enqueue(work), (texts) => this.#flushLines(running, texts));
    running.process = new PtyProcess(spec, {
      line: (text) => batches.line(text),
      // Reported after its line, so the batch holding that line is flushed (durable) before this.
      milestone: (milestone, text) => batches.barrier(async () => {
        if (milestone === 'M1') running.info = { ...running.info, m1Seen: true };
        if (r && (milestone === 'M1' || milestone === 'M2')) await this.#journal(r, { kind: 'milestone', data: { id: milestone, text } });
      }),
      prompt: (prompt) => batches.barrier(async () => {
        if (running.readOnly) {
          running.lines.push(`(the command asked "${prompt.text}"; a read-only listing must not need an answer, so it was stopped)`);
          running.process.kill();
          return;
        }
        running.info = { ...running.info, prompt: publicPrompt(prompt), hang: null };
        this.#emitState();
      }),
      hang: (silentMs) => batches.barrier(async () => {
        running.info = { ...running.info, hang: { silentMs } };
        this.#options.events.notice({ level: 'warning', message: `${info.command} has printed nothing for ${Math.round(silentMs / 1000)} s. It may be waiting on the network or hung; keep waiting or cancel it.` });
        this.#emitState();
      }),
      // PtyProcess reports its last lines first: their batch is flushed before command-finished.
      exit: (exitCode, signal) => batches.barrier(() => this.#onExit(running, exitCode, signal, resolveDone)),
    }, this.#options.spawn);
    this.#emitState();
    return running;
  }

  /** Journals a batch of output lines with one append, then (durable) tells the renderer of each. */
  async #flushLines(running: Running, texts: string[]): Promise<void> {
    const r = running.rotation;
    const first = running.lines.length;
    running.lines.push(...texts);
    const entries = r?.journal && r.writable ? await r.journal.appendBatch(texts.map((line) => ({ kind: 'output', data: { line, stream: 'pty' } }))) : null;
    for (const [i, text] of texts.entries()) {
      const entry = entries?.[i];
      if (r && entry) r.add(entry);
      const stored = entry?.kind === 'output' ? entry.data.line : text;
      this.#options.events.line({ runId: running.info.runId, seq: entry?.seq ?? 0, index: r ? r.outputs.length - 1 : first + i, text: stored });
    }
  }

  async #onExit(running: Running, exitCode: number, signal: number | undefined, resolveDone: (code: number) => void): Promise<void> {
    const r = running.rotation;
    if (r) {
      await this.#journal(r, { kind: 'command-finished', data: { exitCode, ...(signal ? { signal: String(signal) } : {}) } });
      if (exitCode === 0 && (running.info.argv[1] === 'cryptounit-mks' || running.info.argv[1] === 'cryptounit-mk')) {
        const units = parseRegisterListing(running.lines.join('\n')).map(({ num, type, current, new: next }) => ({ num, type, current, new: next }));
        if (units.length > 0) await this.#journal(r, { kind: 'registers', data: { units } });
      }
    }
    this.#running = null;
    if (r) await this.#recordClassification(`after ${running.info.command}`);
    this.#options.onCommandFinished?.(running.info.argv, exitCode);
    this.#options.events.exit({ runId: running.info.runId, exitCode, signal: signal ?? null });
    resolveDone(exitCode);
    if (r && running.then) await this.#continueAfterReading(r, exitCode, running.then);
    this.#emitState();
  }

  async #continueAfterReading(r: RotationState, readExit: number, then: string[]): Promise<void> {
    const problem = readExit === 0 ? setimmProblem(r.latestRegisters()?.units ?? []) : 'The register reading failed.';
    const refusal = problem ?? forbiddenReason(r.classification, then);
    if (refusal) {
      await this.#journal(r, { kind: 'decision', data: { what: `refused by the app: ${typedCommand(then)} (${refusal})` } });
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
    // The entry schema types `next`/`forbidden` as generic JSON; Advice objects are plain JSON.
    if (changed && r.writable) await this.#journal(r, { kind: 'classification', data: JSON.parse(JSON.stringify({ ...next, reason })) as Extract<JournalEntryInput, { kind: 'classification' }>['data'] });
  }

  async #journal(r: RotationState, input: JournalEntryInput): Promise<JournalEntry | null> {
    if (!r.journal || !r.writable) return null;
    const entry = await r.journal.append(input);
    r.add(entry);
    return entry;
  }

  #journalOptions(): JournalOptions {
    return this.#options.journalFile ? { openFile: this.#options.journalFile } : {};
  }

  #emitState(): void {
    this.#options.events.updated(this.state());
  }

  #enqueue(work: () => Promise<void>): void {
    this.#queue = this.#queue.then(work).catch((error: unknown) => {
      this.#options.events.notice({ level: 'error', message: `Journal write failed: ${error instanceof Error ? error.message : String(error)}. Stop and check the disk before continuing.` });
    });
  }

  #requireIdle(): void {
    if (this.#running) throw new RefusedError(`Another TKE command is running (${this.#running.info.command}). Only one command runs at a time.`, { kind: 'busy', command: this.#running.info.command });
  }

  #requireRotation(): RotationState {
    if (!this.#rotation) throw new RefusedError('No rotation is open. Start or resume one first.');
    return this.#rotation;
  }

  #requireWritable(): RotationState {
    const r = this.#requireRotation();
    if (!r.writable) throw new RefusedError(`Rotation ${r.rotationId} is ${r.finished ? 'finished' : 'open read-only'}; nothing can be run in it.`);
    return r;
  }

  #requireRun(runId: string): Running {
    if (!this.#running || this.#running.info.runId !== runId) throw new RefusedError('That command is not running.');
    return this.#running;
  }
}

function publicPrompt(prompt: PendingPrompt): RunningCommand['prompt'] {
  return { kind: prompt.kind, text: prompt.text, detail: prompt.detail, secret: prompt.secret };
}
