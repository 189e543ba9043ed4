/** Schemas of the twin channels' responses (docs/twin.md); a twin holds no secret by its format. */
import { z } from 'zod';
import type { RehearsalResult as RehearsalResultType } from '../../twin/rehearsal-types.js';
import { exact } from '../schema-kit.js';
import { PrecheckResult } from './domain.js';

export const RehearsalResult = exact<RehearsalResultType>()(
  z.object({
    twinSha256: z.string(),
    twinCapturedAt: z.string(),
    instanceId: z.string(),
    flow: z.literal('auto'),
    ranAt: z.string(),
    prechecks: z.array(PrecheckResult),
    tookMs: z.number(),
    faults: z.array(
      z.object({
        fault: z.string(),
        recovered: z.boolean(),
        recovery: z.array(z.string()),
        finalPhase: z.string(),
        keysLost: z.number().int(),
        stoppedBecause: z.string().nullable(),
        decisions: z.array(z.string()),
      }),
    ),
    allRecovered: z.boolean(),
  }),
);

export const RehearsalState = exact<{ rehearsal: RehearsalResultType | null }>()(
  z.object({ rehearsal: RehearsalResult.nullable() }),
);

/** `twin:capture`: the twin file's name and text, for the renderer to rehearse on and to save. */
export const CapturedTwin = exact<{ name: string; text: string; summary: string; warnings: string[] }>()(
  z.object({ name: z.string(), text: z.string(), summary: z.string(), warnings: z.array(z.string()) }),
);
