/** Handlers of the analysis channels: classify a manual run, read registers, adopt, confirm review. */
import type { Handlers } from '../../../shared/ipc/dispatch.js';
import { AnalysisService } from '../analysis/analysis-service.js';
import type { BackendContext } from './context.js';

type AnalysisHandlers = Pick<
  Handlers,
  'analysis:classify' | 'analysis:read-registers' | 'analysis:adopt' | 'analysis:confirm-review' | 'analysis:get-review'
>;

/** Analysis channel handlers over one AnalysisService per backend. */
export function analysisHandlers(ctx: BackendContext): AnalysisHandlers {
  const service = new AnalysisService(ctx.rotations);
  return {
    'analysis:classify': async (req) => service.classify(req.inputs, req.command),
    'analysis:read-registers': (req) => service.readRegisters(req.analysisId),
    'analysis:adopt': (req) => service.adopt(req.analysisId, req.reviewedPhase),
    'analysis:confirm-review': (req) => service.confirmReview(req.rotationId, req.phase),
    'analysis:get-review': async () => ({ review: service.review() }),
  };
}
