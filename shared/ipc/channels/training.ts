/** Channels of training mode: scenarios on the in-memory simulator, scores, signed summary. */
import { z } from 'zod';
import { CHOICE_IDS, TRAINING_MODES } from '../../training/index.js';
import { SummaryExportResult } from '../responses/reports.js';
import { ConsequenceView, TrainingLibraryView, TrainingStateView } from '../responses/training.js';
import { Empty, FaultRequest } from '../schema-kit.js';

export const trainingChannels = {
  /**
   * The scenario library (shipped + instructor folder) and the problems of files that were rejected;
   * in exam mode neutral exercises only (no id, title, starting state or fault) and no problems.
   */
  'training:list-scenarios': {
    request: z.object({ mode: z.enum(TRAINING_MODES).optional() }).strict(),
    response: TrainingLibraryView,
  },
  'training:get-state': { request: Empty, response: TrainingStateView },
  /** A scenario by its id, or an exam's by its exercise number (the exam's list names no id). */
  'training:start-scenario': {
    request: z
      .object({
        scenarioId: z
          .string()
          .regex(/^[a-z0-9-]{1,60}$/)
          .optional(),
        exercise: z.number().int().min(1).max(999).optional(),
        mode: z.enum(TRAINING_MODES),
      })
      .strict()
      .refine((r) => (r.scenarioId === undefined) !== (r.exercise === undefined), {
        message: 'name either a scenario id or an exercise number',
      }),
    response: TrainingStateView,
  },
  /** Carry out the trainee's choice on the simulator; exam mode runs it even where the interlocks would refuse. */
  'training:choose': {
    request: z
      .object({ choice: z.enum(CHOICE_IDS), units: z.array(z.number().int().min(1).max(99)).max(16).optional() })
      .strict(),
    response: ConsequenceView,
  },
  /** Instructor: pause or resume the running scenario. */
  'training:pause': { request: z.object({ paused: z.boolean() }).strict(), response: TrainingStateView },
  /** Instructor: the next command the simulator runs in this scenario fails (or crashes) at this point. */
  'training:inject-fault': {
    request: FaultRequest,
    response: TrainingStateView,
  },
  'training:end-scenario': { request: Empty, response: TrainingStateView },
  'training:reset-session': { request: Empty, response: TrainingStateView },
  /** Sign and export the session summary (marked training); download it with report:read-file and the session id. */
  'training:export-summary': {
    request: z
      .object({
        language: z.enum(['en', 'ja']),
        operator: z.string().trim().max(120).optional(),
        keyPassword: z.string().min(1).max(1024).optional(),
      })
      .strict(),
    response: SummaryExportResult,
  },
} as const;
