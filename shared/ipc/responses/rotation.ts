/** Schemas of the rotation channels' responses and of the `rotation:updated` event. */
import { z } from 'zod';
import { RUN_FLOWS } from '../../classifier/types.js';
import type {
  ConsoleState as ConsoleStateType,
  RotationSnapshot as RotationSnapshotType,
  RunningCommand as RunningCommandType,
} from '../../rotation/types.js';
import { STEP_IDS, type Timeline as TimelineType } from '../../rotation/timeline.js';
import type { RotationSummary as RotationSummaryType } from '../views.js';
import { exact } from '../schema-kit.js';
import { Classification, UnitRegisters } from './domain.js';

export const RunningCommand = exact<RunningCommandType>()(
  z.object({
    runId: z.string(),
    argv: z.array(z.string()),
    command: z.string(),
    startedAt: z.number(),
    m1Seen: z.boolean(),
    prompt: z
      .object({ kind: z.string(), text: z.string(), detail: z.array(z.string()), secret: z.boolean() })
      .nullable(),
    hang: z.object({ silentMs: z.number() }).nullable(),
    journaled: z.boolean(),
  }),
);

export const Timeline = exact<TimelineType>()(
  z.object({
    flow: z.enum(RUN_FLOWS),
    steps: z.array(
      z.object({
        id: z.enum(STEP_IDS),
        state: z.enum(['pending', 'running', 'done', 'failed', 'skipped', 'interrupted']),
        progress: z.object({ done: z.number(), total: z.number() }).optional(),
        startedAt: z.number().optional(),
      }),
    ),
  }),
);

export const RotationSnapshot = exact<RotationSnapshotType>()(
  z.object({
    rotationId: z.string(),
    flow: z.enum(RUN_FLOWS),
    mode: z.enum(['live', 'demo', 'training']),
    startedAt: z.string(),
    finished: z.boolean(),
    readOnly: z.boolean(),
    classification: Classification,
    timeline: Timeline,
    commands: z.array(
      z.object({ seq: z.number().int(), command: z.string(), at: z.string(), exitCode: z.number().int().nullable() }),
    ),
    registers: z.object({ seq: z.number().int(), at: z.string(), units: z.array(UnitRegisters) }).nullable(),
    lineCount: z.number().int(),
    journal: z.object({ path: z.string(), entries: z.number().int(), headHash: z.string() }),
  }),
);

export const ConsoleState = exact<ConsoleStateType>()(
  z.object({ rotation: RotationSnapshot.nullable(), running: RunningCommand.nullable() }),
);

export const RotationSummary = exact<RotationSummaryType>()(
  z.object({
    rotationId: z.string(),
    startedAt: z.string().nullable(),
    mode: z.string().nullable(),
    flow: z.string().nullable(),
    instanceId: z.string().nullable(),
    operator: z.string().nullable(),
    finished: z.boolean(),
    outcome: z.string().nullable(),
    entries: z.number().int(),
    lastHash: z.string().nullable(),
    status: z.string(),
    problem: z.string().nullable(),
    story: z.object({
      failedCommands: z.number().int().nonnegative(),
      failurePhases: z.number().int().nonnegative(),
      keysLost: z.number().int().nonnegative().nullable(),
      currentVp: z.string().nullable(),
    }),
  }),
);

/** A page of the open rotation's console lines (`rotation:get-lines`). */
export const LinesPage = exact<{ from: number; lines: { seq: number; text: string }[] }>()(
  z.object({ from: z.number().int(), lines: z.array(z.object({ seq: z.number().int(), text: z.string() })) }),
);
