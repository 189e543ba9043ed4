/** Short human summaries of a report, shared by `mkra verify`, the PDF and the app's verify screen. */
import type { ReportContent } from './content-schema.js';
import { isRehearsalDecision } from '../twin/rehearsal-types.js';
import { modeBanner } from './key-facts.js';

/** Counts that let a reader see at a glance how much happened. */
export interface ReportTally {
  commands: number;
  failedCommands: number;
  milestones: string[];
  classifications: number;
  decisions: number;
  overrides: number;
}

/** Counts commands, failures, milestones, classifications and decisions of a report. */
export function tallyReport(content: ReportContent): ReportTally {
  return {
    commands: content.commands.length,
    failedCommands: content.commands.filter((command) => command.exitCode !== 0).length,
    milestones: [...new Set(content.milestones.map((milestone) => milestone.id))].sort(),
    classifications: content.classifications.length,
    decisions: content.decisions.length,
    overrides: content.decisions.filter((decision) => decision.override).length,
  };
}

/** A few English lines summarising the report (used on the command line). */
export function summaryLines(content: ReportContent): string[] {
  const tally = tallyReport(content);
  const lastPhase = content.classifications.at(-1)?.phase;
  return [
    `Mode: ${modeBanner(content.mode)}`,
    `Rotation ${content.rotationId}, instance ${content.instanceId ?? '(not recorded)'}, flow ${content.flow}`,
    `Operator ${content.operator ?? '(not entered)'} on ${content.workstation.host} as ${content.workstation.user}`,
    `Started ${content.startedAt}, ended ${content.endedAt ?? '(not finished)'}`,
    `Outcome: ${content.outcome ?? 'unfinished'}${lastPhase === undefined ? '' : ` (last classified phase: ${lastPhase})`}`,
    `${tally.commands} commands (${tally.failedCommands} failed), milestones seen: ${tally.milestones.join(', ') || 'none'}, ` +
      `${tally.decisions} administrator decisions (${tally.overrides} overriding a warning)`,
    `Journal: ${content.journal.entryCount} entries, ${content.journal.status}, final hash ${content.journal.finalHash}`,
    // A rehearsal on a twin is a decision only the backend records: shown in full, it is signed evidence.
    ...content.decisions.filter((d) => isRehearsalDecision(d.what)).map((d) => d.what),
    ...(content.imported ? [`Part of this journal was imported from: ${content.imported.files.map((file) => file.name).join(', ')}`] : []),
  ];
}
