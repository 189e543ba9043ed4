/**
 * One training scenario played on an in-memory simulator, journaled (mode `training`) and
 * classified by the same journal and classifier code as real rotations.
 *
 * This is the training-only path that lets exam mode carry out a command the interlocks would
 * refuse: its only executor is the MemorySim below, created here from a simulator scenario, so no
 * command can reach a real `ibmcloud`; RotationService (demo and live rotations) is not involved
 * and keeps every interlock. Guided mode applies the interlocks here too.
 */
import { hostname, userInfo } from 'node:os';
import { classify } from '../../../shared/classifier/index.js';
import { ADMIN_ADD } from '../../../shared/classifier/commands.js';
import type { Classification } from '../../../shared/classifier/types.js';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import { recogniseLine } from '../../../shared/parse/recognise.js';
import { parseRegisterListing } from '../../../shared/parse/registers.js';
import { countAllKeys, createMemorySim, parseFault, runInProcess, statusOf, type MemorySim } from '../../../shared/sim/index.js';
import { privateEndpoint } from '../../../shared/sim/endpoint.js';
import { adviceMatches, choiceOf, choicesFor, scoreScenario, type TrainingChoice, type AdviceView, type ChoiceId, type ConsequenceView, type LogLineView, type RegistersView, type ScenarioScore, type StepRecord, type TrainingMode, type TrainingRunView } from '../../../shared/training/index.js';
import { RotationJournal, type JournalEntry, type JournalEntryInput } from '../journal/index.js';
import { forbiddenReason } from '../rotation/interlocks.js';
import { classifyInputFromJournal } from '../rotation/transcripts.js';
import { trainingAnswers } from './answers.js';
import { lossReason, scenarioView } from './describe.js';
import type { LoadedScenario } from './library.js';

export interface ScenarioRunOptions {
  loaded: LoadedScenario;
  mode: TrainingMode;
  /** Where training journals go (kept apart from real rotations' journals). */
  journalDir: string;
  clock?: () => number;
  operator?: string;
}

const READINGS = new Set(['cryptounit-mks', 'cryptounit-mk']);

export class ScenarioRun {
  readonly loaded: LoadedScenario;
  readonly mode: TrainingMode;
  readonly startedAt: number;
  readonly #clock: () => number;
  readonly #journalDir: string;
  readonly #sim: MemorySim;
  #journal: RotationJournal;
  #entries: JournalEntry[] = [];
  #classification!: Classification;
  readonly #log: LogLineView[] = [];
  readonly #steps: StepRecord[] = [];
  #paused = false;
  #pendingFault: string | null = null;
  #last: ConsequenceView | null = null;
  #score: ScenarioScore | null = null;
  /** Fixes run successfully since the last failed command: a failed pre-check's advice moves past them. */
  readonly #fixed = new Set<string>();

  private constructor(options: ScenarioRunOptions, sim: MemorySim, journal: RotationJournal, clock: () => number) {
    this.loaded = options.loaded;
    this.mode = options.mode;
    this.#clock = clock;
    this.#journalDir = options.journalDir;
    this.#sim = sim;
    this.#journal = journal;
    this.startedAt = clock();
  }

  /** Set up the scenario: simulator state, login, the steps before the trainee takes over. */
  static async start(options: ScenarioRunOptions): Promise<ScenarioRun> {
    const clock = options.clock ?? Date.now;
    const s = options.loaded.scenario;
    const sim = await createMemorySim(s.simScenario as Parameters<typeof createMemorySim>[0], { keys: s.keys, now: clock });
    if (s.loggedIn && s.simScenario !== 'expired-token') await runInProcess(sim, ['login', '--apikey', 'training-key']);
    const journal = await RotationJournal.create(options.journalDir, {
      flow: s.flow,
      mode: 'training',
      host: hostname(),
      user: userInfo().username,
      operator: options.operator ?? `training: ${s.id}`,
    });
    const run = new ScenarioRun(options, sim, journal, clock);
    await run.#setup();
    return run;
  }

