/** The renderer's connection to the backend, the app info it reports and the screen shown. */
import type { AppInfo, RendererApi } from '../../../shared/ipc/contract.js';
import { getApi } from './api/api.js';
import { Connection } from './api/connection.svelte.js';
import { ConsoleStore } from './console-store.svelte.js';
import { Session } from './screens/session.svelte.js';

export const SCREENS = [
  'home',
  'overview',
  'precheck',
  'plan',
  'rotation',
  'history',
  'keyfiles',
  'reports',
  'training',
  'analysis',
] as const;
export type Screen = (typeof SCREENS)[number];

/** The performance mark set when Home first shows the backend's data (its mode); `npm run bench` reads it. */
export const HOME_SHOWN_MARK = 'mkra:home-shown';

/** Mark the first time Home shows data in this page (later visits to Home are not a start). */
export function markHomeShown(): void {
  if (performance.getEntriesByName(HOME_SHOWN_MARK, 'mark').length === 0) performance.mark(HOME_SHOWN_MARK);
}

export class AppState {
  api = $state.raw<RendererApi | null>(null);
  info = $state.raw<AppInfo | null>(null);
  error = $state<string | null>(null);
  /** One console store per app, created once connected, shared by every screen. */
  store = $state.raw<ConsoleStore | null>(null);
  session = $state.raw<Session | null>(null);
  screen = $state<Screen>('home');
  /** The link to the backend; while lost the shell disables every action. */
  readonly connection = new Connection();
  readonly ready = $derived(this.info !== null);

  /**
   * Connect and load what the first screen needs in one request (`app:get-bootstrap`), show it,
   * then the simulator's status in demo mode; announces readiness (everything the start loads is
   * in) for tests and assistive tech. docs/ui.md, "Startup".
   */
  async start(connect: () => Promise<RendererApi> = getApi): Promise<void> {
    try {
      const api = await connect();
      // Subscribed before the first answer, so no update the backend pushes after it is missed.
      const store = new ConsoleStore(api);
      const result = await api.invoke('app:get-bootstrap', {});
      if (!result.ok) throw new Error(result.error.message);
      const { info, console: state, rotations } = result.value;
      const session = new Session(api, store, info.mode === 'demo');
      // Back after a loss: what was shown may be stale, so everything is asked for again.
      this.connection.watch(api, (lost) => {
        store.linkLost = lost;
        if (!lost) void this.#resync(store, session);
      });
      session.rotations = rotations;
      await store.restore(state);
      this.api = api;
      this.store = store;
      this.session = session;
      this.info = info;
      // Home is shown now. The simulator's status fills in its controls and the keystore counts;
      // journals that could not be listed are asked for again, so the error reaches the notices.
      await Promise.all([session.refreshDemo(), rotations === null ? session.loadRotations() : undefined]);
      document.body.dataset.appState = 'ready';
      document.body.dataset.readyAt = performance.now().toFixed(1);
      window.dispatchEvent(new CustomEvent('mkra:ready'));
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      document.body.dataset.appState = 'error';
    }
  }

  async #resync(store: ConsoleStore, session: Session): Promise<void> {
    await Promise.all([store.load(), session.loadRotations(), session.refreshDemo()]);
  }

  /** Show a screen; the shell moves focus to its heading. */
  navigate(screen: Screen): void {
    this.screen = screen;
  }
}
