/** What the training backend shows the renderer (shapes only). */
import type { Advice, Phase } from '../classifier/types.js';
import type { UnitRegisters } from '../tke/types.js';
import type { ChoiceId } from './choices.js';
import type { ScenarioScore, StepRecord, TrainingMode } from './scoring.js';

export interface Bilingual {
  en: string;
  ja: string;
}

/** A scenario as listed for the trainee and instructor. */
export interface ScenarioView {
  id: string;
  title: Bilingual;
  briefing: Bilingual;
  simScenario: string;
  flow: 'auto' | 'keyparts' | 'smartcard';
  keys: number;
  /** Faults of the steps before the trainee takes over (`none` when there are none). */
  faults: string[];
  restart: boolean;
  goal: 'complete' | 'first-action';
  source: 'shipped' | 'instructor';
  file: string;
}

/**
 * An exam's scenario before it is answered: a neutral number and what the exam's briefing says.
 * No id, title, briefing, starting state or fault: each of them names the phase or the fault.
 */
export interface ExerciseView {
  /** 1-based place in the library, the exam's only name for it ("Exam scenario 3"). */
  number: number;
  flow: ScenarioView['flow'];
  keys: number;
  goal: ScenarioView['goal'];
  source: ScenarioView['source'];
}

export interface KeystoreView {
  total: number;
  usable: number;
  lost: number;
}

export type RegistersView = (UnitRegisters & { selected: boolean })[];

/** The advisor's view; withheld in exam mode until a choice has been made. */
export interface AdviceView {
  phase: Phase;
  next: Advice[];
  forbidden: Advice[];
  unitsToDeselect: number[];
  unitsToReselect: number[];
}

/** What one choice did: shown on the consequence screen. */
export interface ConsequenceView {
  step: StepRecord;
  refused: string | null;
  keystoreBefore: KeystoreView;
  keystoreAfter: KeystoreView;
  /** Why keys were lost (the classifier's reason for forbidding the command, or the simulator's facts). */
  lossWhy: string | null;
  registersBefore: RegistersView;
  registersAfter: RegistersView;
  adviceBefore: AdviceView;
  outputTail: string[];
}

export interface LogLineView {
  kind: 'command' | 'output' | 'marker';
  text: string;
}

export interface TrainingRunView {
  /** Null in exam mode until the scenario is over: the trainee sees `exercise` only. */
  scenario: ScenarioView | null;
  /** The exam's neutral card of the scenario (null in guided mode). */
  exercise: ExerciseView | null;
  mode: TrainingMode;
  status: 'deciding' | 'done';
  paused: boolean;
  pendingFault: string | null;
  startedAt: number;
  rotationId: string;
  log: LogLineView[];
  registers: RegistersView;
  keystore: KeystoreView;
  /** Null in exam mode: the trainee decides from the log and the registers. */
  advice: AdviceView | null;
  steps: StepRecord[];
  lastConsequence: ConsequenceView | null;
  score: ScenarioScore | null;
}

export interface TrainingStateView {
  sessionId: string;
  run: TrainingRunView | null;
  results: ScenarioScore[];
  /** The scenarios of `results`, answered, so named (the summary's titles). */
  played: ScenarioView[];
  choices: { id: ChoiceId; typed: string; changesRegisters: boolean; needsUnits: boolean }[];
}

/**
 * The library as listed for a mode: guided lists the scenarios; an exam lists only neutral
 * exercises and leaves out the rejected files (their names and problems may name a fault).
 */
export interface TrainingLibraryView {
  mode: TrainingMode;
  scenarios: ScenarioView[];
  exercises: ExerciseView[];
  problems: { file: string; line: number; message: string }[];
  instructorDir: string | null;
}

export type { ChoiceId } from './choices.js';
export type { ScenarioScore, StepRecord, TrainingMode } from './scoring.js';
