/** Shared set-up for the Reports component tests: both catalogues, and a fake backend. */
import { addMessages, init, locale } from 'svelte-i18n';
import { vi } from 'vitest';
import { MESSAGES } from '../../../renderer/src/lib/i18n/messages.js';
import { ConsoleStore } from '../../../renderer/src/lib/console-store.svelte.js';
import { ReportsState } from '../../../renderer/src/lib/reports/reports-state.svelte.js';
import type { Channel, RendererApi, RequestOf, ResponseOf, Result } from '../../../shared/ipc/contract.js';
import type { RotationSummary } from '../../../shared/ipc/views.js';

export async function setupMessages(): Promise<void> {
  addMessages('en', MESSAGES.en);
  addMessages('ja', MESSAGES.ja);
  init({ fallbackLocale: 'en', initialLocale: 'en' });
  await locale.set('en');
}

type Handler<C extends Channel> = (request: RequestOf<C>) => Result<ResponseOf<C>> | Promise<Result<ResponseOf<C>>>;
export type Handlers = { [C in Channel]?: Handler<C> };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refused = (message: string): Result<never> => ({ ok: false, error: { code: 'refused', message } });

/** A backend that answers the given channels and records every request. */
export function fakeApi(handlers: Handlers) {
  const calls: { channel: Channel; request: unknown }[] = [];
  const api: RendererApi = {
    invoke: vi.fn(async (channel: Channel, request: unknown) => {
      calls.push({ channel, request: structuredClone(request) });
      const handler = handlers[channel] as ((r: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'failed', message: `no fake for ${channel}` } };
      return handler(request);
    }) as RendererApi['invoke'],
    on: () => () => undefined,
  };
  return { api, calls };
}

/** A reports state over a fake backend, with its console store for notices. */
export function reportsWith(handlers: Handlers) {
  const { api, calls } = fakeApi(handlers);
  const store = new ConsoleStore(api);
  return { reports: new ReportsState(api, store), store, calls };
}

export const FINGERPRINT = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const ADMIN_SKI = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';

export function rotation(partial: Partial<RotationSummary> & Pick<RotationSummary, 'rotationId'>): RotationSummary {
  return { startedAt: '2025-01-02T03:04:05.000Z', mode: 'demo', flow: 'auto', instanceId: 'inst', operator: null, finished: true, outcome: 'completed', entries: 40, lastHash: 'h', status: 'ok', problem: null, story: { failedCommands: 0, failurePhases: 0, keysLost: 0, currentVp: null }, ...partial };
}
