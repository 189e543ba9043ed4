/** A trainee's session: one scenario at a time, the scores of those played, and the library. */
import { join } from 'node:path';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import { TRAINING_CHOICES, type ChoiceId, type ConsequenceView, type ScenarioScore, type TrainingLibraryView, type TrainingMode, type TrainingStateView } from '../../../shared/training/index.js';
import { exerciseView, scenarioView } from './describe.js';
import { loadScenarioLibrary, type LoadedScenario, type ScenarioLibrary } from './library.js';
import { ScenarioRun } from './scenario-run.js';

export interface TrainingSessionOptions {
  dataDir: string;
  instructorDir: string | null;
  shippedDir?: string;
  clock?: () => number;
}

/** Where training journals and reports live: apart from real rotations, so History and resume offers stay clean. */
export function trainingDir(dataDir: string): string {
  return join(dataDir, 'training');
}

function newSessionId(now: number): string {
  return `training-${new Date(now).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${Math.random().toString(16).slice(2, 6)}`;
}

export class TrainingSession {
  readonly #options: TrainingSessionOptions;
  readonly #clock: () => number;
  #sessionId: string;
  readonly startedAt: number;
  #run: ScenarioRun | null = null;
  #results: ScenarioScore[] = [];
  /** The scenarios of the results (answered): the summary names them by title. */
  #played: LoadedScenario[] = [];
  #rotationIds: string[] = [];
  #library: ScenarioLibrary | null = null;

  constructor(options: TrainingSessionOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
    this.startedAt = this.#clock();
    this.#sessionId = newSessionId(this.startedAt);
  }

  get sessionId(): string {
    return this.#sessionId;
  }

  get results(): readonly ScenarioScore[] {
    return this.#results;
  }

  /** Journals of the scenarios played (for the signed summary). */
  get rotationIds(): readonly string[] {
    return this.#rotationIds;
  }

  /**
   * Re-read the scenario folders (instructors may add files while the app runs). An exam's list is
   * neutral exercises numbered by their place in the library, and leaves out the rejected files.
   */
  async library(mode: TrainingMode = 'guided'): Promise<TrainingLibraryView> {
    this.#library = await loadScenarioLibrary({ instructorDir: this.#options.instructorDir, ...(this.#options.shippedDir ? { shippedDir: this.#options.shippedDir } : {}) });
    const instructorDir = this.#options.instructorDir;
    if (mode === 'exam') return { mode, scenarios: [], exercises: this.#library.scenarios.map(exerciseView), problems: [], instructorDir };
    return { mode, scenarios: this.#library.scenarios.map(scenarioView), exercises: [], problems: this.#library.problems, instructorDir };
  }

  /**
   * Start a scenario, named by its id or by its exercise number in the library last listed (the one
   * running is ended and scored first).
   */
  async start(target: { scenarioId: string } | { exercise: number }, mode: TrainingMode): Promise<TrainingStateView> {
    if (!this.#library) await this.library();
    const scenarios = this.#library?.scenarios ?? [];
    const loaded = scenarios.find((s) => ('exercise' in target ? s.place === target.exercise : s.scenario.id === target.scenarioId));
    if (!loaded) throw new RefusedError('exercise' in target ? `No exam scenario ${target.exercise}.` : `No training scenario ${target.scenarioId}.`);
    await this.#closeRun();
    this.#run = await ScenarioRun.start({ loaded, mode, journalDir: trainingDir(this.#options.dataDir), clock: this.#clock });
    this.#rotationIds.push(this.#run.rotationId);
    return this.state();
  }

  /** Carry out a choice in the running scenario. */
  async choose(choice: ChoiceId, units?: readonly number[]): Promise<ConsequenceView> {
    const run = this.#requireRun();
    const consequence = await run.choose(choice, units);
    if (run.score && !this.#results.includes(run.score)) this.#record(run);
    return consequence;
  }

  pause(paused: boolean): TrainingStateView {
    this.#requireRun().pause(paused);
    return this.state();
  }

  injectFault(fault: string | null): TrainingStateView {
    this.#requireRun().injectFault(fault);
    return this.state();
  }

  /** End the running scenario now (scored as it stands). */
  async endScenario(): Promise<TrainingStateView> {
    await this.#closeRun();
    return this.state();
  }

  /** Forget the scores and start a new session. */
  async reset(): Promise<TrainingStateView> {
    await this.#closeRun();
    this.#run = null;
    this.#results = [];
    this.#played = [];
    this.#rotationIds = [];
    this.#sessionId = newSessionId(this.#clock());
    return this.state();
  }

  state(): TrainingStateView {
    return {
      sessionId: this.#sessionId,
      run: this.#run?.view() ?? null,
      results: [...this.#results],
      played: [...new Set(this.#played)].map(scenarioView),
      // The running scenario's tool: the TKE application's actions in a smart-card rotation, else the CLI's.
      choices: (this.#run ? this.#run.choices() : TRAINING_CHOICES).map(({ id, typed, changesRegisters, needsUnits }) => ({ id, typed, changesRegisters, needsUnits })),
    };
  }

  async #closeRun(): Promise<void> {
    const run = this.#run;
    if (!run || run.done) return;
    await run.end(false);
    this.#record(run);
  }

  #record(run: ScenarioRun): void {
    if (run.score) this.#results.push(run.score);
    this.#played.push(run.loaded);
  }

  #requireRun(): ScenarioRun {
    if (!this.#run) throw new RefusedError('No training scenario is running: choose one first.');
    return this.#run;
  }
}
