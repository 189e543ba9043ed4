/** Scoring of a training scenario and of a session (pure). */
import type { ChoiceId } from './choices.js';

export const TRAINING_MODES = ['guided', 'exam'] as const;
export type TrainingMode = (typeof TRAINING_MODES)[number];

/** One decision the trainee made and what it did. */
export interface StepRecord {
  choice: ChoiceId;
  command: string;
  /** Whether the classifier advised this command at that moment. */
  correct: boolean;
  /** The classifier's advice before the choice (null when it had none). */
  rightAction: string | null;
  keysLost: number;
  exitCode: number | null;
  atMs: number;
}

export interface ScenarioScore {
  scenarioId: string;
  mode: TrainingMode;
  expected: ChoiceId;
  firstAction: ChoiceId | null;
  firstActionCorrect: boolean;
  steps: number;
  /** Steps that were the classifier's advice at that moment (StepRecord.correct). */
  correctSteps: number;
  keysLost: number;
  seconds: number;
  /** completed: goal reached; lost-keys: keys were lost; abandoned: ended before the goal. */
  outcome: 'completed' | 'lost-keys' | 'abandoned';
}

/** Score one scenario from its steps. */
export function scoreScenario(input: {
  scenarioId: string;
  mode: TrainingMode;
  expected: ChoiceId;
  steps: readonly StepRecord[];
  startedAt: number;
  endedAt: number;
  goalReached: boolean;
}): ScenarioScore {
  const first = input.steps[0];
  const keysLost = input.steps.reduce((sum, s) => sum + s.keysLost, 0);
  return {
    scenarioId: input.scenarioId,
    mode: input.mode,
    expected: input.expected,
    firstAction: first?.choice ?? null,
    firstActionCorrect: first?.choice === input.expected,
    steps: input.steps.length,
    correctSteps: input.steps.filter((s) => s.correct).length,
    keysLost,
    seconds: Math.max(0, Math.round((input.endedAt - input.startedAt) / 1000)),
    outcome: keysLost > 0 ? 'lost-keys' : input.goalReached ? 'completed' : 'abandoned',
  };
}

export interface SessionTotals {
  scenarios: number;
  firstActionsCorrect: number;
  completed: number;
  keysLost: number;
  steps: number;
  /** Decisions (steps) that were the classifier's advice at that moment. */
  correctSteps: number;
  /** The session's score: correct decisions in per cent of all decisions, rounded; null before any decision. */
  percent: number | null;
  seconds: number;
}

/** Totals over the scenarios of a session. */
export function sessionTotals(scores: readonly ScenarioScore[]): SessionTotals {
  const steps = scores.reduce((sum, s) => sum + s.steps, 0);
  const correctSteps = scores.reduce((sum, s) => sum + s.correctSteps, 0);
  return {
    scenarios: scores.length,
    firstActionsCorrect: scores.filter((s) => s.firstActionCorrect).length,
    completed: scores.filter((s) => s.outcome === 'completed').length,
    keysLost: scores.reduce((sum, s) => sum + s.keysLost, 0),
    steps,
    correctSteps,
    percent: steps === 0 ? null : Math.round((100 * correctSteps) / steps),
    seconds: scores.reduce((sum, s) => sum + s.seconds, 0),
  };
}

/** One English line with the session's total score (reports and logs). */
export function totalLine(totals: SessionTotals): string {
  return `${totals.correctSteps} of ${totals.steps} decisions right${totals.percent === null ? '' : `, ${totals.percent} %`}`;
}

/** One English line per scenario score (reports and logs). */
export function scoreLine(score: ScenarioScore): string {
  return (
    `Scenario ${score.scenarioId} (${score.mode}): first action ${score.firstAction ?? 'none'} ` +
    `${score.firstActionCorrect ? 'correct' : `wrong, expected ${score.expected}`}; ${score.steps} steps (${score.correctSteps} right); ` +
    `${score.keysLost} keys lost; ${score.seconds} s; ${score.outcome}`
  );
}
