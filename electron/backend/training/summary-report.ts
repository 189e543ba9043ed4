/**
 * The signed summary of a training session. It is an ordinary report content (same schema, same
 * signing, same `mkra verify`) with mode `training`: the scenarios played are its commands and the
 * scores its decisions; `journal` names the scenario journals it summarises by their head hashes.
 */
import { createHash } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { REPORT_CONTENT_FORMAT, type ReportContent } from '../../../shared/reports/index.js';
import { scoreLine, sessionTotals, totalLine, type ScenarioScore } from '../../../shared/training/index.js';
import { journalPath, verifyJournal } from '../journal/index.js';
import { packageInfo } from '../package-info.js';

export interface SummaryInput {
  sessionId: string;
  startedAt: number;
  results: readonly ScenarioScore[];
  /** The training journals' directory and the rotation ids of the scenarios played. */
  journalDir: string;
  rotationIds: readonly string[];
  operator?: string;
  now?: () => Date;
}

/** Build the report content of a training session from its scores and its scenario journals. */
export async function trainingSummaryContent(input: SummaryInput): Promise<ReportContent> {
  const now = (input.now ?? (() => new Date()))();
  const verifications = await Promise.all(input.rotationIds.map((id) => verifyJournal(journalPath(input.journalDir, id))));
  const heads = verifications.map((v, i) => `${input.rotationIds[i] ?? ''}:${v.headHash}`);
  const allOk = verifications.every((v) => v.ok);
  const totals = sessionTotals(input.results);
  const start = new Date(input.startedAt).toISOString();
  let seq = 0;
  const commands: ReportContent['commands'] = input.results.map((score) => ({
    seq: ++seq,
    time: now.toISOString(),
    command: `training scenario ${score.scenarioId} (${score.mode}): first action ${score.firstAction ?? 'none'}`,
    mode: 'training',
    finishedAt: now.toISOString(),
    exitCode: score.outcome === 'completed' ? 0 : 1,
    signal: null,
  }));
  const decisions: ReportContent['decisions'] = input.results.map((score) => ({ seq: ++seq, time: now.toISOString(), what: scoreLine(score), override: !score.firstActionCorrect }));
  return {
    format: REPORT_CONTENT_FORMAT,
    generatedAt: now.toISOString(),
    generator: packageInfo(),
    rotationId: input.sessionId,
    instanceId: null,
    flow: 'training session',
    mode: 'training',
    imported: null,
    workstation: { host: hostname(), user: userInfo().username },
    operator: input.operator ?? null,
    startedAt: start,
    endedAt: now.toISOString(),
    prechecks: [],
    commands,
    prompts: [],
    milestones: [],
    registers: [],
    classifications: [],
    decisions,
    recoveries: [],
    outcome:
      `training session: ${totals.scenarios} scenarios, ${totals.firstActionsCorrect} correct first actions, ` +
      `${totals.completed} completed, ${totals.keysLost} keys lost, ${totals.steps} steps, ${totals.seconds} s; ` +
      `score: ${totalLine(totals)}`,
    journal: {
      entryCount: verifications.reduce((sum, v) => sum + v.entries.length, 0),
      finalHash: createHash('sha256').update(heads.join('\n')).digest('hex'),
      status: allOk ? 'ok' : 'problem',
      verified: allOk,
      reason: `training session summary over ${input.rotationIds.length} scenario journals (finalHash = SHA-256 of "rotationId:headHash" lines)`,
    },
  };
}
