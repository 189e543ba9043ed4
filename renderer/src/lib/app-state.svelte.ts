/** The renderer's connection to the backend, the app info it reports and the screen shown. */
import type { AppInfo, RendererApi } from '../../../shared/ipc/contract.js';
import { getApi } from './api/api.js';
import { ConsoleStore } from './console-store.svelte.js';
import { Session } from './screens/session.svelte.js';

export const SCREENS = ['home', 'overview', 'precheck', 'plan', 'rotation', 'history', 'keyfiles', 'reports', 'training', 'analysis'] as const;
export type Screen = (typeof SCREENS)[number];

export class AppState {
  api = $state.raw<RendererApi | null>(null);
  info = $state.raw<AppInfo | null>(null);
  error = $state<string | null>(null);
  /** One console store per app, created once connected, shared by every screen. */
  store = $state.raw<ConsoleStore | null>(null);
  session = $state.raw<Session | null>(null);
  screen = $state<Screen>('home');
  readonly ready = $derived(this.info !== null);

  /** Connect and load the app info; announces readiness for tests and assistive tech. */
  async start(connect: () => Promise<RendererApi> = getApi): Promise<void> {
    try {
      const api = await connect();
      const result = await api.invoke('app:get-info', {});
      if (!result.ok) throw new Error(result.error.message);
      const store = new ConsoleStore(api);
      const session = new Session(api, store, result.value.mode === 'demo');
      await Promise.all([store.load(), session.load()]);
      this.api = api;
      this.store = store;
      this.session = session;
      this.info = result.value;
      document.body.dataset.appState = 'ready';
      document.body.dataset.readyAt = performance.now().toFixed(1);
      window.dispatchEvent(new CustomEvent('mkra:ready'));
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      document.body.dataset.appState = 'error';
    }
  }

  /** Show a screen; the shell moves focus to its heading. */
  navigate(screen: Screen): void {
    this.screen = screen;
  }
}
