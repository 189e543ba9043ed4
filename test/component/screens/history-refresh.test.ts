/**
 * History follows the backend: a rotation that finishes while the screen is open is shown finished
 * without leaving it, read again when the pushed console state says so (not per output line, not on
 * a timer), and a read that fails leaves the rows last read in place.
 */
import { render, screen, waitFor } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import HistoryScreen from '../../../renderer/src/lib/screens/HistoryScreen.svelte';
import ReportsScreen from '../../../renderer/src/lib/reports/ReportsScreen.svelte';
import { Session } from '../../../renderer/src/lib/screens/session.svelte.js';
import { ConsoleStore } from '../../../renderer/src/lib/console-store.svelte.js';
import { refreshOnRotationChange } from '../../../renderer/src/lib/rotation-changes.js';
import type { EventName, EventPayload, RendererApi, Result } from '../../../shared/ipc/contract.js';
import type { RotationSummary } from '../../../shared/ipc/views.js';
import type { ConsoleState, RotationSnapshot } from '../../../shared/rotation/types.js';
import { fakeApi, ok, rotation } from '../reports/setup.js';
import { setupMessages } from './setup.js';

beforeAll(setupMessages);

/** A backend whose pushed events the test sends, answering `rotation:list` with `list()`. */
function backend(list: () => Result<RotationSummary[]>) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const { api: base, calls } = fakeApi({ 'rotation:list': () => list() });
  const api: RendererApi = {
    invoke: base.invoke,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  const push = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const reads = () => calls.filter((c) => c.channel === 'rotation:list').length;
  return { api, push, reads, listening: () => listeners.get('rotation:updated')?.size ?? 0 };
}

/** The pushed console state of rotation r-1 (what a rotation list shows of it). */
function state(finished: boolean, commands: number, running: string | null): ConsoleState {
  const rotation = {
    rotationId: 'r-1',
    finished,
    commands: Array.from({ length: commands }, (_, i) => ({ seq: i + 1, command: 'x', at: '', exitCode: 0 })),
  } as unknown as RotationSnapshot;
  return { rotation, running: running === null ? null : ({ runId: running } as ConsoleState['running']) };
}

const row = (finished: boolean) =>
  rotation({ rotationId: 'r-1', finished, outcome: finished ? 'completed' : null, mode: 'demo' });

describe('History while a rotation runs', () => {
  it('shows the rotation completed once the backend reports it finished, without navigating', async () => {
    let finished = false;
    const b = backend(() => ok([row(finished)]));
    // The store mirrors the state of its own (quiet) link: History takes the stream from the session's api.
    const session = new Session(b.api, new ConsoleStore(fakeApi({}).api), false);
    render(HistoryScreen, { session, onnavigate: () => undefined });
    const outcome = () => screen.getByTestId('history-outcome').textContent ?? '';
    await waitFor(() => expect(outcome()).toContain('unfinished'));
    expect(b.reads()).toBe(1);

    finished = true;
    b.push('rotation:updated', state(true, 3, null));
    await waitFor(() => expect(outcome()).toContain('completed'));
    expect(outcome()).not.toContain('unfinished');
    expect(b.reads()).toBe(2);
  });

  it('keeps the rows last read when a refresh fails, with the failure said above them', async () => {
    let answer: Result<RotationSummary[]> = ok([row(false)]);
    const b = backend(() => answer);
    const session = new Session(b.api, new ConsoleStore(fakeApi({}).api), false);
    render(HistoryScreen, { session, onnavigate: () => undefined });
    await screen.findByTestId('history-row');

    answer = { ok: false, error: { code: 'failed', message: 'The journal directory could not be read.' } };
    b.push('rotation:updated', state(true, 3, null));
    await screen.findByTestId('history-error');
    expect(screen.getByTestId('history-error').textContent).toContain('The journal directory could not be read.');
    expect(screen.getAllByTestId('history-row')).toHaveLength(1);
    expect(screen.queryByTestId('history-empty')).toBeNull();
  });

  it('stops listening when History is left', async () => {
    const b = backend(() => ok([row(false)]));
    const session = new Session(b.api, new ConsoleStore(fakeApi({}).api), false);
    const { unmount } = render(HistoryScreen, { session, onnavigate: () => undefined });
    await screen.findByTestId('history-row');
    expect(b.listening()).toBe(1);
    unmount();
    expect(b.listening()).toBe(0);
  });
});

