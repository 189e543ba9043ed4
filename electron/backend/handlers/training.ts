/** Handlers of the training channels. Training runs on an in-memory simulator only; refused in live mode. */
import { readFile } from 'node:fs/promises';
import type { Handlers } from '../../../shared/ipc/dispatch.js';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import { exportReport, ReportKeyError, signReport, verifyReportBytes } from '../reports/index.js';
import { trainingDir, TrainingSession } from '../training/session.js';
import { trainingSummaryContent } from '../training/summary-report.js';
import type { BackendContext } from './context.js';
import { reportKeyStore, reportsDir } from './reports.js';

type TrainingChannel = Extract<keyof Handlers, `training:${string}`>;
type TrainingHandlers = Pick<Handlers, TrainingChannel>;

/** Training channel handlers; one session per backend. */
export function trainingHandlers(ctx: BackendContext): TrainingHandlers {
  const instructorDir = ctx.env?.MKRA_TRAINING_DIR?.trim() || null;
  const session = new TrainingSession({ dataDir: ctx.dataDir, instructorDir });
  // Training never touches a real ibmcloud: in live mode every training channel is refused.
  const demoOnly = <T>(work: () => Promise<T>): Promise<T> => {
    if (ctx.info.mode !== 'demo')
      return Promise.reject(
        new RefusedError(
          'Training runs only on the simulator. Start the app in demo mode (mkra serve --demo, or without ibmcloud) to train.',
        ),
      );
    return work();
  };
  return {
    'training:list-scenarios': (req) => demoOnly(() => session.library(req.mode)),
    'training:get-state': () => demoOnly(async () => session.state()),
    'training:start-scenario': (req) =>
      demoOnly(() =>
        session.start(
          req.exercise !== undefined ? { exercise: req.exercise } : { scenarioId: req.scenarioId ?? '' },
          req.mode,
        ),
      ),
    'training:choose': (req) => demoOnly(() => session.choose(req.choice, req.units)),
    'training:pause': (req) => demoOnly(async () => session.pause(req.paused)),
    'training:inject-fault': (req) => demoOnly(async () => session.injectFault(req.fault)),
    'training:end-scenario': () => demoOnly(() => session.endScenario()),
    'training:reset-session': () => demoOnly(() => session.reset()),
    'training:export-summary': (req) =>
      demoOnly(async () => {
        if (session.results.length === 0)
          throw new RefusedError('Play at least one scenario to the end before exporting the summary.');
        const content = await trainingSummaryContent({
          sessionId: session.sessionId,
          startedAt: session.startedAt,
          results: session.results,
          journalDir: trainingDir(ctx.dataDir),
          rotationIds: session.rotationIds,
          ...(req.operator ? { operator: req.operator } : {}),
        });
        try {
          const signed = await signReport(content, reportKeyStore(ctx, req.keyPassword));
          const paths = await exportReport(reportsDir(ctx.dataDir, session.sessionId), signed, {
            language: req.language,
          });
          const check = await verifyReportBytes(await readFile(paths.jsonPath));
          if (check.status !== 'valid') throw new Error(`the exported summary does not verify: ${check.reason}`);
          return { ...paths, fingerprint: check.fingerprint, adminSki: null, sessionId: session.sessionId };
        } catch (error) {
          if (error instanceof ReportKeyError) throw new RefusedError(error.message);
          throw error;
        }
      }),
  };
}
