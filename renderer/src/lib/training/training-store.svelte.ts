/** Training mode in the renderer: mirrors the backend's training session (it decides, we show). */
import type { RendererApi, RequestOf, ResponseOf, Channel } from '../../../../shared/ipc/contract.js';
import { shownKeystore } from './shown-keystore.svelte.js';
import type { ChoiceId, ConsequenceView, ExerciseView, ScenarioView, TrainingLibraryView, TrainingMode, TrainingStateView } from '../../../../shared/training/view.js';

/** What the briefing shows: a scenario (guided), or an exam's neutral exercise. */
export type Picked = { scenario: ScenarioView } | { exercise: ExerciseView };

export type TrainingPage = 'list' | 'briefing' | 'run' | 'consequence' | 'summary';

export class TrainingStore {
  readonly #api: RendererApi;
  library = $state.raw<TrainingLibraryView | null>(null);
  #state = $state.raw<TrainingStateView | null>(null);
  /** The backend's session; its run's keystore is also the header's while training (shown-keystore). */
  get state(): TrainingStateView | null {
    return this.#state;
  }
  set state(state: TrainingStateView | null) {
    this.#state = state;
    shownKeystore.training = state?.run?.keystore ?? null;
  }
  consequence = $state.raw<ConsequenceView | null>(null);
  picked = $state.raw<Picked | null>(null);
  /**
   * Chosen on the list, before a scenario: an exam's list comes from the backend without any phase,
   * fault or title (training:list-scenarios in exam mode), so there is nothing to hide.
   */
  mode = $state<TrainingMode>('guided');
  page = $state<TrainingPage>('list');
  error = $state<string | null>(null);
  busy = $state(false);
  exported = $state.raw<ResponseOf<'training:export-summary'> | null>(null);
  readonly run = $derived(this.state?.run ?? null);

  constructor(api: RendererApi) {
    this.#api = api;
  }

  async #call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C> | null> {
    this.busy = true;
    this.error = null;
    try {
      const result = await this.#api.invoke(channel, request);
      if (!result.ok) {
        this.error = result.error.message;
        return null;
      }
      return result.value;
    } finally {
      this.busy = false;
    }
  }

  /** Load the library (as the mode lists it) and the session. */
  async load(): Promise<void> {
    await this.#loadLibrary();
    const state = await this.#call('training:get-state', {});
    if (state) this.state = state;
  }

  async #loadLibrary(): Promise<void> {
    const library = await this.#call('training:list-scenarios', { mode: this.mode });
    if (library) this.library = library;
  }

  /**
   * Change the mode: the list is fetched again as that mode lists it, and a briefing shown stays on
   * the same place in the library (an exercise's number is its place).
   */
  async setMode(mode: TrainingMode): Promise<void> {
    this.mode = mode;
    const place = this.picked ? this.#placeOf(this.picked) : -1;
    await this.#loadLibrary();
    if (place < 0 || !this.library) return;
    const scenario = this.library.scenarios[place];
    const exercise = this.library.exercises[place];
    this.picked = mode === 'exam' && exercise ? { exercise } : scenario ? { scenario } : null;
    if (!this.picked) this.page = 'list';
  }

  #placeOf(picked: Picked): number {
    if ('exercise' in picked) return picked.exercise.number - 1;
    return this.library?.scenarios.findIndex((s) => s.id === picked.scenario.id) ?? -1;
  }

  /** Show a scenario's (or an exercise's) briefing. */
  pick(picked: Picked): void {
    this.picked = picked;
    this.page = 'briefing';
  }

  async begin(): Promise<void> {
    if (!this.picked) return;
    const target = 'exercise' in this.picked ? { exercise: this.picked.exercise.number } : { scenarioId: this.picked.scenario.id };
    const state = await this.#call('training:start-scenario', { ...target, mode: this.mode });
    if (!state) return;
    this.state = state;
    this.consequence = null;
    this.page = 'run';
  }

  async choose(choice: ChoiceId, units: number[]): Promise<void> {
    const consequence = await this.#call('training:choose', units.length > 0 ? { choice, units } : { choice });
    if (!consequence) return;
    this.consequence = consequence;
    await this.refresh();
    this.page = 'consequence';
  }

  async refresh(): Promise<void> {
    const state = await this.#call('training:get-state', {});
    if (state) this.state = state;
  }

  /** Back to deciding, or to the summary when the scenario is over. */
  proceed(): void {
    this.page = this.run?.status === 'done' ? 'summary' : 'run';
  }

  async pause(paused: boolean): Promise<void> {
    const state = await this.#call('training:pause', { paused });
    if (state) this.state = state;
  }

  async injectFault(fault: string | null): Promise<void> {
    const state = await this.#call('training:inject-fault', { fault });
    if (state) this.state = state;
  }

  async endScenario(): Promise<void> {
    const state = await this.#call('training:end-scenario', {});
    if (!state) return;
    this.state = state;
    this.page = 'summary';
  }

  async exportSummary(language: 'en' | 'ja', keyPassword: string): Promise<void> {
    const result = await this.#call('training:export-summary', keyPassword ? { language, keyPassword } : { language });
    if (result) this.exported = result;
  }

  toList(): void {
    this.page = 'list';
    this.picked = null;
  }
}
