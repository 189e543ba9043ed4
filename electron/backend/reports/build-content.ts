import { canonicalJson, verifyJournal, verifyJournalBytes, type JournalEntry, type JournalVerification } from '../journal/index.js';
import { packageInfo } from '../package-info.js';
import { REPORT_CONTENT_FORMAT, reportContentSchema, type ReportContent } from '../../../shared/reports/index.js';
import { isSecretPromptKind, redactContent, typedCommand } from './redact-argv.js';
import { recogniseLine } from '../../../shared/parse/recognise.js';

/** Milestones printed in imported output, marked as imported and cited by file and line. */
function importedMilestones(entry: Entry<'imported-output'>, file: string): Content['milestones'] {
  const out: Content['milestones'] = [];
  entry.data.lines.forEach((line, i) => {
    const m = recogniseLine(line).milestone;
    if (m === 'M1' || m === 'M2') out.push({ seq: entry.seq, time: entry.time, id: m, text: `[imported ${file}:${entry.data.firstLine + i}] ${line.trim()}` });
  });
  return out;
}

/** What the app knows about a report that the journal does not hold. */
export interface ReportContext {
  /** Operator name as entered, used when the journal's rotation-started entry has none. */
  operator?: string;
  /** Clock for `generatedAt`; injected so tests and fixtures are reproducible. */
  now?: () => Date;
  generator?: { name: string; version: string };
}

type Content = ReportContent;
type Entry<K extends JournalEntry['kind']> = Extract<JournalEntry, { kind: K }>;

// The classifier's output is stored loosely (later versions may add fields), so each field it
// contributes is picked and type-checked here; anything else is left out of the report.
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const numbers = (value: unknown): number[] => (Array.isArray(value) ? value.filter((item): item is number => Number.isInteger(item)) : []);
const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function advice(value: unknown): Content['classifications'][number]['next'] {
  if (!Array.isArray(value)) return [];
  return value.map(record).map((item) => ({ command: text(item.command) ?? '', why: text(item.why) ?? '' }));
}

function evidence(value: unknown): Content['classifications'][number]['evidence'] {
  if (!Array.isArray(value)) return [];
  return value.map(record).map((item) => ({
    file: text(item.file) ?? '',
    line: Number.isInteger(item.line) ? (item.line as number) : 0,
    text: text(item.text) ?? '',
  }));
}

function classification(entry: Entry<'classification'>): Content['classifications'][number] {
  const data = entry.data as Record<string, unknown>;
  return {
    seq: entry.seq,
    time: entry.time,
    phase: entry.data.phase,
    flow: text(data.flow),
    reason: text(data.reason),
    next: advice(data.next),
    forbidden: advice(data.forbidden),
    evidence: evidence(data.evidence),
    unitsToDeselect: numbers(data.unitsToDeselect),
    failedChecks: strings(data.failedChecks),
  };
}

function units(entry: Entry<'registers'>): Content['registers'][number]['units'] {
  return entry.data.units.map((unit) => ({
    num: unit.num,
    type: unit.type,
    current: { state: unit.current.state, vp: unit.current.vp },
    new: { state: unit.new.state, vp: unit.new.vp },
  }));
}

type Start = Entry<'rotation-started'>;

/** The report before its entries are read: what the first entry and the verification say. */
function reportHead(verification: JournalVerification, context: ReportContext, first: Start): Content {
  const entries = verification.entries;
  const start = first.data;
  return {
    format: REPORT_CONTENT_FORMAT,
    generatedAt: (context.now ?? (() => new Date()))().toISOString(),
    generator: context.generator ?? packageInfo(),
    rotationId: start.rotationId,
    instanceId: start.instanceId ?? null,
    flow: start.flow,
    mode: start.mode,
    imported: start.imported ? { files: start.imported.files.map((file) => ({ name: file.name, sha256: file.sha256 })) } : null,
    workstation: { host: start.host, user: start.user },
    operator: start.operator ?? context.operator ?? null,
    startedAt: first.time,
    endedAt: null,
    prechecks: [],
    commands: [],
    prompts: [],
    milestones: [],
    registers: [],
    classifications: [],
    decisions: [],
    recoveries: [],
    outcome: null,
    journal: { entryCount: entries.length, finalHash: entries.at(-1)?.hash ?? '', status: verification.status, verified: verification.ok, reason: verification.reason },
  };
}

