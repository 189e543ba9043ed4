/** Training mode in the renderer: mirrors the backend's training session (it decides, we show). */
import type { RendererApi, RequestOf, ResponseOf, Channel } from '../../../../shared/ipc/contract.js';
import { shownKeystore } from './shown-keystore.svelte.js';
import type { ChoiceId, ConsequenceView, ScenarioView, TrainingLibraryView, TrainingMode, TrainingStateView } from '../../../../shared/training/view.js';

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
  picked = $state.raw<ScenarioView | null>(null);
  /** Chosen on the list, before a scenario: an exam's list already names no phase or fault. */
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

  /** Load the library and the session. */
  async load(): Promise<void> {
    const library = await this.#call('training:list-scenarios', {});
    if (library) this.library = library;
    const state = await this.#call('training:get-state', {});
    if (state) this.state = state;
  }

  /** A scenario's number in the list (1-based; 0 when not listed): an exam names scenarios by it. */
  numberOf(id: string): number {
    return (this.library?.scenarios.findIndex((s) => s.id === id) ?? -1) + 1;
  }

  /** Show a scenario's briefing. */
  pick(scenario: ScenarioView): void {
    this.picked = scenario;
    this.page = 'briefing';
  }

  async begin(): Promise<void> {
    if (!this.picked) return;
    const state = await this.#call('training:start-scenario', { scenarioId: this.picked.id, mode: this.mode });
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
