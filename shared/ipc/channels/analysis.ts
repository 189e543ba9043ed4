/** Channels of "Analyse a failed run": classify a manual run, read registers, adopt it. */
import { z } from 'zod';
import { MAX_ANALYSIS_FILES, STATED_COMMANDS } from '../../analysis/types.js';
import { PHASES } from '../../classifier/types.js';
import { AnalysisView, ReviewedRotation, ReviewState } from '../responses/analysis.js';
import { Empty, FileBytes, RotationId } from '../schema-kit.js';

const AnalysisId = z.string().regex(/^analysis-[0-9a-z-]{1,40}$/);
const Phase = z.enum(PHASES);

export const analysisChannels = {
  /** Decode and classify pasted output and/or captured files; changes nothing, journals nothing. */
  'analysis:classify': {
    request: z
      .object({ inputs: z.array(FileBytes).min(1).max(MAX_ANALYSIS_FILES), command: z.enum(STATED_COMMANDS) })
      .strict(),
    response: AnalysisView,
  },
  /** Read the registers (`ibmcloud tke cryptounit-mks`, read-only) and classify again with them. */
  'analysis:read-registers': { request: z.object({ analysisId: AnalysisId }).strict(), response: AnalysisView },
  /** Start a new rotation journal whose first entries are the analysed output (marked imported). */
  'analysis:adopt': {
    request: z.object({ analysisId: AnalysisId, reviewedPhase: Phase }).strict(),
    response: ReviewedRotation,
  },
  /** Record that the administrator reviewed the imported evidence; unlocks the recovery commands. */
  'analysis:confirm-review': {
    request: z.object({ rotationId: RotationId, phase: Phase }).strict(),
    response: ReviewedRotation,
  },
  /** The open rotation's import state (null when it was not imported). */
  'analysis:get-review': { request: Empty, response: ReviewState },
} as const;
