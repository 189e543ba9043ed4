/**
 * What the administrator can ask of the backend from the console. The backend decides and refuses;
 * this class only forwards requests (refusals become store notices) and tracks a request in flight
 * so buttons cannot be pressed twice.
 */
import type { RefusalReason, RendererApi } from '../../../../shared/ipc/contract.js';
import type { ConsoleStore } from '../console-store.svelte.js';

export class ConsoleActions {
  /** A request is on its way to the backend. */
  pending = $state(false);
  /**
   * The backend's refusal of the last command asked from the console, shown beside its button only
   * (not as a notice too), and only while the rotation it was refused in is open.
   */
  #refusal = $state.raw<{ message: string; reason?: RefusalReason; rotationId: string | null } | null>(null);
  /** The backend's warning for a cancel that needs the typed confirmation (after M1). */
  cancelWarning = $state<string | null>(null);
  readonly #api: RendererApi;
  readonly #store: ConsoleStore;

  constructor(api: RendererApi, store: ConsoleStore) {
    this.#api = api;
    this.#store = store;
  }

  /**
   * Run a command (argv as the backend takes it, `['tke', 'cryptounit-mk-setimm']`). `advised`: the
   * argv is the advisor's, sent unchanged, and the backend runs it only if it is exactly the advice.
   */
  run(argv: readonly string[], advised = false): Promise<boolean> {
    return this.#send(async () => {
      const request = advised ? { argv: [...argv], advised: true } : { argv: [...argv] };
      const rotationId = this.#openRotation();
      const result = await this.#store.call(this.#api.invoke('rotation:run-command', request), true);
      this.#refusal = result.ok
        ? null
        : {
            message: result.error.message,
            rotationId,
            ...(result.error.reason ? { reason: result.error.reason } : {}),
          };
      return result.ok;
    });
  }

  get refusal(): { message: string; reason?: RefusalReason } | null {
    return this.#refusal && this.#refusal.rotationId === this.#openRotation() ? this.#refusal : null;
  }

  #openRotation(): string | null {
    const r = this.#store.rotation;
    return r && !r.finished ? r.rotationId : null;
  }

  /** Answer the running command's prompt; the text is passed through, never kept. */
  answer(text: string, secret: boolean): Promise<boolean> {
    const runId = this.#store.running?.runId;
    if (!runId) return Promise.resolve(false);
    return this.#send(
      async () => (await this.#store.call(this.#api.invoke('rotation:answer-prompt', { runId, text, secret }))).ok,
    );
  }

  /** Cancel the running command; after M1 the backend answers with a warning that needs CANCEL typed. */
  cancel(confirmation?: string): Promise<boolean> {
    const runId = this.#store.running?.runId;
    if (!runId) return Promise.resolve(false);
    return this.#send(async () => {
      const result = await this.#store.call(
        this.#api.invoke('rotation:cancel-command', confirmation ? { runId, confirmation } : { runId }),
      );
      if (!result.ok) return false;
      this.cancelWarning = result.value.cancelled ? null : (result.value.warning ?? null);
      return result.value.cancelled;
    });
  }

  dismissCancel(): void {
    this.cancelWarning = null;
  }

  /** Close the rotation as completed (the backend records another outcome if the evidence disagrees). */
  finish(): Promise<boolean> {
    return this.#send(
      async () => (await this.#store.call(this.#api.invoke('rotation:finish', { outcome: 'completed' }))).ok,
    );
  }

  /** Demo only: make the next rotation command fail at a simulator fault point; undefined when refused. */
  async setFault(fault: string | null): Promise<string | null | undefined> {
    const result = await this.#store.call(this.#api.invoke('demo:set-fault', { fault }));
    return result.ok ? result.value.fault : undefined;
  }

  /** Demo only: the fault the backend holds for the next rotation command (null: none; undefined: unknown). */
  async armedFault(): Promise<string | null | undefined> {
    try {
      const result = await this.#store.call(this.#api.invoke('demo:get-status', {}), true);
      return result.ok ? (result.value.fault ?? null) : undefined;
    } catch {
      return undefined;
    }
  }

  async #send(work: () => Promise<boolean>): Promise<boolean> {
    if (this.pending) return false;
    this.pending = true;
    try {
      return await work();
    } finally {
      this.pending = false;
    }
  }
}
