/**
 * The renderer's training store against the real training handlers: in exam mode it asks for the
 * exam's list and starts an exercise by its number, so it never holds a scenario's id or title
 * before the answer; changing the mode on a briefing keeps the same place in the library.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TrainingStore } from '../../../renderer/src/lib/training/training-store.svelte.js';
import { removeBackends, trainingBackend as backend } from './training-bridge.mjs';

afterAll(removeBackends);

describe('the training store', () => {
  it('in exam mode lists exercises, starts one by its number and holds no scenario until it is over', async () => {
    const { api, sent } = backend();
    const store = new TrainingStore(api);
    await store.load();
    expect(store.library?.scenarios.length).toBeGreaterThan(10);
    const seventh = store.library?.scenarios[6]?.id;
    await store.setMode('exam');
    expect(store.library?.mode).toBe('exam');
    expect(store.library?.scenarios).toEqual([]);
    const exercise = store.library?.exercises[6];
    expect(exercise?.number).toBe(7);
    store.pick({ exercise: exercise! });
    await store.begin();
    expect(sent.at(-1)).toEqual({ channel: 'training:start-scenario', request: { exercise: 7, mode: 'exam' } });
    expect(store.page).toBe('run');
    expect(store.run?.scenario).toBeNull();
    expect(store.run?.exercise?.number).toBe(7);
    await store.endScenario();
    expect(store.run?.scenario?.id).toBe(seventh);
    expect(store.state?.played.map((s) => s.id)).toEqual([seventh]);
  });

  it('a briefing keeps its place in the library when the mode changes', async () => {
    const { api } = backend();
    const store = new TrainingStore(api);
    await store.load();
    const third = store.library!.scenarios[2]!;
    store.pick({ scenario: third });
    await store.setMode('exam');
    expect(store.picked).toEqual({ exercise: expect.objectContaining({ number: 3 }) });
    await store.setMode('guided');
    expect(store.picked).toEqual({ scenario: third });
    expect(store.page).toBe('briefing');
  });
});
