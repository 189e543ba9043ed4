/**
 * What the read and plan screens share: the last pre-check report, the chosen flow, the
 * simulator's status (demo) and the journal's rotations. Mirrors the backend; decides nothing.
 */
import type { RendererApi } from '../../../../shared/ipc/contract.js';
import type { DemoStatus, RotationSummary } from '../../../../shared/ipc/views.js';
import type { PrecheckFlow } from '../../../../shared/precheck/fixes.js';
import type { PrecheckReport } from '../../../../shared/precheck/report.js';
import type { ConsoleStore } from '../console-store.svelte.js';
import { fileToBase64 } from '../reports/files.js';

export class Session {
  report = $state.raw<PrecheckReport | null>(null);
  flow = $state<PrecheckFlow>('auto');
  demo = $state.raw<DemoStatus | null>(null);
  rotations = $state.raw<RotationSummary[] | null>(null);
  /** Why the last request for the rotations failed (null when it was answered): never shown as "none". */
  rotationsError = $state<string | null>(null);
  /** The rotation History asked the Reports screen to preselect for export (taken once by it). */
  reportFor = $state<string | null>(null);
  checking = $state(false);
  resetting = $state(false);
  readonly unfinished = $derived((this.rotations ?? []).filter((r) => !r.finished && r.status === 'ok'));
  readonly damaged = $derived((this.rotations ?? []).filter((r) => r.status !== 'ok'));
  readonly #api: RendererApi;
  readonly #store: ConsoleStore;
  readonly #demoMode: boolean;

  constructor(api: RendererApi, store: ConsoleStore, demoMode: boolean) {
    this.#api = api;
    this.#store = store;
    this.#demoMode = demoMode;
    // Keys lost or registers changed by a command: keep the simulator's counts current.
    if (demoMode) api.on('rotation:exit', () => void this.refreshDemo());
  }

  get api(): RendererApi {
    return this.#api;
  }

  get store(): ConsoleStore {
    return this.#store;
  }

  /** `quiet`: the screen that asked shows a failure itself (History), so it is not a notice too. */
  async loadRotations(quiet = false): Promise<void> {
    const result = await this.#store.call(this.#api.invoke('rotation:list', {}), quiet);
    this.rotationsError = result.ok ? null : result.error.message;
    if (result.ok) this.rotations = result.value;
  }

  async refreshDemo(): Promise<void> {
    if (!this.#demoMode) return;
    const result = await this.#store.call(this.#api.invoke('demo:get-status', {}));
    if (result.ok) this.demo = result.value;
  }

  /** Reset the simulator; the old report no longer describes it, so it is dropped. */
  async resetDemo(scenario: string, keys: number | undefined): Promise<boolean> {
    this.resetting = true;
    try {
      const result = await this.#store.call(
        this.#api.invoke('demo:reset', keys === undefined ? { scenario } : { scenario, keys }),
      );
      if (!result.ok) return false;
      this.demo = result.value;
      this.report = null;
      return true;
    } finally {
      this.resetting = false;
    }
  }

  /** Make the simulator a twin; returns the simulator's own account of what it loaded, or null. */
  async loadTwin(file: File, keys: number | undefined): Promise<string | null> {
    this.resetting = true;
    try {
      const twin = { name: file.name.slice(0, 255) || 'twin.json', base64: await fileToBase64(file) };
      const result = await this.#store.call(
        this.#api.invoke('demo:load-twin', keys === undefined ? { twin } : { twin, keys }),
      );
      if (!result.ok) return null;
      const { loaded, ...status } = result.value;
      this.demo = status;
      this.report = null;
      return loaded;
    } finally {
      this.resetting = false;
    }
  }

  async runPrechecks(): Promise<void> {
    this.checking = true;
    try {
      const result = await this.#store.call(this.#api.invoke('precheck:run', { flow: this.flow }));
      if (result.ok) this.report = result.value;
      await this.refreshDemo();
    } finally {
      this.checking = false;
    }
  }

  /** Open a journaled rotation (resume when writable); true when the backend opened it. */
  async open(rotationId: string, readOnly: boolean): Promise<boolean> {
    const result = await this.#store.call(
      this.#api.invoke('rotation:open', readOnly ? { rotationId, readOnly } : { rotationId }),
    );
    if (result.ok) await this.#store.load();
    return result.ok;
  }

  /** Run a command outside a rotation (logins, selections, listings); prompts go to the console. */
  async runCommand(argv: string[]): Promise<boolean> {
    const result = await this.#store.call(this.#api.invoke('rotation:run-command', { argv }));
    return result.ok;
  }
}
