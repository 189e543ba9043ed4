/** Schemas of the training channels' responses (shared/training/view.ts). */
import { z } from 'zod';
import {
  CHOICE_IDS,
  TRAINING_MODES,
  type ConsequenceView as ConsequenceViewType,
  type TrainingLibraryView as TrainingLibraryViewType,
  type TrainingStateView as TrainingStateViewType,
} from '../../training/index.js';
import { exact } from '../schema-kit.js';
import { Advice } from './advice.js';
import { Phase, UnitNumber, UnitRegisters } from './domain.js';

const Bilingual = z.object({ en: z.string(), ja: z.string() });
const Choice = z.enum(CHOICE_IDS);
const Mode = z.enum(TRAINING_MODES);
const Count = z.number().int();

const ScenarioView = z.object({
  id: z.string(),
  title: Bilingual,
  briefing: Bilingual,
  simScenario: z.string(),
  flow: z.enum(['auto', 'keyparts', 'smartcard']),
  keys: Count,
  faults: z.array(z.string()),
  restart: z.boolean(),
  goal: z.enum(['complete', 'first-action']),
  source: z.enum(['shipped', 'instructor']),
  file: z.string(),
});

const ExerciseView = z.object({
  number: Count,
  flow: z.enum(['auto', 'keyparts', 'smartcard']),
  keys: Count,
  goal: z.enum(['complete', 'first-action']),
  source: z.enum(['shipped', 'instructor']),
});

const KeystoreView = z.object({ total: Count, usable: Count, lost: Count });
const RegistersView = z.array(UnitRegisters.extend({ selected: z.boolean() }));

const AdviceView = z.object({
  phase: Phase,
  next: z.array(Advice),
  forbidden: z.array(Advice),
  unitsToDeselect: z.array(UnitNumber),
  unitsToReselect: z.array(UnitNumber),
});

const StepRecord = z.object({
  choice: Choice,
  command: z.string(),
  correct: z.boolean(),
  rightAction: z.string().nullable(),
  keysLost: Count,
  exitCode: z.number().int().nullable(),
  atMs: z.number(),
});

const ScenarioScore = z.object({
  scenarioId: z.string(),
  mode: Mode,
  expected: Choice,
  firstAction: Choice.nullable(),
  firstActionCorrect: z.boolean(),
  steps: Count,
  correctSteps: Count,
  keysLost: Count,
  seconds: z.number(),
  outcome: z.enum(['completed', 'lost-keys', 'abandoned']),
});

export const ConsequenceView = exact<ConsequenceViewType>()(
  z.object({
    step: StepRecord,
    refused: z.string().nullable(),
    keystoreBefore: KeystoreView,
    keystoreAfter: KeystoreView,
    lossWhy: z.string().nullable(),
    registersBefore: RegistersView,
    registersAfter: RegistersView,
    adviceBefore: AdviceView,
    outputTail: z.array(z.string()),
  }),
);

const TrainingRunView = z.object({
  scenario: ScenarioView.nullable(),
  exercise: ExerciseView.nullable(),
  mode: Mode,
  status: z.enum(['deciding', 'done']),
  paused: z.boolean(),
  pendingFault: z.string().nullable(),
  startedAt: z.number(),
  rotationId: z.string(),
  log: z.array(z.object({ kind: z.enum(['command', 'output', 'marker']), text: z.string() })),
  registers: RegistersView,
  keystore: KeystoreView,
  advice: AdviceView.nullable(),
  steps: z.array(StepRecord),
  lastConsequence: ConsequenceView.nullable(),
  score: ScenarioScore.nullable(),
});

export const TrainingStateView = exact<TrainingStateViewType>()(
  z.object({
    sessionId: z.string(),
    run: TrainingRunView.nullable(),
    results: z.array(ScenarioScore),
    played: z.array(ScenarioView),
    choices: z.array(
      z.object({ id: Choice, typed: z.string(), changesRegisters: z.boolean(), needsUnits: z.boolean() }),
    ),
  }),
);

export const TrainingLibraryView = exact<TrainingLibraryViewType>()(
  z.object({
    mode: Mode,
    scenarios: z.array(ScenarioView),
    exercises: z.array(ExerciseView),
    problems: z.array(z.object({ file: z.string(), line: z.number().int(), message: z.string() })),
    instructorDir: z.string().nullable(),
  }),
);
