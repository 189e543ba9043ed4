/**
 * Mirrors the backend's console state (open rotation, running command) and the log lines. The
 * backend decides everything; this class only holds what it pushed and forwards requests.
 */
import type { EventPayload, RefusalReason, RendererApi, Result } from '../../../shared/ipc/contract.js';
import type { ConsoleState } from '../../../shared/rotation/types.js';
import type { Timeline } from '../../../shared/rotation/timeline.js';
import { LOST_MESSAGE } from './api/socket-client.js';
import { followLines } from './console/live-timeline.js';

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  message: string;
  /** A refusal the UI can say in its own language; `message` is then the backend's English. */
  reason?: RefusalReason;
  /** The rotation open when it was given: it goes when that rotation closes or another opens. */
  rotationId: string | null;
}

export class ConsoleStore {
  state = $state.raw<ConsoleState>({ rotation: null, running: null });
  /** Log lines of the open rotation (or of commands run outside one). Not reactive itself: see lineCount. */
  readonly lines: string[] = [];
  /** Journal entry number of each line (same index as `lines`), so evidence can point into the log. */
  readonly seqs: number[] = [];
  /** How many lines, from the first, are known without a gap (the log view shows these). */
  lineCount = $state(0);
  notices = $state.raw<Notice[]>([]);
  /** The link to the backend is lost: what is held is the last state received, and may be stale. */
  linkLost = $state(false);
  /** The open rotation's timeline, moved on by each output line pushed since the last snapshot. */
  timeline = $state.raw<Timeline | null>(null);
  readonly rotation = $derived(this.state.rotation);
  readonly running = $derived(this.state.running);
  readonly #api: RendererApi;
  #noticeId = 0;
  /** The open rotation changed since notices were last scoped. */
  #switched = false;
  #rotationId: string | null = null;
  /** Bumped at every switch of rotation: a page asked for before it belongs to another log and is dropped. */
  #generation = 0;
  /** The newest state the backend sent, applied once the log it shows is loaded. */
  #latest: ConsoleState = { rotation: null, running: null };
  /** Which rotation each command seen running belongs to, so a late line of another one is dropped. */
  /** How many log lines `timeline` has taken in. */
  #followed = 0;
  readonly #runRotation: Record<string, string | null> = Object.create(null) as Record<string, string | null>;

  constructor(api: RendererApi) {
    this.#api = api;
    api.on('rotation:updated', (state) => void this.#apply(state));
    api.on('rotation:line', (line) => this.#onLine(line));
    api.on('app:notice', (notice) => this.notify(notice.level, notice.message));
  }

  /** Load the current state (and the open rotation's log) from the backend. */
  async load(): Promise<void> {
    const result = await this.#api.invoke('rotation:get-state', {});
    if (result.ok) await this.#apply(result.value);
  }

  /** Take a state the backend already sent (the start's `app:get-bootstrap`), with the open rotation's log. */
  async restore(state: ConsoleState): Promise<void> {
    await this.#apply(state);
  }

  /** Show a message to the administrator (also used for refusals from the backend). */
  notify(level: Notice['level'], message: string, reason?: RefusalReason): void {
    // The same message twice is shown once (the newer one); the connection banner says a lost link.
    if (message === LOST_MESSAGE) return;
    const kept = this.notices.filter((n) => n.message !== message || n.level !== level);
    const open = this.state.rotation && !this.state.rotation.finished ? this.state.rotation.rotationId : null;
    const notice: Notice = { id: ++this.#noticeId, level, message, rotationId: open };
    this.notices = [...kept.slice(-4), reason ? { ...notice, reason } : notice];
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  /**
   * Call the backend; a refusal or error becomes a notice and the result is returned as is. `quiet`:
   * the caller shows the refusal itself, beside the control that asked (so it is never shown twice).
   */
  async call<T>(promise: Promise<Result<T>>, quiet = false): Promise<Result<T>> {
    const result = await promise;
    if (!result.ok && !quiet)
      this.notify(result.error.code === 'refused' ? 'warning' : 'error', result.error.message, result.error.reason);
    return result;
  }

  /**
   * A pushed line. In a rotation, a journaled line (seq > 0) carries its place in the log (`index`)
   * and is put there, so a line that a page also holds is never shown twice or out of order; a line
   * of a command that ran in another rotation is dropped. Lines outside a rotation are appended.
   */
  #onLine(line: EventPayload<'rotation:line'>): void {
    const owner = this.#runRotation[line.runId];
    if (owner !== undefined && owner !== this.#rotationId) return;
    if (this.#rotationId !== null && line.seq > 0) this.#put(line.index, line.seq, line.text);
    else this.#put(this.lines.length, line.seq, line.text);
    this.#count();
    this.#follow();
  }

  /** Take the log lines that arrived since into the timeline (the snapshot's, moved on). */
  #follow(): void {
    if (this.timeline === null || this.lineCount <= this.#followed) return;
    this.timeline = followLines(this.timeline, this.lines, this.#followed, this.lineCount, Date.now());
    this.#followed = this.lineCount;
  }

  #put(index: number, seq: number, text: string): void {
    this.lines[index] = text;
    this.seqs[index] = seq;
  }

  #count(): void {
    let count = this.lineCount;
    while (this.lines[count] !== undefined) count++;
    this.lineCount = count;
  }

  async #apply(state: ConsoleState): Promise<void> {
    const id = state.rotation?.rotationId ?? null;
    if (state.running) this.#runRotation[state.running.runId] = id;
    this.#latest = state;
    if (id !== this.#rotationId) {
      this.#switched = true;
      const generation = ++this.#generation;
      this.#rotationId = id;
      this.lines.length = 0;
      this.seqs.length = 0;
      this.lineCount = 0;
      if (state.rotation) await this.#loadLines(state.rotation.lineCount, generation);
      if (generation !== this.#generation) return;
    }
    this.state = this.#latest;
    this.#scopeNotices();
    // The snapshot's timeline already holds its own lines; later ones are taken in on top.
    this.timeline = this.state.rotation?.timeline ?? null;
    this.#followed = this.state.rotation?.lineCount ?? 0;
    this.#follow();
  }

  /** Notices of a rotation go when it is closed or another is open (a start's refusal with it). */
  #scopeNotices(): void {
    const open = this.state.rotation && !this.state.rotation.finished ? this.#rotationId : null;
    const kept = this.notices.filter((n) => n.rotationId === open && (open !== null || !this.#switched));
    this.#switched = false;
    if (kept.length !== this.notices.length) this.notices = kept;
  }

  async #loadLines(total: number, generation: number): Promise<void> {
    for (let from = 0; from < total; from += 5000) {
      const page = await this.#api.invoke('rotation:get-lines', { from, count: 5000 });
      if (!page.ok || generation !== this.#generation) return;
      for (const [i, line] of page.value.lines.entries()) this.#put(page.value.from + i, line.seq, line.text);
      this.#count();
    }
  }
}
