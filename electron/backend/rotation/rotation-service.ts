/**
 * The rotation service: one TKE command at a time under a pseudo-terminal, every line journaled
 * (durable first) before the renderer hears of it, the classification kept current, and the
 * interlocks applied to every command and to the answers that matter.
 */
import { hostname, userInfo } from 'node:os';
import { classify } from '../../../shared/classifier/index.js';
import type { Classification, Flow } from '../../../shared/classifier/types.js';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import { parseRegisterListing } from '../../../shared/parse/registers.js';
import { initialTimeline, transition, type Timeline, type TimelineEvent } from '../../../shared/rotation/timeline.js';
import type { UnitRegisters } from '../../../shared/tke/types.js';
import { RotationJournal, findUnfinished, verifyJournal, listJournals, journalPath, type JournalEntry, type JournalSummary } from '../journal/index.js';
import { PtyProcess, type PendingPrompt, type PtySpawn } from '../runner/pty-process.js';
import { checkArgv, typedCommand, type Invocation } from '../runner/tke-invocation.js';
import { deselectProblem, forbiddenReason, setimmProblem } from './interlocks.js';
import { classifyInputFromJournal } from './transcripts.js';
import type { RotationEvents, RotationSnapshot, RunningCommand } from './types.js';

export interface RotationServiceOptions {
  dataDir: string;
  invocation: () => Invocation;
  events: RotationEvents;
  hangAfterMs?: number;
  clock?: () => number;
  spawn?: PtySpawn;
  /** Extra variables for one command (training mode's fault injection); never secrets. */
  commandEnv?: () => Record<string, string>;
}

interface Active {
  journal: RotationJournal;
  rotationId: string;
  flow: Flow | undefined;
  mode: RotationSnapshot['mode'];
  entries: JournalEntry[];
  /** Output lines in order (index = position in the log view). */
  outputs: { seq: number; text: string }[];
  timeline: Timeline;
  classification: Classification;
  finished: boolean;
  readOnly: boolean;
}

interface Running {
  info: RunningCommand;
  process: PtyProcess;
  lines: string[];
  /** The command to start once this register reading passes the setimm check. */
  then?: string[];
}

let runCounter = 0;

