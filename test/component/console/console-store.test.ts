/**
 * The console store's log while it switches rotations: lines pushed by the backend interleave with
 * the pages of `rotation:get-lines`, and a rotation switch may come while a page is on its way. The
 * log must never show a line twice, out of order, or from the rotation it left.
 */
import { describe, expect, it } from 'vitest';
import { ConsoleStore } from '../../../renderer/src/lib/console-store.svelte.js';
import type { Channel, EventName, EventPayload, RendererApi, RequestOf, Result } from '../../../shared/ipc/contract.js';
import type { ConsoleState, RotationSnapshot } from '../../../shared/rotation/types.js';

type Page = { from: number; lines: { seq: number; text: string }[] };
interface PendingPage {
  rotationId: string;
  from: number;
  count: number;
  resolve: (result: Result<Page>) => void;
}

/** A backend stand-in whose `rotation:get-lines` answers only when the test says so. */
class FakeApi {
  readonly logs = new Map<string, string[]>();
  readonly pages: PendingPage[] = [];
  current: string | null = null;
  readonly #listeners = new Map<string, ((payload: never) => void)[]>();

  readonly api: RendererApi = {
    invoke: (async (channel: Channel, request: RequestOf<Channel>) => {
      if (channel !== 'rotation:get-lines' || this.current === null) throw new Error(`unexpected ${channel}`);
      const { from, count } = request as { from: number; count: number };
      const rotationId = this.current;
      return new Promise<Result<Page>>((resolve) => this.pages.push({ rotationId, from, count, resolve }));
    }) as RendererApi['invoke'],
    on: (event, listener) => {
      this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener as (payload: never) => void]);
      return () => undefined;
    },
  };

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners.get(event) ?? []) listener(payload as never);
  }

  /** Answer the oldest page asked for, from the log of the rotation it was asked in. */
  answerPage(): void {
    const page = this.pages.shift();
    if (!page) throw new Error('no page was asked for');
    const log = this.logs.get(page.rotationId) ?? [];
    const lines = log.slice(page.from, page.from + page.count).map((text, i) => ({ seq: page.from + i + 1, text }));
    page.resolve({ ok: true, value: { from: page.from, lines } });
  }

  /** The backend appends a line to the open rotation and pushes it, as rotation-service does. */
  pushLine(rotationId: string, runId: string, text: string): void {
    const log = this.logs.get(rotationId) ?? [];
    log.push(text);
    this.logs.set(rotationId, log);
    this.emit('rotation:line', { runId, seq: log.length, index: log.length - 1, text });
  }
}

function snapshot(rotationId: string, lineCount: number): RotationSnapshot {
  return { rotationId, lineCount } as RotationSnapshot;
}

function state(rotationId: string, lineCount: number, runId?: string): ConsoleState {
  const running = runId ? ({ runId } as ConsoleState['running']) : null;
  return { rotation: snapshot(rotationId, lineCount), running };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function shown(store: ConsoleStore): string[] {
  return store.lines.slice(0, store.lineCount);
}

function logOf(name: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${name} line ${i + 1}`);
}

describe('ConsoleStore log while switching rotations', () => {
  it('merges pushed lines with the pages by line number: none twice, none out of order', async () => {
    const fake = new FakeApi();
    const store = new ConsoleStore(fake.api);
    fake.logs.set('B', logOf('B', 12_000));
    fake.current = 'B';
    const applying = store.restore(state('B', 12_000, 'run-b'));
    await flush();
    fake.answerPage();
    await flush();
    // Lines arrive while the second page is on its way; the third page will hold them too.
    for (let i = 1; i <= 3; i++) fake.pushLine('B', 'run-b', `B pushed ${i}`);
    fake.answerPage();
    await flush();
    fake.answerPage();
    await applying;
    fake.pushLine('B', 'run-b', 'B pushed 4');
    expect(shown(store)).toEqual(fake.logs.get('B'));
    expect(store.seqs.slice(0, store.lineCount)).toEqual(fake.logs.get('B')?.map((_, i) => i + 1));
    expect(store.state.rotation?.rotationId).toBe('B');
  });

  it('drops a page and lines of the rotation it left, and keeps the newest state', async () => {
    const fake = new FakeApi();
    const store = new ConsoleStore(fake.api);
    fake.logs.set('A', logOf('A', 7000));
    fake.logs.set('B', logOf('B', 3));
    fake.current = 'A';
    const openingA = store.restore(state('A', 7000, 'run-a'));
    await flush();
    fake.answerPage();
    await flush();
    // The administrator opens B while A's second page is still on its way.
    fake.current = 'B';
    const openingB = store.restore(state('B', 3));
    await flush();
    fake.answerPage(); // A's second page, late
    fake.pushLine('A', 'run-a', 'A late line'); // A's command printed once more
    await openingA;
    fake.answerPage(); // B's only page
    await openingB;
    fake.emit('rotation:updated', state('B', 4, 'run-b'));
    await flush();
    fake.pushLine('B', 'run-b', 'B pushed');
    fake.pushLine('A', 'run-a', 'A later still');
    expect(shown(store)).toEqual(['B line 1', 'B line 2', 'B line 3', 'B pushed']);
    expect(store.lines.some((text) => text?.startsWith('A '))).toBe(false);
    expect(store.lines.length).toBe(store.lineCount);
    expect(store.state.rotation?.rotationId).toBe('B');
    expect(store.state.running?.runId).toBe('run-b');
  });

  it('appends lines of commands run outside a rotation', async () => {
    const fake = new FakeApi();
    const store = new ConsoleStore(fake.api);
    await store.restore({ rotation: null, running: null });
    fake.emit('rotation:line', { runId: 'r1', seq: 0, index: 0, text: 'first' });
    fake.emit('rotation:line', { runId: 'r2', seq: 0, index: 0, text: 'second' });
    expect(shown(store)).toEqual(['first', 'second']);
  });
});
