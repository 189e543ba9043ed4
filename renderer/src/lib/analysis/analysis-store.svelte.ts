/**
 * The analysis screen's state: the inputs chosen, the backend's analysis and the import review.
 * The backend classifies and decides; this class only forwards requests and holds the answers.
 */
import type { AnalysisView, ImportReview, StatedCommand } from '../../../../shared/analysis/types.js';
import type { RendererApi } from '../../../../shared/ipc/contract.js';
import type { ConsoleStore } from '../console-store.svelte.js';
import { checkLimits, readInputs, type InputLimitProblem, type PendingInput } from './read-input.js';

export type Step = 'idle' | 'reading' | 'analysing' | 'registers' | 'adopting' | 'confirming';

export class AnalysisStore {
  inputs = $state.raw<PendingInput[]>([]);
  command = $state<StatedCommand>('other');
  view = $state.raw<AnalysisView | null>(null);
  review = $state.raw<ImportReview | null>(null);
  limit = $state.raw<InputLimitProblem | null>(null);
  step = $state<Step>('idle');
  progress = $state<{ loaded: number; total: number } | null>(null);
  readonly busy = $derived(this.step !== 'idle');
  readonly classified = $derived(this.view?.status === 'classified' ? this.view : null);
  readonly #api: RendererApi;
  readonly #store: ConsoleStore;

  constructor(api: RendererApi, store: ConsoleStore) {
    this.#api = api;
    this.#store = store;
  }

  /** Pick up an imported rotation that still waits for its review (after a restart). */
  async load(): Promise<void> {
    const result = await this.#api.invoke('analysis:get-review', {});
    if (result.ok) this.review = result.value.review;
  }

  setInputs(inputs: PendingInput[]): void {
    this.inputs = inputs;
    this.limit = null;
    this.view = null;
  }

  /** Read the inputs (with progress) and classify them; nothing is run or journaled. */
  async analyse(): Promise<void> {
    this.limit = checkLimits(this.inputs);
    if (this.limit) return;
    this.step = 'reading';
    try {
      const inputs = await readInputs(this.inputs, (loaded, total) => (this.progress = { loaded, total }));
      this.step = 'analysing';
      const result = await this.#store.call(this.#api.invoke('analysis:classify', { inputs, command: this.command }));
      if (result.ok) this.view = result.value;
    } catch (error) {
      this.#store.notify('error', error instanceof Error ? error.message : String(error));
    } finally {
      this.step = 'idle';
      this.progress = null;
    }
  }

  /** Read the registers (read-only) and classify again with them. */
  async readRegisters(): Promise<void> {
    const c = this.classified;
    if (!c) return;
    await this.#run('registers', async () => {
      const result = await this.#store.call(this.#api.invoke('analysis:read-registers', { analysisId: c.analysisId }));
      if (result.ok) this.view = result.value;
    });
  }

  /** Make the analysed output the first entries of a new rotation journal. */
  async adopt(): Promise<void> {
    const c = this.classified;
    if (!c) return;
    await this.#run('adopting', async () => {
      const result = await this.#store.call(
        this.#api.invoke('analysis:adopt', { analysisId: c.analysisId, reviewedPhase: c.classification.phase }),
      );
      if (result.ok) this.review = result.value.review;
    });
  }

  /** Confirm the evidence was reviewed; true when the backend recorded it. */
  async confirm(): Promise<boolean> {
    const r = this.review;
    if (!r) return false;
    let ok = false;
    await this.#run('confirming', async () => {
      const result = await this.#store.call(
        this.#api.invoke('analysis:confirm-review', { rotationId: r.rotationId, phase: r.phase }),
      );
      if (result.ok) this.review = result.value.review;
      ok = result.ok;
    });
    return ok;
  }

  async #run(step: Step, work: () => Promise<void>): Promise<void> {
    this.step = step;
    try {
      await work();
    } finally {
      this.step = 'idle';
    }
  }
}