/** Commands and what they printed that the report keeps; false for other entries. */
function addCommandEntry(content: Content, entry: JournalEntry, mode: Content['mode'], imported: { file: string }): boolean {
  const { seq, time } = entry;
  switch (entry.kind) {
    case 'imported-file':
      // A command the administrator ran in their own terminal: marked imported, never run by the app.
      imported.file = entry.data.name;
      content.commands.push({ seq, time, command: `[imported ${entry.data.name}, sha256 ${entry.data.sha256.slice(0, 16)}…] ${entry.data.commandLine?.replace(/^\$\s*/, '') ?? 'manual terminal output'}`, mode, finishedAt: null, exitCode: null, signal: null });
      return true;
    case 'imported-output':
      content.milestones.push(...importedMilestones(entry, imported.file));
      return true;
    case 'command-started':
      content.commands.push({ seq, time, command: typedCommand(entry.data.argv), mode: entry.data.mode, finishedAt: null, exitCode: null, signal: null });
      return true;
    case 'command-finished': {
      const running = content.commands.at(-1);
      if (running && running.finishedAt === null) Object.assign(running, { finishedAt: time, exitCode: entry.data.exitCode, signal: entry.data.signal ?? null });
      return true;
    }
    case 'prompt-answered': {
      // A password prompt's answer is never reported, whatever the journal's fact says.
      const secret = isSecretPromptKind(entry.data.promptKind);
      content.prompts.push({ seq, time, kind: entry.data.promptKind, answer: secret ? 'password entered' : entry.data.fact });
      return true;
    }
    case 'milestone':
      content.milestones.push({ seq, time, id: entry.data.id, text: entry.data.text });
      return true;
    default:
      return false;
  }
}

/** What the app concluded and decided: readings, classifications, pre-checks, decisions, the outcome. */
function addRecordEntry(content: Content, entry: JournalEntry): void {
  const { seq, time } = entry;
  switch (entry.kind) {
    case 'registers':
      content.registers.push({ seq, time, units: units(entry) });
      break;
    case 'classification': {
      const item = classification(entry);
      content.classifications.push(item);
      if (item.phase === 'precheck-failed' || item.failedChecks.length > 0) content.prechecks.push({ seq, time, phase: item.phase, failedChecks: item.failedChecks });
      break;
    }
    case 'prechecks': {
      const count = (status: string) => entry.data.results.filter((r) => r.status === status).length;
      const phase = `pre-checks before the start: ${count('pass')} passed, ${count('fail')} failed, ${count('unknown')} not judged`;
      content.prechecks.push({ seq, time, phase, failedChecks: entry.data.results.filter((r) => r.status !== 'pass').map((r) => `${r.id} (${r.status}): ${r.summary}`) });
      break;
    }
    case 'decision':
      content.decisions.push({ seq, time, what: entry.data.what, override: entry.data.override ?? false });
      break;
    case 'recovered-torn-tail':
      content.recoveries.push({ seq, time, line: entry.data.line, bytes: entry.data.bytes });
      break;
    case 'rotation-finished':
      content.outcome = entry.data.outcome;
      content.endedAt = time;
      break;
    default:
      // rotation-started is the head; output lines are deliberately absent: only the evidence the
      // classifier quoted is reported.
      break;
  }
}

function fromEntries(verification: JournalVerification, context: ReportContext): ReportContent {
  const first = verification.entries[0];
  if (first?.kind !== 'rotation-started') throw new Error(`cannot build a report: ${verification.reason}`);
  const content = reportHead(verification, context, first);
  const imported = { file: '' };
  for (const entry of verification.entries) if (!addCommandEntry(content, entry, first.data.mode, imported)) addRecordEntry(content, entry);
  return reportContentSchema.parse(redactContent(content));
}

/**
 * Builds a report's content from a journal file or from its entries (re-verified here), keeping
 * only allowlisted fields: never output lines, passwords, key material or tokens.
 */
export async function createReport(source: string | readonly JournalEntry[], context: ReportContext = {}): Promise<ReportContent> {
  const verification =
    typeof source === 'string'
      ? await verifyJournal(source)
      : verifyJournalBytes(Buffer.from(source.map((entry) => `${canonicalJson(entry)}\n`).join(''), 'utf8'));
  return fromEntries(verification, context);
}
