/**
 * The console's timeline between two snapshots of the backend: the snapshot's timeline moved on by
 * every output line pushed since, through the same transitions (shared/rotation/timeline.ts, over
 * the one recogniser) the backend applies to the journal, so a step advances the moment its line
 * arrives instead of when the command exits. And what may be shown of it: no step runs unless a
 * command does.
 */
import { interruptRunning, transition, type Timeline } from '../../../../shared/rotation/timeline.js';

/** `timeline` moved on by `lines[from..to)`, each seen at `at`. */
export function followLines(
  timeline: Timeline,
  lines: readonly (string | undefined)[],
  from: number,
  to: number,
  at: number,
): Timeline {
  let moved = timeline;
  for (let i = from; i < to; i++) {
    const text = lines[i];
    if (text !== undefined) moved = transition(moved, { kind: 'line', text, at });
  }
  return moved;
}

/**
 * The timeline as it may be shown: a step the timeline still has running while no command runs
 * (its command died with the app) is shown interrupted, never running.
 */
export function shownTimeline(timeline: Timeline, commandRunning: boolean): Timeline {
  return commandRunning ? timeline : interruptRunning(timeline);
}
