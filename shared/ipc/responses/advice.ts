/**
 * The schemas of advice as responses carry it: the classifier's advice (`next`, `forbidden`) and a
 * pre-check's fixes. Kept apart so that a change to how a command is given (text or argv) is made
 * here once.
 */
import { z } from 'zod';
import type { Advice as AdviceType } from '../../classifier/types.js';
import type { FixAdvice as FixAdviceType } from '../../precheck/fixes.js';
import { exact } from '../schema-kit.js';

export const Advice = exact<AdviceType>()(
  z.object({ command: z.string(), why: z.string(), argv: z.array(z.string().min(1).max(200)).max(20).nullable() }),
);

export const FixAdvice = exact<FixAdviceType>()(
  z.object({
    command: z.string(),
    why: z.string(),
    i18n: z.object({ key: z.string(), values: z.record(z.string(), z.string()).optional() }).optional(),
  }),
);
