/**
 * The start (docs/ui.md, "Startup"): before the backend's first answer the app shows its shell and a
 * neutral skeleton, never a state; Home appears with the one bootstrap answer, the simulator's
 * status fills in after it, and readiness is announced once everything the start loads is in.
 */
import { render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import App from '../../../renderer/src/App.svelte';
import { HOME_SHOWN_MARK } from '../../../renderer/src/lib/app-state.svelte.js';
import type { Bootstrap, RendererApi, Result } from '../../../shared/ipc/contract.js';
import { MESSAGES } from '../../../renderer/src/lib/i18n/messages.js';
import type { DemoStatus } from '../../../shared/ipc/views.js';
import indexHtml from '../../../renderer/index.html?raw';
import { setupMessages } from '../screens/setup.js';

beforeAll(setupMessages);

interface Pending {
  channel: string;
  resolve: (result: Result<unknown>) => void;
}

/** A backend that answers nothing until the test says so, recording what was asked. */
function heldApi(): { api: RendererApi; asked: Pending[] } {
  const asked: Pending[] = [];
  const api = {
    invoke: (channel: string) => new Promise<Result<unknown>>((resolve) => asked.push({ channel, resolve })),
    on: () => () => undefined,
  } as unknown as RendererApi;
  return { api, asked };
}

const bootstrap: Bootstrap = {
  info: {
    name: 'mk-rotation-assistant',
    version: '1.4.2',
    mode: 'demo',
    modeReasonCode: 'forced-demo',
    modeReason: 'demo',
    host: 'browser',
    platform: 'linux',
    tke: { executable: null, pluginDir: null },
    tkeFiles: { dir: '/tmp/demo/tkefiles', source: 'demo', status: 'ok', message: '' },
    tkeEnv: { signingService: false, privateEndpoint: null },
  },
  console: { rotation: null, running: null },
  rotations: [],
};

const demo: DemoStatus = {
  scenario: 'default',
  scenarios: [{ name: 'default', description: 'ready to rotate' }],
  keystore: { total: 300, usable: 300, lost: 0 },
  token: { valid: true, expiresAt: null },
  units: [],
};

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  delete window.mkra;
  delete document.body.dataset.appState;
  delete document.body.dataset.readyAt;
  performance.clearMarks(HOME_SHOWN_MARK);
});

describe('the start', () => {
  it('shows the shell and a skeleton, no state, and asks for the first screen in one request', async () => {
    const { api, asked } = heldApi();
    window.mkra = api;
    render(App);
    await tick();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('MK Rotation Assistant');
    const nav = screen.getByRole('navigation', { name: 'Screens' });
    expect(
      within(nav)
        .getAllByRole('button')
        .map((b) => b.textContent?.trim()),
    ).toEqual(['Home', 'Overview', 'Pre-checks', 'Rotation', 'History', 'Key files', 'Reports']);
    const main = document.getElementById('main');
    expect(main?.getAttribute('aria-busy')).toBe('true');
    // Nothing but the (delayed) connecting message: no mode, no empty list, no "not run yet".
    expect(main?.textContent?.trim()).toBe('Connecting to the app backend…');
    expect(screen.queryByTestId('mode')).toBeNull();
    expect(screen.queryByTestId('demo-banner')).toBeNull();
    expect(asked.map((a) => a.channel)).toEqual(['app:get-bootstrap']);
    expect(document.body.dataset.appState).toBeUndefined();
  });

  it('shows Home with its mode on the bootstrap answer, then fills in the simulator status and is ready', async () => {
    const { api, asked } = heldApi();
    window.mkra = api;
    render(App);
    await tick();
    asked[0]?.resolve({ ok: true, value: bootstrap });
    await tick();
    expect(screen.getByTestId('mode').dataset.mode).toBe('demo');
    expect(document.getElementById('main')?.hasAttribute('aria-busy')).toBe(false);
    expect(performance.getEntriesByName(HOME_SHOWN_MARK, 'mark')).toHaveLength(1);
    // The simulator's status is asked for only now, its places held by neutral shapes.
    expect(asked.map((a) => a.channel)).toEqual(['app:get-bootstrap', 'demo:get-status']);
    expect(screen.getByTestId('demo-controls-place')).toBeTruthy();
    expect(document.querySelector('.keystore-place')).not.toBeNull();
    expect(screen.queryByTestId('keystore')).toBeNull();
    expect(document.body.dataset.appState).toBeUndefined();
    asked[1]?.resolve({ ok: true, value: demo });
    await tick();
    expect(screen.getByTestId('demo-controls')).toBeTruthy();
    expect(screen.getByTestId('keystore').textContent).toContain('300');
    expect(screen.queryByTestId('demo-controls-place')).toBeNull();
    expect(document.body.dataset.appState).toBe('ready');
    expect(Number(document.body.dataset.readyAt)).toBeGreaterThan(0);
  });

  it('asks rotation:list again when the journals could not be listed, so its error is shown', async () => {
    const { api, asked } = heldApi();
    window.mkra = api;
    render(App);
    await tick();
    asked[0]?.resolve({ ok: true, value: { ...bootstrap, rotations: null } });
    await tick();
    expect(asked.map((a) => a.channel).sort()).toEqual(['app:get-bootstrap', 'demo:get-status', 'rotation:list']);
    asked
      .find((a) => a.channel === 'rotation:list')
      ?.resolve({ ok: false, error: { code: 'failed', message: 'EACCES: the journals' } });
    asked.find((a) => a.channel === 'demo:get-status')?.resolve({ ok: true, value: demo });
    await tick();
    expect(screen.getByText(/EACCES: the journals/)).toBeTruthy();
    expect(document.body.dataset.appState).toBe('ready');
  });
});

describe('the static shell in renderer/index.html', () => {
  const page = new DOMParser().parseFromString(indexHtml, 'text/html');
  const en = MESSAGES.en as Record<string, Record<string, string>>;

  it('says what the app says in English, so only the language may change when the app takes over', () => {
    expect(page.querySelector('h1')?.textContent).toBe(en.app?.title);
    expect(page.querySelector('.tagline')?.textContent).toBe(en.app?.tagline);
    expect(page.querySelector('.skip-link')?.textContent).toBe(en.app?.skip);
    expect(page.querySelector('.startup-wait')?.textContent).toBe(en.app?.loading);
    const nav = page.querySelector('nav');
    expect(nav?.getAttribute('aria-label')).toBe(en.nav?.label);
    const items = ['home', 'overview', 'precheck', 'rotation', 'history', 'keyfiles', 'reports'];
    expect([...(nav?.querySelectorAll('button') ?? [])].map((b) => b.textContent)).toEqual(
      items.map((item) => en.nav?.[item]),
    );
    expect(page.querySelector('main')?.getAttribute('aria-busy')).toBe('true');
  });

  it('needs no inline style or script, which the CSP forbids', () => {
    expect(page.querySelectorAll('style, [style]')).toHaveLength(0);
    expect([...page.querySelectorAll('script')].every((s) => s.getAttribute('src') !== null)).toBe(true);
  });
});
