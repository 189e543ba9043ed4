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
  scenario: ScenarioView;
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
  choices: { id: ChoiceId; typed: string; changesRegisters: boolean; needsUnits: boolean }[];
}

export interface TrainingLibraryView {
  scenarios: ScenarioView[];
  problems: { file: string; line: number; message: string }[];
  instructorDir: string | null;
}

export type { ChoiceId } from './choices.js';
export type { ScenarioScore, StepRecord, TrainingMode } from './scoring.js';
