/**
 * The console's state model: the timeline moved by each recognised output line (the same
 * transitions the backend applies), a step whose command died shown interrupted, never running,
 * and refusals scoped to the rotation they were given in.
 */
import { render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import StepTimeline from '../../../renderer/src/lib/console/StepTimeline.svelte';
import { followLines, shownTimeline } from '../../../renderer/src/lib/console/live-timeline.js';
import { ConsoleStore } from '../../../renderer/src/lib/console-store.svelte.js';
import type { EventName, EventPayload, RendererApi } from '../../../shared/ipc/contract.js';
import { initialTimeline, transition, type Timeline } from '../../../shared/rotation/timeline.js';
import type { ConsoleState, RotationSnapshot } from '../../../shared/rotation/types.js';
import {
  M1_DELAY,
  M2_REWRAP,
  ROTATION_COMPLETED,
  STEP_COMMIT,
  STEP_COPY,
  STEP_GENERATE,
  STEP_PROMOTE,
  STEP_REWRAP,
  STEP_REWRAP_PROGRESS,
} from '../../../shared/tke/messages.js';
import { fill } from '../../../shared/sim/format.js';
import { setupMessages } from './setup.js';

beforeAll(setupMessages);

const running = (t: Timeline) => t.steps.filter((s) => s.state === 'running').map((s) => s.id);
const started = (flow: 'auto' | 'keyparts', sub: string) =>
  transition(initialTimeline(flow), { kind: 'command-started', argv: ['tke', sub], at: 0 });

describe('step states derived from the recognised output', () => {
  it('auto-mk-rotate: each milestone line makes its step the running one, earlier ones done', () => {
    const lines = [
      fill(STEP_GENERATE, { unit: 1 }),
      STEP_COPY,
      STEP_COMMIT,
      M1_DELAY,
      STEP_REWRAP,
      fill(STEP_REWRAP_PROGRESS, { done: 150, total: 300 }),
      M2_REWRAP,
      fill(STEP_PROMOTE, { unit: 2 }),
    ];
    const expected = ['generate', 'copy', 'commit', 'delay', 'rewrap', 'rewrap', 'promote', 'promote'];
    let t = started('auto', 'auto-mk-rotate');
    expect(running(t)).toEqual(['precheck']);
    for (const [i, line] of lines.entries()) {
      t = followLines(t, lines, i, i + 1, 10 + i);
      expect(running(t), line).toEqual([expected[i]]);
      const index = t.steps.findIndex((s) => s.id === expected[i]);
      expect(t.steps.slice(0, index).every((s) => s.state === 'done')).toBe(true);
      if (i === 5) expect(t.steps.find((s) => s.id === 'rewrap')?.progress).toEqual({ done: 150, total: 300 });
    }
    t = followLines(t, [ROTATION_COMPLETED], 0, 1, 99);
    expect(t.steps.every((s) => s.state === 'done')).toBe(true);
  });

  it('key-part files: the rotate command re-encrypts, then promotes, from its lines', () => {
    let t = started('keyparts', 'cryptounit-mk-load');
    t = transition(t, { kind: 'command-finished', exitCode: 0 });
    // A command that ended cleanly leaves no step running.
    expect(running(t)).toEqual([]);
    expect(t.steps.find((s) => s.id === 'load')?.state).toBe('done');
    t = transition(t, { kind: 'command-started', argv: ['tke', 'cryptounit-mk-commit'], at: 1 });
    t = transition(t, { kind: 'command-finished', exitCode: 0 });
    t = transition(t, { kind: 'command-started', argv: ['tke', 'cryptounit-mk-rotate'], at: 2 });
    expect(running(t)).toEqual(['rewrap']);
    const lines = [fill(STEP_REWRAP_PROGRESS, { done: 10, total: 20 }), M2_REWRAP];
    expect(running(followLines(t, lines, 0, 1, 3))).toEqual(['rewrap']);
    expect(running(followLines(t, lines, 0, 2, 3))).toEqual(['promote']);
  });

  it('a command that died is interrupted, and a rerun starts the step again', () => {
    let t = followLines(started('auto', 'auto-mk-rotate'), [M1_DELAY], 0, 1, 5);
    t = transition(t, { kind: 'interrupted' });
    expect(t.steps.find((s) => s.id === 'delay')?.state).toBe('interrupted');
    expect(running(t)).toEqual([]);
    t = transition(t, { kind: 'command-started', argv: ['tke', 'cryptounit-mk-rotate'], at: 6 });
    expect(running(t)).toEqual(['rewrap']);
    expect(t.steps.find((s) => s.id === 'delay')?.state).toBe('done');
  });

  it('no step is shown running unless a command runs', () => {
    const t = followLines(started('auto', 'auto-mk-rotate'), [M1_DELAY], 0, 1, 5);
    expect(running(shownTimeline(t, true))).toEqual(['delay']);
    const shown = shownTimeline(t, false);
    expect(running(shown)).toEqual([]);
    expect(shown.steps.find((s) => s.id === 'delay')?.state).toBe('interrupted');
  });

  it('draws an interrupted step with its word and the pointer to the advisor, and no countdown', () => {
    const t = transition(followLines(started('auto', 'auto-mk-rotate'), [M1_DELAY], 0, 1, 5), {
      kind: 'interrupted',
    });
    render(StepTimeline, { timeline: t, now: () => 6 });
    const delay = document.querySelector<HTMLElement>('[data-step="delay"]');
    expect(delay?.dataset.state).toBe('interrupted');
    expect(delay?.textContent).toContain('interrupted');
    expect(screen.getByTestId('interrupted-note').textContent).toContain('recovery advisor');
    expect(screen.queryByTestId('delay-countdown')).toBeNull();
  });
});

/** A backend stand-in that only pushes events. */
function pushingApi(): { api: RendererApi; emit: <E extends EventName>(e: E, p: EventPayload<E>) => void } {
  const listeners = new Map<string, ((payload: never) => void)[]>();
  const api: RendererApi = {
    invoke: (() => Promise.resolve({ ok: true, value: { from: 0, lines: [] } })) as RendererApi['invoke'],
    on: (event, listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (payload: never) => void]);
      return () => undefined;
    },
  };
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const listener of listeners.get(event) ?? []) listener(payload as never);
  };
  return { api, emit };
}

