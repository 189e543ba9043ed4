/** A trainee's session: one scenario at a time, the scores of those played, and the library. */
import { join } from 'node:path';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import { TRAINING_CHOICES, type ChoiceId, type ConsequenceView, type ScenarioScore, type TrainingLibraryView, type TrainingMode, type TrainingStateView } from '../../../shared/training/index.js';
import { scenarioView } from './describe.js';
import { loadScenarioLibrary, type ScenarioLibrary } from './library.js';
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

  /** Re-read the scenario folders (instructors may add files while the app runs). */
  async library(): Promise<TrainingLibraryView> {
    this.#library = await loadScenarioLibrary({ instructorDir: this.#options.instructorDir, ...(this.#options.shippedDir ? { shippedDir: this.#options.shippedDir } : {}) });
    return { scenarios: this.#library.scenarios.map(scenarioView), problems: this.#library.problems, instructorDir: this.#options.instructorDir };
  }

  /** Start a scenario (the one running is ended and scored first). */
  async start(scenarioId: string, mode: TrainingMode): Promise<TrainingStateView> {
    const library = this.#library ?? (await this.library(), this.#library);
    const loaded = library?.scenarios.find((s) => s.scenario.id === scenarioId);
    if (!loaded) throw new RefusedError(`No training scenario ${scenarioId}.`);
    await this.#closeRun();
    this.#run = await ScenarioRun.start({ loaded, mode, journalDir: trainingDir(this.#options.dataDir), clock: this.#clock });
    this.#rotationIds.push(this.#run.rotationId);
    return this.state();
  }

  /** Carry out a choice in the running scenario. */
  async choose(choice: ChoiceId, units?: readonly number[]): Promise<ConsequenceView> {
    const run = this.#requireRun();
    const consequence = await run.choose(choice, units);
    if (run.score && !this.#results.includes(run.score)) this.#results.push(run.score);
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
    this.#rotationIds = [];
    this.#sessionId = newSessionId(this.#clock());
    return this.state();
  }

  state(): TrainingStateView {
    return {
      sessionId: this.#sessionId,
      run: this.#run?.view() ?? null,
      results: [...this.#results],
      // The running scenario's tool: the TKE application's actions in a smart-card rotation, else the CLI's.
      choices: (this.#run ? this.#run.choices() : TRAINING_CHOICES).map(({ id, typed, changesRegisters, needsUnits }) => ({ id, typed, changesRegisters, needsUnits })),
    };
  }

  async #closeRun(): Promise<void> {
    const run = this.#run;
    if (!run || run.done) return;
    const score = await run.end(false);
    this.#results.push(score);
  }

  #requireRun(): ScenarioRun {
    if (!this.#run) throw new RefusedError('No training scenario is running: choose one first.');
    return this.#run;
  }
}
