/**
 * One training scenario played on an in-memory simulator, journaled (mode `training`) and
 * classified by the same journal and classifier code as real rotations.
 *
 * Each command goes through the rotation pipeline (rotation/pipeline.ts) like a live rotation's,
 * so the same output gives the same journal entries. A training run differs only in its executor
 * and its interlock policy (policy.ts): the executor is the MemorySim below, created here from a
 * simulator scenario, so no command can reach a real `ibmcloud`, and exam mode's policy lets the
 * trainee carry out a command the interlocks would refuse (guided mode applies them).
 * RotationService (demo and live rotations) is not involved and keeps every interlock.
 */
import { hostname, userInfo } from 'node:os';
import { classify } from '../../../shared/classifier/index.js';
import type { Classification } from '../../../shared/classifier/types.js';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import { isFaultNote } from '../../../shared/sim/context.js';
import { countAllKeys, createMemorySim, parseFault, runInProcess, statusOf, type MemorySim } from '../../../shared/sim/index.js';
import { adviceMatches, choiceOf, choicesFor, scoreScenario, type TrainingChoice, type AdviceView, type ChoiceId, type ConsequenceView, type LogLineView, type RegistersView, type ScenarioScore, type StepRecord, type TrainingMode, type TrainingRunView } from '../../../shared/training/index.js';
import { RotationJournal, type JournalEntry, type JournalEntryInput } from '../journal/index.js';
import { classificationEntry, CommandPipeline, replay, WorkQueue, type JournalTarget } from '../rotation/pipeline.js';
import { classifyInputFromJournal } from '../rotation/transcripts.js';
import { trainingAnswers } from './answers.js';
import { exerciseView, lossReason, notOfferedReason, pendingAdvice, scenarioView } from './describe.js';
import type { LoadedScenario } from './library.js';
import { policyFor, type TrainingPolicy } from './policy.js';
import { outsideStep, simRegisters, transcriptLines } from './simulator-steps.js';