describe('the report export while a rotation runs', () => {
  it('offers the rotation once the backend reports it finished, and keeps the form when a refresh fails', async () => {
    let answer: Result<RotationSummary[]> = ok([row(false)]);
    const b = backend(() => answer);
    const session = new Session(b.api, new ConsoleStore(fakeApi({}).api), false);
    render(ReportsScreen, { session });
    // Not finished and not open in this console: nothing to report on yet.
    await screen.findByTestId('export-none');

    answer = ok([row(true)]);
    b.push('rotation:updated', state(true, 3, null));
    const select = (await screen.findByLabelText('Rotation')) as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['r-1']);
    expect(select.options[0]?.textContent).toContain('finished');

    answer = { ok: false, error: { code: 'failed', message: 'The journal directory could not be read.' } };
    b.push('rotation:updated', state(true, 4, null));
    await screen.findByTestId('export-load-failed');
    expect(screen.getByTestId('export-form')).toBeTruthy();
    expect(screen.queryByTestId('export-none')).toBeNull();
  });
});

describe('refreshOnRotationChange', () => {
  it('reads again when a command starts or ends or the rotation finishes, not for output lines', async () => {
    const b = backend(() => ok([]));
    let reads = 0;
    refreshOnRotationChange(b.api, state(false, 2, null), async () => void reads++);
    b.push('rotation:updated', state(false, 2, null));
    expect(reads).toBe(0);
    b.push('rotation:updated', state(false, 3, 'run-3'));
    expect(reads).toBe(1);
    // The same command printing (the log grows): nothing a list shows changed.
    b.push('rotation:updated', { ...state(false, 3, 'run-3') });
    expect(reads).toBe(1);
    await Promise.resolve();
    b.push('rotation:updated', state(false, 3, null));
    b.push('rotation:updated', state(true, 3, null));
    await waitFor(() => expect(reads).toBe(3));
    // A command journaled without a run reported (a read at the finish) is a change too.
    b.push('rotation:updated', state(true, 4, null));
    await waitFor(() => expect(reads).toBe(4));
  });

  it('takes the changes reported during a read with one more read after it, never two at once', async () => {
    const b = backend(() => ok([]));
    let open = 0;
    let most = 0;
    let reads = 0;
    const gates: (() => void)[] = [];
    refreshOnRotationChange(b.api, state(false, 0, null), async () => {
      reads++;
      most = Math.max(most, ++open);
      await new Promise<void>((resolve) => gates.push(resolve));
      open--;
    });
    b.push('rotation:updated', state(false, 1, 'a'));
    b.push('rotation:updated', state(false, 1, null));
    b.push('rotation:updated', state(true, 1, null));
    expect(reads).toBe(1);
    gates.shift()?.();
    await waitFor(() => expect(reads).toBe(2));
    gates.shift()?.();
    await waitFor(() => expect(open).toBe(0));
    expect(reads).toBe(2);
    expect(most).toBe(1);
  });

  it('reads nothing more once stopped, even for changes reported during a read', async () => {
    const b = backend(() => ok([]));
    let reads = 0;
    let release = (): void => undefined;
    const stop = refreshOnRotationChange(b.api, state(false, 0, null), async () => {
      reads++;
      await new Promise<void>((resolve) => (release = resolve));
    });
    b.push('rotation:updated', state(false, 1, 'a'));
    b.push('rotation:updated', state(false, 1, null));
    stop();
    release();
    b.push('rotation:updated', state(true, 1, null));
    // Every pending continuation runs before a new task: the read would have started by then.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reads).toBe(1);
    expect(b.listening()).toBe(0);
  });
});
