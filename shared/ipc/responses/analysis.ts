/** Schemas of the "Analyse a failed run" channels' responses (shared/analysis/types.ts). */
import { z } from 'zod';
import {
  STATED_COMMANDS,
  type AnalysisView as AnalysisViewType,
  type ImportReview as ImportReviewType,
} from '../../analysis/types.js';
import type { RotationSnapshot as RotationSnapshotType } from '../../rotation/types.js';
import { exact } from '../schema-kit.js';
import { Classification, Phase, UnitRegisters } from './domain.js';
import { RotationSnapshot } from './rotation.js';

const Count = z.number().int();

const Classified = z.object({
  status: z.literal('classified'),
  analysisId: z.string(),
  command: z.enum(STATED_COMMANDS),
  files: z.array(
    z.object({
      name: z.string(),
      bytes: Count,
      sha256: z.string(),
      encoding: z.string(),
      format: z.enum(['script', 'powershell', 'plain']),
      lines: Count,
      commandStated: z.boolean(),
    }),
  ),
  warnings: z.array(
    z.object({ file: z.string(), code: z.enum(['replaced-characters', 'no-tke-output', 'renamed']), count: Count }),
  ),
  classification: Classification,
  registers: z
    .object({ at: z.string(), exitCode: z.number().int(), units: z.array(UnitRegisters), lines: z.array(z.string()) })
    .nullable(),
});

const Unusable = z.object({
  status: z.literal('unusable'),
  problems: z.array(
    z.object({
      file: z.string(),
      code: z.enum(['empty', 'blank', 'binary', 'not-text', 'too-large', 'too-many']),
      detail: z.string(),
    }),
  ),
});

export const AnalysisView = exact<AnalysisViewType>()(z.discriminatedUnion('status', [Unusable, Classified]));

export const ImportReview = exact<ImportReviewType>()(
  z.object({
    rotationId: z.string(),
    files: z.array(z.object({ name: z.string(), sha256: z.string() })),
    reviewed: z.boolean(),
    phase: Phase,
    classification: Classification,
  }),
);

/** `analysis:adopt` and `analysis:confirm-review`: the import state and the rotation it opened. */
export const ReviewedRotation = exact<{ review: ImportReviewType; snapshot: RotationSnapshotType }>()(
  z.object({ review: ImportReview, snapshot: RotationSnapshot }),
);

export const ReviewState = exact<{ review: ImportReviewType | null }>()(z.object({ review: ImportReview.nullable() }));