export class RotationService {
  readonly #options: RotationServiceOptions;
  readonly #clock: () => number;
  #active: Active | null = null;
  #running: Running | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: RotationServiceOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
  }

  /** Start a new rotation journal; refused while another rotation is open and unfinished. */
  async start(request: { flow: Flow; operator?: string; instanceId?: string }): Promise<RotationSnapshot> {
    if (this.#active && !this.#active.finished && !this.#active.readOnly) {
      throw new RefusedError(`Rotation ${this.#active.rotationId} is still open. Finish or close it before starting another.`);
    }
    const mode = this.#options.invocation().mode;
    const journal = await RotationJournal.create(this.#options.dataDir, {
      flow: request.flow,
      mode,
      host: hostname(),
      user: userInfo().username,
      ...(request.operator ? { operator: request.operator } : {}),
      ...(request.instanceId ? { instanceId: request.instanceId } : {}),
    });
    const verification = await verifyJournal(journal.path);
    this.#active = this.#activate(journal, verification.entries, false);
    return this.snapshot();
  }

  /** Reopen a journal: verify it, re-classify, and resume it when unfinished (read-only otherwise). */
  async open(rotationId: string, options: { readOnly?: boolean } = {}): Promise<RotationSnapshot> {
    if (this.#running) throw new RefusedError('A TKE command is running; wait for it to finish.');
    await this.#active?.journal.close().catch(() => undefined);
    const path = journalPath(this.#options.dataDir, rotationId);
    const verification = await verifyJournal(path);
    if (!verification.ok) throw new RefusedError(`The journal of ${rotationId} does not verify: ${verification.reason}. It is kept as it is for investigation.`);
    const finished = verification.entries.some((e) => e.kind === 'rotation-finished');
    const readOnly = options.readOnly === true || finished;
    const { journal, verification: resumed } = readOnly
      ? { journal: null, verification }
      : await RotationJournal.resume(this.#options.dataDir, rotationId);
    const entries = resumed.entries;
    this.#active = this.#activate(journal, entries, readOnly);
    if (!readOnly) await this.#recordClassification('resumed');
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

  /** The current state for the renderer. */
  snapshot(): RotationSnapshot {
    const a = this.#active;
    if (!a) throw new RefusedError('No rotation is open.');
    const started = a.entries.find((e) => e.kind === 'rotation-started');
    return {
      rotationId: a.rotationId,
      flow: a.classification.flow,
      mode: a.mode,
      startedAt: started?.time ?? '',
      finished: a.finished,
      readOnly: a.readOnly,
      classification: a.classification,
      timeline: a.timeline,
      running: this.#running?.info ?? null,
      commands: a.entries.flatMap((e) => (e.kind === 'command-started' ? [{ seq: e.seq, command: `ibmcloud ${e.data.argv.join(' ')}`, at: e.time, exitCode: this.#exitOf(e.seq) }] : [])),
      registers: this.#latestRegisters(),
      lineCount: a.outputs.length,
      journal: { path: a.journal?.path ?? journalPath(this.#options.dataDir, a.rotationId), entries: a.entries.length, headHash: a.entries.at(-1)?.hash ?? '' },
    };
  }

  /** Output lines of the open rotation, `from` (0-based) for `count` lines, for the virtual log. */
  lines(from: number, count: number): { from: number; lines: { seq: number; text: string }[] } {
    const a = this.#requireActive();
    return { from, lines: a.outputs.slice(from, from + count) };
  }

  /** Run one TKE command for the open rotation, after the interlocks agree. */
  async run(argv: string[]): Promise<RunningCommand> {
    const a = this.#requireWritable();
    if (this.#running) throw new RefusedError(`Another TKE command is running (${this.#running.info.command}). Only one command runs at a time.`);
    checkArgv(argv);
    const refusal = forbiddenReason(a.classification, argv);
    if (refusal) {
      await this.#journal({ kind: 'decision', data: { what: `refused by the app: ${typedCommand(argv)} (${refusal})` } });
      throw new RefusedError(refusal);
    }
    if (argv[1] === 'cryptounit-mk-setimm' && ['rewrap-complete', 'partially-promoted'].includes(a.classification.phase)) {
      // Read the registers first; setimm starts only if the reading shows storage ready for it.
      return this.#spawn(['tke', 'cryptounit-mks'], ['tke', 'cryptounit-mk-setimm']);
    }
    return this.#spawn(argv);
  }

  /** Answer the prompt the running command waits on. A secret is written and not kept. */
  async answer(runId: string, text: string, secret: boolean): Promise<void> {
    const running = this.#requireRun(runId);
    const prompt = running.process.waiting;
    if (!prompt) throw new RefusedError('The command is not waiting for an answer.');
    if (prompt.secret !== secret) throw new RefusedError(prompt.secret ? 'This prompt asks for a password: use the password field.' : 'This prompt does not ask for a password.');
    if (!secret && /[\r\n\0]/.test(text)) throw new RefusedError('An answer is one line of text.');
    const a = this.#requireWritable();
    if (running.info.argv[1] === 'cryptounit-rm' && prompt.kind === 'units' && a.classification.phase === 'partially-promoted') {
      const problem = deselectProblem(text, a.classification.unitsToDeselect);
      if (problem) throw new RefusedError(problem);
    }
    const fact = secret ? 'password entered' : `answered ${text.trim().slice(0, 40)}`;
    await this.#journal({ kind: 'prompt-answered', data: { promptKind: prompt.kind === 'password' ? 'password' : prompt.kind, fact } });
    running.process.answer(text);
    running.info = { ...running.info, prompt: null };
    this.#options.events.updated(this.snapshot());
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
    await this.#journal({ kind: 'decision', data: { what: `cancelled ${running.info.command}${running.info.m1Seen ? ' after M1' : ''}`, override: running.info.m1Seen } });
    running.then = undefined;
    running.process.kill();
    return { cancelled: true };
  }

  /** Record an administrator decision (e.g. continuing past the setimm warning). */
  async decide(what: string, override: boolean): Promise<RotationSnapshot> {
    this.#requireWritable();
    await this.#journal({ kind: 'decision', data: { what, override } });
    return this.snapshot();
  }

  /** Close the rotation with its outcome; completed needs the classifier's positive evidence. */
  async finish(outcome: string): Promise<RotationSnapshot> {
    const a = this.#requireWritable();
    if (this.#running) throw new RefusedError('A TKE command is running.');
    await this.#journal({ kind: 'rotation-finished', data: { outcome: outcome === 'completed' && a.classification.phase !== 'completed' ? `closed (${a.classification.phase})` : outcome } });
    a.finished = true;
    await a.journal?.close();
    this.#options.events.updated(this.snapshot());
    return this.snapshot();
  }

  /** Wait for pending journal work (tests, shutdown). */
  async idle(): Promise<void> {
    await this.#queue;
  }

  #activate(journal: RotationJournal | null, entries: JournalEntry[], readOnly: boolean): Active {
    const started = entries.find((e) => e.kind === 'rotation-started');
    const flowText = started?.kind === 'rotation-started' ? started.data.flow : undefined;
    const flow: Flow | undefined = flowText === 'auto' || flowText === 'keyparts' ? flowText : undefined;
    let timeline = initialTimeline(flow ?? 'auto');
    for (const e of entries) {
      const event = timelineEventOf(e);
      if (event) timeline = transition(timeline, event);
    }
    const classification = classify(classifyInputFromJournal(entries, flow));
    return {
      journal: journal as RotationJournal,
      rotationId: started?.kind === 'rotation-started' ? started.data.rotationId : '',
      flow,
      mode: started?.kind === 'rotation-started' ? started.data.mode : 'demo',
      entries: [...entries],
      outputs: entries.flatMap((e) => (e.kind === 'output' ? [{ seq: e.seq, text: e.data.line }] : [])),
      timeline,
      classification,
      finished: entries.some((e) => e.kind === 'rotation-finished'),
      readOnly,
    };
  }

  async #spawn(argv: string[], then?: string[]): Promise<RunningCommand> {
    const a = this.#requireWritable();
    const invocation = this.#options.invocation();
    const runId = `run-${++runCounter}-${this.#clock()}`;
    const info: RunningCommand = { runId, argv, command: `ibmcloud ${argv.join(' ')}`, startedAt: this.#clock(), m1Seen: false, prompt: null, hang: null };
    await this.#journal({ kind: 'command-started', data: { argv, mode: invocation.mode } });
    const running: Running = { info, lines: [], process: null as unknown as PtyProcess, ...(then ? { then } : {}) };
    this.#running = running;
    running.process = new PtyProcess(
      { file: invocation.file, args: [...invocation.prefixArgs, ...argv], env: { ...invocation.env, ...(this.#options.commandEnv?.() ?? {}) }, cwd: invocation.cwd, hangAfterMs: this.#options.hangAfterMs ?? 120_000 },
      {
        line: (text) => this.#enqueue(async () => {
          running.lines.push(text);
          const entry = await a.journal.appendOutput(text, { stream: 'pty' });
          this.#afterEntry(entry);
          const stored = entry.kind === 'output' ? entry.data.line : text;
          this.#options.events.line({ runId, seq: entry.seq, index: a.outputs.length - 1, text: stored });
        }),
        milestone: (milestone, text) => this.#enqueue(async () => {
          if (milestone === 'M1') running.info = { ...running.info, m1Seen: true };
          if (milestone === 'M1' || milestone === 'M2') await this.#journal({ kind: 'milestone', data: { id: milestone, text } });
        }),
        prompt: (prompt) => this.#enqueue(async () => {
          running.info = { ...running.info, prompt: publicPrompt(prompt), hang: null };
          this.#options.events.updated(this.snapshot());
        }),
        hang: (silentMs) => this.#enqueue(async () => {
          running.info = { ...running.info, hang: { silentMs } };
          this.#options.events.notice({ level: 'warning', message: `${info.command} has printed nothing for ${Math.round(silentMs / 1000)} s. It may be waiting on the network or hung; you can keep waiting or cancel it.` });
          this.#options.events.updated(this.snapshot());
        }),
        exit: (exitCode, signal) => this.#enqueue(() => this.#onExit(running, exitCode, signal)),
      },
      this.#options.spawn,
    );
    this.#options.events.updated(this.snapshot());
    return info;
  }

  async #onExit(running: Running, exitCode: number, signal: number | undefined): Promise<void> {
    const a = this.#requireActive();
    await this.#journal({ kind: 'command-finished', data: { exitCode, ...(signal ? { signal: String(signal) } : {}) } });
    if (running.info.argv[1] === 'cryptounit-mks' || running.info.argv[1] === 'cryptounit-mk') {
      const units = parseRegisterListing(running.lines.join('\n')).map(({ num, type, current, new: next }) => ({ num, type, current, new: next }));
      if (exitCode === 0 && units.length > 0) await this.#journal({ kind: 'registers', data: { units } });
    }
    this.#running = null;
    await this.#recordClassification(`after ${running.info.command}`);
    this.#options.events.exit({ runId: running.info.runId, exitCode, signal: signal ?? null });
    if (running.then) {
      const units = this.#latestRegisters()?.units ?? [];
      const problem = exitCode === 0 ? setimmProblem(units) : 'The register reading failed.';
      const refusal = problem ?? forbiddenReason(a.classification, running.then);
      if (refusal) {
        await this.#journal({ kind: 'decision', data: { what: `refused by the app: ${typedCommand(running.then)} (${refusal})` } });
        this.#options.events.notice({ level: 'error', message: `${typedCommand(running.then)} was not started: ${refusal}` });
      } else {
        await this.#spawn(running.then);
      }
    }
    this.#options.events.updated(this.snapshot());
  }

  async #recordClassification(reason: string): Promise<void> {
    const a = this.#requireActive();
    const next = classify(classifyInputFromJournal(a.entries, a.flow));
    const changed = JSON.stringify(next) !== JSON.stringify(a.classification) || reason === 'resumed';
    a.classification = next;
    if (changed && !a.readOnly) await this.#journal({ kind: 'classification', data: { ...next, reason } as unknown as Extract<JournalEntry, { kind: 'classification' }>['data'] });
  }

  #latestRegisters(): RotationSnapshot['registers'] {
    const a = this.#active;
    const entry = a?.entries.findLast((e) => e.kind === 'registers');
    return entry?.kind === 'registers' ? { seq: entry.seq, at: entry.time, units: entry.data.units as UnitRegisters[] } : null;
  }

  #exitOf(startSeq: number): number | null {
    const entries = this.#active?.entries ?? [];
    const start = entries.findIndex((e) => e.seq === startSeq);
    const end = entries.slice(start + 1).find((e) => e.kind === 'command-finished' || e.kind === 'command-started');
    return end?.kind === 'command-finished' ? end.data.exitCode : null;
  }

  async #journal(input: Parameters<RotationJournal['append']>[0]): Promise<JournalEntry> {
    const a = this.#requireWritable();
    const entry = await a.journal.append(input);
    this.#afterEntry(entry);
    return entry;
  }

  #afterEntry(entry: JournalEntry): void {
    const a = this.#requireActive();
    a.entries.push(entry);
    if (entry.kind === 'output') a.outputs.push({ seq: entry.seq, text: entry.data.line });
    const event = timelineEventOf(entry);
    if (event) a.timeline = transition(a.timeline, event);
  }

  #enqueue(work: () => Promise<void>): void {
    this.#queue = this.#queue.then(work).catch((error: unknown) => {
      this.#options.events.notice({ level: 'error', message: `Journal write failed: ${error instanceof Error ? error.message : String(error)}. Stop and check the disk before continuing.` });
    });
  }

  #requireActive(): Active {
    if (!this.#active) throw new RefusedError('No rotation is open. Start or resume one first.');
    return this.#active;
  }

  #requireWritable(): Active & { journal: RotationJournal } {
    const a = this.#requireActive();
    if (a.readOnly || a.finished) throw new RefusedError(`Rotation ${a.rotationId} is ${a.finished ? 'finished' : 'open read-only'}; nothing can be run in it.`);
    return a;
  }

  #requireRun(runId: string): Running {
    if (!this.#running || this.#running.info.runId !== runId) throw new RefusedError('That command is not running.');
    return this.#running;
  }
}

function publicPrompt(prompt: PendingPrompt): RunningCommand['prompt'] {
  return { kind: prompt.kind, text: prompt.text, detail: prompt.detail, secret: prompt.secret };
}

function timelineEventOf(entry: JournalEntry): TimelineEvent | null {
  const at = Date.parse(entry.time);
  switch (entry.kind) {
    case 'command-started':
      return { kind: 'command-started', argv: entry.data.argv, at };
    case 'output':
      return { kind: 'line', text: entry.data.line, at };
    case 'command-finished':
      return { kind: 'command-finished', exitCode: entry.data.exitCode };
    default:
      return null;
  }
}
