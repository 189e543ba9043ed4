/**
 * The renderer's training store against the real training handlers: in exam mode it asks for the
 * exam's list and starts an exercise by its number, so it never holds a scenario's id or title
 * before the answer; changing the mode on a briefing keeps the same place in the library.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackendContext } from '../../../electron/backend/handlers/context.js';
import { trainingHandlers } from '../../../electron/backend/handlers/training.js';
import { TrainingStore } from '../../../renderer/src/lib/training/training-store.svelte.js';
import { contract, type Channel, type RendererApi, type RequestOf } from '../../../shared/ipc/contract.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A renderer api over the training handlers of a fresh demo backend; the requests it was sent. */
function backend() {
  const dataDir = mkdtempSync(join(tmpdir(), 'mkra-training-store-'));
  dirs.push(dataDir);
  const handlers = trainingHandlers({ info: { mode: 'demo' }, dataDir, env: {} } as unknown as BackendContext);
  const sent: { channel: string; request: unknown }[] = [];
  const api: RendererApi = {
    invoke: (async (channel: Channel, request: RequestOf<Channel>) => {
      sent.push({ channel, request });
      const valid: unknown = contract[channel].request.parse(request);
      const handler = handlers[channel as keyof typeof handlers] as (r: unknown) => Promise<unknown>;
      // As over the wire: JSON, so the store holds only what a payload carries.
      return { ok: true, value: JSON.parse(JSON.stringify(await handler(valid))) as unknown };
    }) as RendererApi['invoke'],
    on: () => () => undefined,
  };
  return { api, sent };
}

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
