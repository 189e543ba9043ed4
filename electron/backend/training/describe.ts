/** Texts and views derived from scenarios and simulator facts. */
import type { Classification } from '../../../shared/classifier/types.js';
import { adviceMatches, type AdviceView, type ChoiceId, type ExerciseView, type ScenarioView, type TrainingScenario } from '../../../shared/training/index.js';
import type { LoadedScenario } from './library.js';

/** A loaded scenario as listed for the renderer. */
export function scenarioView(loaded: LoadedScenario): ScenarioView {
  const s = loaded.scenario;
  return {
    id: s.id,
    title: s.title,
    briefing: s.briefing,
    simScenario: s.simScenario,
    flow: s.flow,
    keys: s.keys,
    faults: s.steps.map((step) => step.fault ?? 'none'),
    restart: s.restart,
    goal: s.goal,
    source: loaded.source,
    file: loaded.file,
  };
}

/**
 * A loaded scenario as an exam shows it before the answer: its place in the library and what the
 * exam's briefing says (flow, key count, goal, whose file), nothing that names the phase or the
 * fault (id, title, briefing, simulator scenario, faults, restart, file name).
 */
export function exerciseView(loaded: LoadedScenario): ExerciseView {
  const s = loaded.scenario;
  return { number: loaded.place, flow: s.flow, keys: s.keys, goal: s.goal, source: loaded.source };
}

/** Why keys were lost: the classifier's reason for forbidding the command, plus the simulator's facts. */
export function lossReason(choice: ChoiceId, adviceBefore: AdviceView, lost: number, wrappedBefore: readonly { vp: string; count: number }[]): string {
  const forbidden = adviceBefore.forbidden.find((f) => adviceMatches(choice, f.command));
  const before = wrappedBefore.map((w) => `${w.count} under ${w.vp.slice(0, 8)}`).join(', ');
  const fact = `${lost} keys are now wrapped under a master key value that no crypto unit holds any more, so they can never be decrypted again (before the command: ${before}).`;
  return [forbidden?.why, fact].filter(Boolean).join(' ');
}

/** The advice shown: after a failed pre-check, the fixes run since then are passed over. */
export function pendingAdvice(c: Classification, fixed: ReadonlySet<string>): AdviceView {
  const pending = c.phase === 'precheck-failed' ? c.next.filter((a) => !fixed.has(a.command)) : c.next;
  return { phase: c.phase, next: pending.length > 0 ? pending : c.next.slice(-1), forbidden: c.forbidden, unitsToDeselect: c.unitsToDeselect, unitsToReselect: c.unitsToReselect ?? [] };
}

/** Why a choice is not offered in a scenario. */
export function notOfferedReason(choice: ChoiceId, flow: TrainingScenario['flow']): string {
  if (choice === 'signservkeys-edit') return 'this workstation does not use a signing service';
  return flow === 'smartcard' ? 'a smart-card rotation is recovered in the TKE application' : 'the TKE application is for smart-card rotations';
}