export interface ScenarioRunOptions {
  loaded: LoadedScenario;
  mode: TrainingMode;
  /** Where training journals go (kept apart from real rotations' journals). */
  journalDir: string;
  clock?: () => number;
  operator?: string;
  /** The interlock policy (default: the mode's, policy.ts). */
  policy?: TrainingPolicy;
}

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
  readonly #policy: TrainingPolicy;
  /** The journal writes of the command running; a failed write fails the command. */
  #failure: unknown = null;
  readonly #queue = new WorkQueue((error) => (this.#failure ??= error));

  private constructor(options: ScenarioRunOptions, sim: MemorySim, journal: RotationJournal, clock: () => number) {
    this.loaded = options.loaded;
    this.mode = options.mode;
    this.#policy = options.policy ?? policyFor(options.mode);
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
    await this.#append(classificationEntry(this.#classification, reason));
  }

  /**
   * Run one command on the simulator and journal it; `diedWithApp`: a crash that took the app down.
   * `action`: the TKE application's action this command stands in for (the log shows the action; the
   * journal records what the simulator ran, which is what the classifier reads).
   */
  async #exec(argv: readonly string[], fault: string | null, units: readonly number[], diedWithApp: boolean, action?: string): Promise<number | null> {
    if (action !== undefined) await this.#append({ kind: 'decision', data: { what: `training: ${action}, carried out on the simulator as ibmcloud ${argv.join(' ')}` } });
    this.#log.push({ kind: 'command', text: action ?? `ibmcloud ${argv.join(' ')}` });
    const pipeline = new CommandPipeline({ target: this.#target(), argv, mode: 'training', enqueue: (work) => this.#queue.enqueue(work), hooks: { line: (text) => this.#log.push({ kind: 'output', text }) } });
    await pipeline.start();
    const result = await runInProcess(this.#sim, argv, { answers: trainingAnswers(units), ...(fault ? { fault } : {}) });
    const lines = transcriptLines(result.transcript);
    // A crash that took the app down: nothing saw the command end.
    replay(pipeline.listener, lines, result.crashed && diedWithApp ? null : { exitCode: result.exitCode, ...(result.crashed ? { signal: 'SIGKILL' } : {}) });
    await this.#queue.idle();
    if (this.#failure !== null) throw this.#failure;
    if (result.crashed && diedWithApp) return null;
    if (result.exitCode === 0) this.#fixed.add(`ibmcloud ${argv[0] === 'tke' ? `tke ${argv[1] ?? ''}` : argv[0] ?? ''}`);
    else this.#fixed.clear();
    return result.exitCode;
  }

  /** The run's journal as the pipeline's target. */
  #target(): JournalTarget {
    return {
      append: (input) => this.#append(input),
      appendBatch: async (inputs) => {
        const entries = await this.#journal.appendBatch(inputs);
        this.#entries.push(...entries);
        return entries;
      },
    };
  }

  #registers(): RegistersView {
    return simRegisters(this.#sim);
  }

  #advice(): AdviceView {
    return pendingAdvice(this.#classification, this.#fixed);
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
    const c = this.#allowed(choice);
    const adviceBefore = this.#advice();
    const registersBefore = this.#registers();
    const keystoreBefore = countAllKeys(this.#sim.state);
    const wrappedBefore = statusOf(this.#sim.state, [], [], this.#sim.now()).instances.flatMap((i) => i.wrapped);
    const answerUnits = units && units.length > 0 ? units : choice === 'cryptounit-add' ? adviceBefore.unitsToReselect : adviceBefore.unitsToDeselect;
    const exitCode = await this.#carryOut(c, answerUnits);
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

  /** The choice, when it may be carried out now: offered in this scenario, not paused, and allowed by the policy. */
  #allowed(choice: ChoiceId): TrainingChoice {
    if (this.done) throw new RefusedError('This scenario is over: start another one.');
    if (this.#paused) throw new RefusedError('The instructor has paused this scenario.');
    const c = choiceOf(choice);
    if (!this.choices().some((o) => o.id === choice)) throw new RefusedError(`${c.typed} is not offered in this scenario: ${notOfferedReason(choice, this.loaded.scenario.flow)}.`);
    const refusal = this.#policy(this.#classification, c);
    if (refusal) throw new RefusedError(refusal);
    return c;
  }

  /** Run the choice on the simulator, or record a step taken outside it; the exit code of a command. */
  async #carryOut(c: TrainingChoice, units: readonly number[]): Promise<number | null> {
    if (c.argv) {
      const fault = this.#pendingFault;
      this.#pendingFault = null;
      return this.#exec(c.argv, fault, units, false, c.tool === 'app' ? c.typed : undefined);
    }
    await this.#append({ kind: 'decision', data: { what: `training: chose ${c.typed} (outside the simulator)` } });
    this.#log.push({ kind: 'marker', text: `outside:${c.id}` });
    const fixed = await outsideStep(this.#sim, c, (input) => this.#append(input));
    if (fixed !== null) this.#fixed.add(fixed);
    return null;
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

  /** As the renderer sees it: until an exam is over, its number instead of the scenario, no advice, no fault note. */
  view(): TrainingRunView {
    const hidden = this.mode === 'exam' && !this.done;
    return {
      scenario: hidden ? null : scenarioView(this.loaded),
      exercise: this.mode === 'exam' ? exerciseView(this.loaded) : null,
      mode: this.mode,
      status: this.done ? 'done' : 'deciding',
      paused: this.#paused,
      pendingFault: this.#pendingFault,
      startedAt: this.startedAt,
      rotationId: this.rotationId,
      log: hidden ? this.#log.filter((l) => !isFaultNote(l.text)) : [...this.#log],
      registers: this.#registers(),
      keystore: countAllKeys(this.#sim.state),
      advice: hidden ? null : this.#advice(),
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
