/** Schemas of the domain shapes several responses share: registers, a classification, a pre-check result. */
import { z } from 'zod';
import {
  FLOWS,
  INDETERMINATE_CAUSES,
  PHASES,
  type Classification as ClassificationType,
  type Evidence as EvidenceType,
} from '../../classifier/types.js';
import type { PrecheckResult as PrecheckResultType } from '../../precheck/types.js';
import { ENVIRONMENT_CHECK_IDS, PRECHECK_IDS } from '../../tke/messages.js';
import {
  REGISTER_STATES,
  UNIT_TYPES,
  type Register as RegisterType,
  type UnitRegisters as UnitRegistersType,
} from '../../tke/types.js';
import { exact } from '../schema-kit.js';
import { Advice, FixAdvice } from './advice.js';

export const UnitNumber = z.number().int();

export const Register = exact<RegisterType>()(z.object({ state: z.enum(REGISTER_STATES), vp: z.string() }));

export const UnitRegisters = exact<UnitRegistersType>()(
  z.object({ num: UnitNumber, type: z.enum(UNIT_TYPES), current: Register, new: Register }),
);

export const Evidence = exact<EvidenceType>()(z.object({ file: z.string(), line: z.number().int(), text: z.string() }));

export const Phase = z.enum(PHASES);

export const Classification = exact<ClassificationType>()(
  z.object({
    phase: Phase,
    flow: z.enum(FLOWS),
    next: z.array(Advice),
    forbidden: z.array(Advice),
    evidence: z.array(Evidence),
    unitsToDeselect: z.array(UnitNumber),
    failedChecks: z.array(z.enum([...PRECHECK_IDS, ...ENVIRONMENT_CHECK_IDS])),
    unitsToReselect: z.array(UnitNumber).optional(),
    stop: z.string().optional(),
    indeterminateCause: z.enum(INDETERMINATE_CAUSES).optional(),
  }),
);

const CheckStatus = z.enum(['pass', 'fail', 'unknown']);
const PrecheckMessage = z.object({
  key: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const PrecheckResult = exact<PrecheckResultType>()(
  z.object({
    id: z.enum(PRECHECK_IDS),
    status: CheckStatus,
    summary: z.string(),
    summaryMsg: PrecheckMessage.optional(),
    units: z.array(
      z.object({ num: UnitNumber, status: CheckStatus, detail: z.string(), detailMsg: PrecheckMessage.optional() }),
    ),
    evidence: z.array(z.string()),
    evidenceMsg: z.array(PrecheckMessage).optional(),
    fix: z.array(FixAdvice),
  }),
);
