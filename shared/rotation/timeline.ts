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
/** `interrupted`: the step's command died without an exit or by a signal (app or workstation crash); the advisor says what next. */
export type StepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'interrupted';

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
  | { kind: 'command-finished'; exitCode: number | null }
  /** The running command is known dead without an exit (a rotation reopened after a crash), or killed by a signal. */
  | { kind: 'interrupted' };

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

/** The running step (the first, should there be several) takes `state`. */
function endRunning(timeline: Timeline, state: StepState): Timeline {
  let ended = false;
  const steps = timeline.steps.map((s): TimelineStep => {
    if (s.state === 'running' && !ended) {
      ended = true;
      return { ...s, state };
    }
    return s;
  });
  return { ...timeline, steps };
}

const failRunning = (timeline: Timeline): Timeline => endRunning(timeline, 'failed');

/** Every running step is interrupted: nothing runs it any more. */
export function interruptRunning(timeline: Timeline): Timeline {
  return {
    ...timeline,
    steps: timeline.steps.map((s): TimelineStep => (s.state === 'running' ? { ...s, state: 'interrupted' } : s)),
  };
}

const ROTATING = new Set([
  'auto-mk-rotate',
  'cryptounit-mk-load',
  'cryptounit-mk-commit',
  'cryptounit-mk-rotate',
  'cryptounit-mk-setimm',
]);

function commandStarted(timeline: Timeline, argv: readonly string[], at: number): Timeline {
  const sub = argv[0] === 'tke' ? (argv[1] ?? '') : '';
  if (!ROTATING.has(sub)) return timeline;
  // A rerun restarts from the step it resumes; earlier done steps stay done.
  const cleared = {
    ...timeline,
    steps: timeline.steps.map((s): TimelineStep =>
      s.state === 'failed' || s.state === 'interrupted' ? { ...s, state: 'pending' } : s,
    ),
  };
  if (sub === 'cryptounit-mk-setimm') return advance(cleared, 'promote', at);
  if (sub === 'cryptounit-mk-load') return advance(cleared, 'load', at);
  if (sub === 'cryptounit-mk-commit') return advance(cleared, 'commit', at);
  // A re-run in the recovery flow, or the key-part flow's rotate after its commit: re-encryption.
  if (
    sub === 'cryptounit-mk-rotate' &&
    (timeline.flow === 'auto' || stateOf(timeline, 'commit') === 'done' || stateOf(timeline, 'commit') === 'running')
  )
    return advance(cleared, 'rewrap', at);
  return advance(cleared, 'precheck', at);
}

function lineSeen(timeline: Timeline, text: string, at: number): Timeline {
  // A line that kept several bare-CR rewrites moves the timeline once per rewrite, in order.
  if (text.includes('\r')) return text.split('\r').reduce((t, part) => lineSeen(t, part, at), timeline);
  const seen = recogniseLine(text);
  if (seen.milestone === 'M1') return advance(timeline, 'delay', at);
  if (seen.milestone === 'M2') return advance(timeline, 'promote', at);
  if (seen.milestone === 'completed' || seen.milestone === 'smartcard-successful') return finishAll(timeline);
  const e = seen.event;
  if (e?.kind === 'step') {
    const id: StepId = e.step === 'promote' ? 'promote' : e.step;
    return advance(timeline, id, at);
  }
  if (e?.kind === 'progress') {
    const moved = stateOf(timeline, 'rewrap') === 'running' ? timeline : advance(timeline, 'rewrap', at);
    return {
      ...moved,
      steps: moved.steps.map((s) => (s.id === 'rewrap' ? { ...s, progress: { done: e.done, total: e.total } } : s)),
    };
  }
  if (e?.kind === 'failed' || e?.kind === 'precheck-failed' || e?.kind === 'auth-error') return failRunning(timeline);
  return timeline;
}

/** Apply one event. Only rotation commands move the timeline; reads and selections leave it be. */
export function transition(timeline: Timeline, event: TimelineEvent): Timeline {
  switch (event.kind) {
    case 'command-started':
      return commandStarted(timeline, event.argv, event.at);
    case 'line':
      return lineSeen(timeline, event.text, event.at);
    case 'command-finished':
      if (event.exitCode !== 0) return failRunning(timeline);
      // setimm ends with OK once every selected unit is promoted: the rotation is done.
      if (stateOf(timeline, 'promote') === 'running') return finishAll(timeline);
      // Any other step a command finished cleanly is done: nothing runs it any more.
      return endRunning(timeline, 'done');
    case 'interrupted':
      return interruptRunning(timeline);
    default:
      return assertNever(event);
  }
}