  get rotationId(): string {
    return this.#journal.rotationId;
  }

  get done(): boolean {
    return this.#score !== null;
  }

  get score(): ScenarioScore | null {
    return this.#score;
  }

  async #setup(): Promise<void> {
    const s = this.loaded.scenario;
    for (const [index, step] of s.steps.entries()) {
      const last = index === s.steps.length - 1;
      const c = choiceOf(step.command);
      await this.#exec(c.argv ?? [], step.fault, step.units ?? [], last && s.restart, c.tool === 'app' ? c.typed : undefined);
    }
    if (s.restart) await this.#restart();
    await this.#reclassify('scenario ready');
  }

  /** The app restarts after the crash: the journal is verified and resumed, as at a real start. */
  async #restart(): Promise<void> {
    await this.#journal.close();
    const resumed = await RotationJournal.resume(this.#journalDir, this.#journal.rotationId);
    this.#journal = resumed.journal;
    this.#entries = [...resumed.verification.entries];
    await this.#append({ kind: 'decision', data: { what: 'training: the workstation crashed during the command; the app was restarted and resumed the journal' } });
    this.#log.push({ kind: 'marker', text: 'restart' });
  }

  async #append(input: JournalEntryInput): Promise<JournalEntry> {
    const entry = await this.#journal.append(input);
    this.#entries.push(entry);
    return entry;
  }

  /** Whether the workstation of this scenario signs through a signing service (TKE_SIGNSERV_URL set). */
  get signingService(): boolean {
    return this.#sim.signServUrl !== undefined;
  }

  /** The choices this scenario offers. */
  choices(): TrainingChoice[] {
    return choicesFor(this.loaded.scenario.flow, this.signingService);
  }

  async #reclassify(reason: string): Promise<void> {
    this.#classification = classify({ ...classifyInputFromJournal(this.#entries, this.loaded.scenario.flow), signingService: this.signingService });
    await this.#append({ kind: 'classification', data: JSON.parse(JSON.stringify({ ...this.#classification, reason })) as Extract<JournalEntryInput, { kind: 'classification' }>['data'] });
  }

  /**
   * Run one command on the simulator and journal it; `diedWithApp`: a crash that took the app down.
   * `action`: the TKE application's action this command stands in for (the log shows the action; the
   * journal records what the simulator ran, which is what the classifier reads).
   */
  async #exec(argv: readonly string[], fault: string | null, units: readonly number[], diedWithApp: boolean, action?: string): Promise<number | null> {
    if (action !== undefined) await this.#append({ kind: 'decision', data: { what: `training: ${action}, carried out on the simulator as ibmcloud ${argv.join(' ')}` } });
    await this.#append({ kind: 'command-started', data: { argv: [...argv], mode: 'training' } });
    this.#log.push({ kind: 'command', text: action ?? `ibmcloud ${argv.join(' ')}` });
    const result = await runInProcess(this.#sim, argv, { answers: trainingAnswers(units), ...(fault ? { fault } : {}) });
    const lines = result.transcript.split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (const line of lines) {
      await this.#journal.appendOutput(line, { stream: 'pty' }).then((e) => this.#entries.push(e));
      this.#log.push({ kind: 'output', text: line });
      // The same recogniser as the rotation's terminal reader and the classifier.
      const milestone = recogniseLine(line).milestone;
      if (milestone === 'M1' || milestone === 'M2') await this.#append({ kind: 'milestone', data: { id: milestone, text: line } });
    }
    if (result.crashed && diedWithApp) return null;
    await this.#append({ kind: 'command-finished', data: { exitCode: result.exitCode, ...(result.crashed ? { signal: 'SIGKILL' } : {}) } });
    if (result.exitCode === 0 && READINGS.has(argv[1] ?? '')) {
      const units = parseRegisterListing(lines.join('\n')).map(({ num, type, current, new: next }) => ({ num, type, current, new: next }));
      if (units.length > 0) await this.#append({ kind: 'registers', data: { units } });
    }
    if (result.exitCode === 0) this.#fixed.add(`ibmcloud ${argv[0] === 'tke' ? `tke ${argv[1] ?? ''}` : argv[0] ?? ''}`);
    else this.#fixed.clear();
    return result.exitCode;
  }

  /**
   * The administrator edits SIGNSERVKEYS: it lists, without tokens (asked at each use, as IBM
   * recommends), the signing service's keys that are installed administrators of the crypto units.
   */
  async #listServiceKeys(): Promise<void> {
    const installed = new Set(this.#sim.state.instances.flatMap((i) => i.units.flatMap((u) => u.admins.map((a) => a.ski))));
    const keys = (this.#sim.state.signingService?.keys ?? []).filter((k) => installed.has(k.ski)).map((k) => ({ key: k.name }));
    await this.#sim.ws.writeSignServKeys(JSON.stringify(keys));
    await this.#append({ kind: 'decision', data: { what: `training: SIGNSERVKEYS now lists ${keys.length} key(s): ${keys.map((k) => k.key).join(', ')}` } });
  }

  #registers(): RegistersView {
    return statusOf(this.#sim.state, [], [], this.#sim.now()).units.map(({ num, type, current, new: next, selected }) => ({ num, type, current, new: next, selected }));
  }

  #advice(): AdviceView {
    const c = this.#classification;
    const pending = c.phase === 'precheck-failed' ? c.next.filter((a) => !this.#fixed.has(a.command)) : c.next;
    return { phase: c.phase, next: pending.length > 0 ? pending : c.next.slice(-1), forbidden: c.forbidden, unitsToDeselect: c.unitsToDeselect, unitsToReselect: c.unitsToReselect ?? [] };
  }

  /** The instructor pauses (or resumes) the scenario: no choice is carried out while paused. */
  pause(paused: boolean): void {
    this.#paused = paused;
  }

  /** The instructor's fault for the next command the simulator runs (`<point>` or `<point>:crash`). */
  injectFault(fault: string | null): void {
    if (fault !== null && typeof parseFault(fault) === 'string') throw new RefusedError(`Unknown fault point ${fault}.`);
    this.#pendingFault = fault;
  }

  /** Carry out the trainee's choice and return its consequences. */
  async choose(choice: ChoiceId, units?: readonly number[]): Promise<ConsequenceView> {
    if (this.done) throw new RefusedError('This scenario is over: start another one.');
    if (this.#paused) throw new RefusedError('The instructor has paused this scenario.');
    const c = choiceOf(choice);
    if (!this.choices().some((o) => o.id === choice)) {
      const why =
        choice === 'signservkeys-edit'
          ? 'this workstation does not use a signing service'
          : this.loaded.scenario.flow === 'smartcard'
            ? 'a smart-card rotation is recovered in the TKE application'
            : 'the TKE application is for smart-card rotations';
      throw new RefusedError(`${c.typed} is not offered in this scenario: ${why}.`);
    }
    const adviceBefore = this.#advice();
    if (this.mode === 'guided' && c.argv) {
      // A TKE application action is refused under its own name; a CLI command by what it runs.
      const refusal = c.tool === 'app' ? this.#classification.forbidden.find((f) => f.command === c.typed) : null;
      if (refusal) throw new RefusedError(`${c.typed} is refused: ${refusal.why}`);
      const cli = c.tool === 'app' ? null : forbiddenReason(this.#classification, c.argv);
      if (cli) throw new RefusedError(cli);
    }
    const registersBefore = this.#registers();
    const keystoreBefore = countAllKeys(this.#sim.state);
    const wrappedBefore = statusOf(this.#sim.state, [], [], this.#sim.now()).instances.flatMap((i) => i.wrapped);
    const answerUnits = units && units.length > 0 ? units : choice === 'cryptounit-add' ? adviceBefore.unitsToReselect : adviceBefore.unitsToDeselect;
    let exitCode: number | null = null;
    if (c.argv) {
      const fault = this.#pendingFault;
      this.#pendingFault = null;
      exitCode = await this.#exec(c.argv, fault, answerUnits, false, c.tool === 'app' ? c.typed : undefined);
    } else {
      await this.#append({ kind: 'decision', data: { what: `training: chose ${c.typed} (outside the simulator)` } });
      this.#log.push({ kind: 'marker', text: `outside:${choice}` });
      if (choice === 'signservkeys-edit') {
        await this.#listServiceKeys();
        // It carries out the administrators' fix the advisor gives under cryptounit-admin-add.
        this.#fixed.add(ADMIN_ADD);
      }
      if (choice === 'private-endpoint') {
        // The shell step, done: every later command of this run goes through the region's private endpoint.
        this.#sim.privateAddr = privateEndpoint(this.#sim.state.session.region);
        this.#fixed.add(c.typed);
      }
    }
    await this.#reclassify(`after ${c.typed}`);
    const keystoreAfter = countAllKeys(this.#sim.state);
    const lost = Math.max(0, keystoreAfter.lost - keystoreBefore.lost);
    const step: StepRecord = { choice, command: c.typed, correct: adviceMatches(choice, adviceBefore.next[0]?.command), rightAction: adviceBefore.next[0]?.command ?? null, keysLost: lost, exitCode, atMs: this.#clock() - this.startedAt };
    this.#steps.push(step);
    this.#last = {
      step,
      refused: null,
      keystoreBefore,
      keystoreAfter,
      lossWhy: lost > 0 ? lossReason(choice, adviceBefore, lost, wrappedBefore) : null,
      registersBefore,
      registersAfter: this.#registers(),
      adviceBefore,
      outputTail: this.#log.slice(-12).filter((l) => l.kind === 'output').map((l) => l.text),
    };
    const s = this.loaded.scenario;
    const goal = s.goal === 'complete' ? this.#complete() : choice === (s.fix ?? s.expected);
    if (goal) await this.end(true);
    else if (this.#steps.length >= s.maxSteps) await this.end(false);
    return this.#last;
  }

  /**
   * Goal `complete`: the rotation completed or, where no rotation was under way (a lost current key
   * copied back from a recovery unit, IBM's recover page), the advisor has nothing left to do.
   */
  #complete(): boolean {
    const c = this.#classification;
    return c.phase === 'completed' || (c.phase === 'no-rotation' && c.next.length === 0);
  }

  /** End the scenario (goal reached, out of steps or abandoned) and score it. */
  async end(goalReached = false): Promise<ScenarioScore> {
    if (this.#score) return this.#score;
    const s = this.loaded.scenario;
    this.#score = scoreScenario({ scenarioId: s.id, mode: this.mode, expected: s.expected, steps: this.#steps, startedAt: this.startedAt, endedAt: this.#clock(), goalReached });
    await this.#append({ kind: 'rotation-finished', data: { outcome: `training ${this.#score.outcome}` } });
    await this.#journal.close();
    return this.#score;
  }

  /** The run as the renderer sees it; the advice is withheld in exam mode. */
  view(): TrainingRunView {
    return {
      scenario: scenarioView(this.loaded),
      mode: this.mode,
      status: this.done ? 'done' : 'deciding',
      paused: this.#paused,
      pendingFault: this.#pendingFault,
      startedAt: this.startedAt,
      rotationId: this.rotationId,
      log: [...this.#log],
      registers: this.#registers(),
      keystore: countAllKeys(this.#sim.state),
      advice: this.mode === 'guided' || this.done ? this.#advice() : null,
      steps: [...this.#steps],
      lastConsequence: this.#last,
      score: this.#score,
    };
  }

  /** For tests: the classifier's advice whatever the mode. */
  adviceForTests(): AdviceView {
    return this.#advice();
  }
}
