/**
 * What live-state.spec.ts measures in the page: a MutationObserver stamps, with performance.now(),
 * the first time each log line is drawn, every change of the timeline (running step, re-encryption
 * progress, all done) and when the connection banner appears. The checks run in Node afterwards,
 * over the same recogniser the app uses (shared/parse/recognise.ts).
 */
import { spawn } from 'node:child_process';
import type { Page } from '@playwright/test';
import { recogniseLine } from '../../shared/parse/recognise.js';
import type { DemoServer } from './fixtures.js';

export interface TimelineMark {
  t: number;
  running: string | null;
  done: number | null;
  finished: boolean;
}
export interface Recording {
  lines: Record<string, { t: number; text: string }>;
  states: TimelineMark[];
  /** Each time the connection banner came or went. */
  banner: { t: number; shown: boolean }[];
  /** Each change of what History says of its list: `history-error:<text>`, `history-empty:<text>` or ''. */
  history: { t: number; said: string }[];
  /** Each change of the running-command line shown outside the console. */
  running: { t: number; said: string }[];
}

declare global {
  interface Window {
    __live: Recording;
  }
}

/** Installed before the app loads (page.addInitScript): records until the page goes. */
export function recorder(): void {
  const rec: Recording = { lines: {}, states: [], banner: [], history: [], running: [] };
  window.__live = rec;
  const others = (t: number) => {
    const shown = document.querySelector('[data-testid="connection-lost"]') !== null;
    if ((rec.banner.at(-1)?.shown ?? false) !== shown) rec.banner.push({ t, shown });
    const list = document.querySelector<HTMLElement>('[data-testid="history-error"], [data-testid="history-empty"]');
    const said = list ? `${list.dataset.testid}:${(list.textContent ?? '').trim()}` : '';
    if ((rec.history.at(-1)?.said ?? '') !== said) rec.history.push({ t, said });
    const status = (document.querySelector('[data-testid="running-status"]')?.textContent ?? '').trim();
    if ((rec.running.at(-1)?.said ?? '') !== status) rec.running.push({ t, said: status });
  };
  const mark = () => {
    const t = performance.now();
    others(t);
    for (const el of document.querySelectorAll<HTMLElement>('[data-line]')) {
      const n = el.dataset.line ?? '';
      rec.lines[n] ??= { t, text: el.querySelector('.text')?.textContent ?? '' };
    }
    if (!document.querySelector('[data-step]')) return;
    const running = document.querySelector<HTMLElement>('[data-step][data-state="running"]')?.dataset.step ?? null;
    const progress = document.querySelector<HTMLElement>('[data-testid="rewrap-progress"]');
    const done = progress ? Number(progress.dataset.done) : null;
    const finished = document.querySelector('[data-step="done"][data-state="done"]') !== null;
    const last = rec.states.at(-1);
    if (last?.running !== running || last.done !== done || last.finished !== finished)
      rec.states.push({ t, running, done, finished });
  };
  new MutationObserver(mark).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });
}

type Expected = { finished: true } | { step: string; done?: number };

/** Where a recognised line puts the timeline (the milestones and steps of shared/rotation/timeline.ts). */
export function expectedAfter(text: string): Expected | null {
  const seen = recogniseLine(text);
  if (seen.milestone === 'M1') return { step: 'delay' };
  if (seen.milestone === 'M2') return { step: 'promote' };
  if (seen.milestone === 'completed') return { finished: true };
  const e = seen.event;
  if (e?.kind === 'step') return { step: e.step };
  if (e?.kind === 'progress') return { step: 'rewrap', done: e.done };
  return null;
}

function matches(mark: TimelineMark, expected: Expected): boolean {
  if ('finished' in expected) return mark.finished;
  return mark.running === expected.step && (expected.done === undefined || mark.done === expected.done);
}

/**
 * For every recognised line drawn, the timeline showed that line's state (or that of a later
 * recognised line: several may land in one frame) at some moment within `withinMs` after the line
 * appeared. Returns the failures and the steps covered.
 */
export function lagProblems(rec: Recording, withinMs: number): { problems: string[]; steps: Set<string> } {
  const seen = Object.entries(rec.lines)
    .map(([n, l]) => ({ n: Number(n), ...l, expected: expectedAfter(l.text) }))
    .filter((l): l is typeof l & { expected: Expected } => l.expected !== null)
    .sort((a, b) => a.n - b.n);
  const problems: string[] = [];
  const steps = new Set<string>();
  for (const [i, line] of seen.entries()) {
    const acceptable = seen.slice(i).map((l) => l.expected);
    // The state shown when the line appeared, and every state shown in the window after it.
    const before = rec.states.findLast((s) => s.t <= line.t);
    const during = rec.states.filter((s) => s.t > line.t && s.t <= line.t + withinMs);
    const hit = [before, ...during].some((s) => s !== undefined && acceptable.some((e) => matches(s, e)));
    if (!hit)
      problems.push(`line ${line.n} "${line.text}" (at ${line.t.toFixed(0)} ms) not shown within ${withinMs} ms`);
    steps.add('finished' in line.expected ? 'done' : line.expected.step);
  }
  return { problems, steps };
}

/** `mkra serve --demo` on this data directory (so a second one finds the first one's journals). */
export async function serveOn(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<DemoServer> {
  const child = spawn(process.execPath, ['bin/mkra.js', 'serve', '--demo', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, MKRA_SIM_TIME_SCALE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Listening on (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`mkra serve exited with ${code}: ${out}`)));
  });
  return { url, origin: new URL(url).origin, dataDir, process: child };
}

/** Kill the server as a crash would (SIGKILL) and wait until it is gone. */
export async function crash(server: DemoServer): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return;
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  server.process.kill('SIGKILL');
  await exited;
}

/** Every button, input, select and textarea of the page that is not disabled (by itself or a fieldset). */
export function enabledControls(page: Page, except: string[] = []): Promise<string[]> {
  return page.evaluate(
    (skip) =>
      [...document.querySelectorAll<HTMLElement>('button, input, select, textarea')]
        .filter((el) => !el.matches(':disabled') && !skip.includes(el.dataset.testid ?? ''))
        .map(
          (el) =>
            `${el.tagName.toLowerCase()} ${el.dataset.testid ?? ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`,
        ),
    except,
  );
}