function rotationState(rotationId: string, timeline: Timeline, finished = false): ConsoleState {
  const rotation = { rotationId, lineCount: 0, timeline, finished } as RotationSnapshot;
  return { rotation, running: { runId: 'run-1' } as ConsoleState['running'] };
}

describe('ConsoleStore: live timeline and scoped notices', () => {
  it('moves the timeline with each pushed line, before the command exits', async () => {
    const { api, emit } = pushingApi();
    const store = new ConsoleStore(api);
    await store.restore(rotationState('A', started('auto', 'auto-mk-rotate')));
    const push = (index: number, text: string) =>
      emit('rotation:line', { runId: 'run-1', seq: index + 2, index, text });
    push(0, fill(STEP_GENERATE, { unit: 1 }));
    expect(running(store.timeline as Timeline)).toEqual(['generate']);
    push(1, M1_DELAY);
    expect(running(store.timeline as Timeline)).toEqual(['delay']);
    push(2, fill(STEP_REWRAP_PROGRESS, { done: 150, total: 300 }));
    expect(store.timeline?.steps.find((s) => s.id === 'rewrap')?.progress).toEqual({ done: 150, total: 300 });
    // A new snapshot (the backend's own timeline at 3 lines) replaces what was followed.
    emit('rotation:updated', { ...rotationState('A', started('auto', 'auto-mk-rotate')) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(running(store.timeline as Timeline)).toEqual(['rewrap']);
  });

  it('shows a refusal once, and drops it when another rotation opens or this one is finished', async () => {
    const { api, emit } = pushingApi();
    const store = new ConsoleStore(api);
    await store.restore(rotationState('A', initialTimeline('auto')));
    store.notify('warning', 'auto-mk-rotate is forbidden now.');
    store.notify('warning', 'auto-mk-rotate is forbidden now.');
    expect(store.notices.map((n) => n.message)).toEqual(['auto-mk-rotate is forbidden now.']);
    emit('rotation:updated', rotationState('A', initialTimeline('auto'), true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.notices).toEqual([]);
    await store.restore({ rotation: null, running: null });
    store.notify('warning', 'The rotation cannot start: pre-check 3 failed.');
    await store.restore(rotationState('B', initialTimeline('auto')));
    expect(store.notices).toEqual([]);
  });
});
