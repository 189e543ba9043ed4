/**
 * The start gate of `rotation:start`: the backend re-evaluates every blocker of the plan
 * (shared/precheck/plan.ts) from its own pre-check results, read afresh from the crypto units when
 * the rotation is asked to start — never from the renderer's word or an earlier report. Without a
 * fresh report (the pre-checks could not run, or the report predates the request) it refuses.
 */
import { buildPlan, startProblems } from '../../../shared/precheck/plan.js';
import type { PrecheckFlow } from '../../../shared/precheck/fixes.js';
import type { PrecheckReport } from '../../../shared/precheck/report.js';
import type { PrecheckRecord } from '../rotation/imported-journal.js';
import type { RotationServiceOptions } from '../rotation/rotation-options.js';

/** Runs the pre-checks for a flow now (precheck-service.ts over the backend's own reads). */
export type PrecheckRunner = (flow: PrecheckFlow) => Promise<PrecheckReport>;

export type StartGate = NonNullable<RotationServiceOptions['startGate']>;

/** A report's results as journaled at the start of a rotation. */
export function precheckRecord(report: PrecheckReport): PrecheckRecord {
  return {
    flow: report.flow,
    ranAt: new Date(report.ranAt).toISOString(),
    results: report.results.map((r) => ({ id: r.id, status: r.status, summary: r.summary })),
  };
}

/** The gate: run the pre-checks afresh, then refuse with every blocker, missing confirmation or mismatch. */
export function planGate(run: PrecheckRunner, now: () => number): StartGate {
  return async (request) => {
    const askedAt = now();
    let report: PrecheckReport;
    try {
      report = await run(request.flow);
    } catch (error) {
      return {
        problems: [
          `no fresh pre-check: the pre-checks could not run (${error instanceof Error ? error.message : String(error)})`,
        ],
      };
    }
    if (report.ranAt < askedAt)
      return {
        problems: [
          `no fresh pre-check: the latest pre-checks ran at ${new Date(report.ranAt).toISOString()}, before the start was asked`,
        ],
      };
    return { prechecks: precheckRecord(report), problems: startProblems(buildPlan(request.flow, report), request) };
  };
}
