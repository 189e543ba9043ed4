/** The renderer's connection to the backend and the app info it reports; the backend decides, this mirrors. */
import type { AppInfo, RendererApi } from '../../../shared/ipc/contract.js';
import { getApi } from './api/api.js';

export class AppState {
  api = $state.raw<RendererApi | null>(null);
  info = $state.raw<AppInfo | null>(null);
  error = $state<string | null>(null);
  readonly ready = $derived(this.info !== null);

  /** Connect and load the app info; announces readiness for tests and assistive tech. */
  async start(connect: () => Promise<RendererApi> = getApi): Promise<void> {
    try {
      const api = await connect();
      const result = await api.invoke('app:get-info', {});
      if (!result.ok) throw new Error(result.error.message);
      this.api = api;
      this.info = result.value;
      document.body.dataset.appState = 'ready';
      document.body.dataset.readyAt = performance.now().toFixed(1);
      window.dispatchEvent(new CustomEvent('mkra:ready'));
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      document.body.dataset.appState = 'error';
    }
  }
}
