/** Schema of `precheck:run`'s response: the seven checks and the listings they were judged from. */
import { z } from 'zod';
import type { PrecheckReport as PrecheckReportType } from '../../precheck/report.js';
import { UNIT_TYPES } from '../../tke/types.js';
import { exact, orUndefined } from '../schema-kit.js';
import { PrecheckResult, UnitNumber, UnitRegisters } from './domain.js';

const Line = z.number().int();
const SigKeyRow = z.object({ keynum: z.number().int(), description: z.string(), ski: z.string() });

/** Key identifiers and a count only: the tokens of SIGNSERVKEYS are dropped when the file is read. */
const SigningService = z.union([
  z.object({ keys: z.array(z.string()), withToken: z.number().int() }),
  z.object({ problem: z.string() }),
]);

export const PrecheckReport = exact<PrecheckReportType>()(
  z.object({
    flow: z.enum(['auto', 'keyparts']),
    ranAt: z.number(),
    results: z.array(PrecheckResult),
    instances: z.array(
      z.object({
        id: z.string(),
        units: z.array(
          z.object({
            num: UnitNumber,
            selected: z.boolean(),
            type: orUndefined(z.enum(UNIT_TYPES)),
            location: z.string(),
            line: Line,
          }),
        ),
      }),
    ),
    registers: z.array(UnitRegisters),
    thresholds: z.array(
      z.object({ num: UnitNumber, signature: z.number().int(), revocation: z.number().int(), line: Line }),
    ),
    admins: z.array(
      z.object({ num: UnitNumber, name: orUndefined(z.string()), ski: orUndefined(z.string()), line: Line }),
    ),
    sigkeys: z.object({ keys: z.array(SigKeyRow), selected: z.array(SigKeyRow) }),
    token: z.object({ expiresAt: z.number().nullable(), source: z.enum(['simulator', 'app-login', 'unknown']) }),
    estimate: z.object({
      keyCount: z.number().int().nullable(),
      seconds: z.number().nullable(),
      tokenMayExpire: z.boolean().nullable(),
    }),
    reads: z.array(z.object({ command: z.string(), exitCode: z.number().int(), problem: z.array(z.string()) })),
    signingService: SigningService.optional(),
  }),
);
