/**
 * The rotation timeline as a pure state machine: the documented steps with their live state,
 * driven by what the runner sees (commands, recognised lines, exits). The backend owns it and
 * pushes snapshots; the renderer only draws them.
 */
import { recogniseLine } from '../parse/recognise.js';
import type { RunFlow } from '../classifier/types.js';

export const STEP_IDS = [
  'precheck',
  'load',
  'generate',
  'copy',
  'commit',
  'delay',
  'rewrap',
  'promote',
  'done',
] as const;
export type StepId = (typeof STEP_IDS)[number];
export type StepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface TimelineStep {
  id: StepId;
  state: StepState;
  /** Re-encryption progress, when known. */
  progress?: { done: number; total: number };
  /** Unix ms when the step started (the delay's countdown runs from here). */
  startedAt?: number;
}

export interface Timeline {
  flow: RunFlow;
  steps: TimelineStep[];
}

export type TimelineEvent =
  | { kind: 'command-started'; argv: readonly string[]; at: number }
  | { kind: 'line'; text: string; at: number }
  | { kind: 'command-finished'; exitCode: number | null };

/** Steps that belong to the other flow: loading parts is the key-part flow's, generation and the delay auto-mk-rotate's. */
const NOT_IN_FLOW: Record<RunFlow, readonly StepId[]> = { auto: ['load'], keyparts: ['generate', 'copy', 'delay'] };

/** A fresh timeline: the flow's steps, every one pending. */
export function initialTimeline(flow: RunFlow): Timeline {
  const steps = STEP_IDS.filter((id) => !NOT_IN_FLOW[flow].includes(id)).map((id): TimelineStep => ({
    id,
    state: 'pending',
  }));
  return { flow, steps };
}

function assertNever(value: never): never {
  throw new Error(`unexpected timeline event ${JSON.stringify(value)}`);
}

/** Mark `id` running (and every earlier unfinished step done). */
function advance(timeline: Timeline, id: StepId, at: number): Timeline {
  const index = STEP_IDS.indexOf(id);
  const steps = timeline.steps.map((step): TimelineStep => {
    const i = STEP_IDS.indexOf(step.id);
    if (step.state === 'skipped') return step;
    if (i < index && step.state !== 'done') return { ...step, state: 'done' };
    if (i === index && step.state !== 'running') return { ...step, state: 'running', startedAt: at };
    return step;
  });
  return { ...timeline, steps };
}

function stateOf(timeline: Timeline, id: StepId): StepState | undefined {
  return timeline.steps.find((s) => s.id === id)?.state;
}

function finishAll(timeline: Timeline): Timeline {
  return { ...timeline, steps: timeline.steps.map((s) => (s.state === 'skipped' ? s : { ...s, state: 'done' })) };
}

function failRunning(timeline: Timeline): Timeline {
  let failedOne = false;
  const steps = timeline.steps.map((s): TimelineStep => {
    if (s.state === 'running' && !failedOne) {
      failedOne = true;
      return { ...s, state: 'failed' };
    }
    return s;
  });
  return { ...timeline, steps };
}

const ROTATING = new Set([
  'auto-mk-rotate',
  'cryptounit-mk-load',
  'cryptounit-mk-commit',
  'cryptounit-mk-rotate',
  'cryptounit-mk-setimm',
]);

/** Apply one event. Only rotation commands move the timeline; reads and selections leave it be. */
export function transition(timeline: Timeline, event: TimelineEvent): Timeline {
  switch (event.kind) {
    case 'command-started': {
      const sub = event.argv[0] === 'tke' ? (event.argv[1] ?? '') : '';
      if (!ROTATING.has(sub)) return timeline;
      // A rerun restarts from the step it resumes; earlier done steps stay done.
      const cleared = {
        ...timeline,
        steps: timeline.steps.map((s): TimelineStep => (s.state === 'failed' ? { ...s, state: 'pending' } : s)),
      };
      if (sub === 'cryptounit-mk-setimm') return advance(cleared, 'promote', event.at);
      if (sub === 'cryptounit-mk-load') return advance(cleared, 'load', event.at);
      if (sub === 'cryptounit-mk-commit') return advance(cleared, 'commit', event.at);
      // A re-run in the recovery flow, or the key-part flow's rotate after its commit: re-encryption.
      if (
        sub === 'cryptounit-mk-rotate' &&
        (timeline.flow === 'auto' ||
          stateOf(timeline, 'commit') === 'done' ||
          stateOf(timeline, 'commit') === 'running')
      )
        return advance(cleared, 'rewrap', event.at);
      return advance(cleared, 'precheck', event.at);
    }
    case 'line': {
      // A line that kept several bare-CR rewrites moves the timeline once per rewrite, in order.
      if (event.text.includes('\r'))
        return event.text.split('\r').reduce((t, text) => transition(t, { ...event, text }), timeline);
      const seen = recogniseLine(event.text);
      if (seen.milestone === 'M1') return advance(timeline, 'delay', event.at);
      if (seen.milestone === 'M2') return advance(timeline, 'promote', event.at);
      if (seen.milestone === 'completed' || seen.milestone === 'smartcard-successful') return finishAll(timeline);
      const e = seen.event;
      if (e?.kind === 'step') {
        const id: StepId = e.step === 'promote' ? 'promote' : e.step;
        return advance(timeline, id, event.at);
      }
      if (e?.kind === 'progress') {
        const moved =
          timeline.steps.find((s) => s.id === 'rewrap')?.state === 'running'
            ? timeline
            : advance(timeline, 'rewrap', event.at);
        return {
          ...moved,
          steps: moved.steps.map((s) => (s.id === 'rewrap' ? { ...s, progress: { done: e.done, total: e.total } } : s)),
        };
      }
      if (e?.kind === 'failed' || e?.kind === 'precheck-failed' || e?.kind === 'auth-error')
        return failRunning(timeline);
      return timeline;
    }
    case 'command-finished':
      if (event.exitCode !== 0) return failRunning(timeline);
      // setimm ends with OK once every selected unit is promoted: the rotation is done.
      return timeline.steps.find((s) => s.id === 'promote')?.state === 'running' ? finishAll(timeline) : timeline;
    default:
      return assertNever(event);
  }
}
