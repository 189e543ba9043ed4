/** The open rotation held in memory: its journal entries and what is derived from them. */
import { classify } from '../../../shared/classifier/index.js';
import type { Classification, RunFlow } from '../../../shared/classifier/types.js';
import { initialTimeline, transition, type Timeline, type TimelineEvent } from '../../../shared/rotation/timeline.js';
import { effectiveExitCode, killedBySignal } from '../../../shared/rotation/exit.js';
import type { RotationSnapshot } from '../../../shared/rotation/types.js';
import type { UnitRegisters } from '../../../shared/tke/types.js';
import type { JournalEntry, RotationJournal } from '../journal/index.js';
import { unshiftEvidence } from '../../../shared/analysis/stated-command.js';
import { EVIDENCE_REVIEWED } from '../../../shared/analysis/types.js';
import { classifyInputFromJournal, statedImportFiles } from './transcripts.js';

export class RotationState {
  readonly journal: RotationJournal | null;
  readonly rotationId: string;
  readonly flow: RunFlow | undefined;
  readonly mode: RotationSnapshot['mode'];
  readonly readOnly: boolean;
  readonly entries: JournalEntry[] = [];
  /** Output lines in order (index = position in the log view). */
  readonly outputs: { seq: number; text: string }[] = [];
  timeline: Timeline;
  classification: Classification;
  finished = false;

  /** The workstation signs through a signing service: advice never names sigkey-sel (ClassifyInput). */
  readonly #signingService: boolean;

  constructor(
    journal: RotationJournal | null,
    entries: readonly JournalEntry[],
    readOnly: boolean,
    signingService = false,
  ) {
    this.journal = journal;
    this.#signingService = signingService;
    this.readOnly = readOnly;
    const started = entries.find((e) => e.kind === 'rotation-started');
    const data = started?.kind === 'rotation-started' ? started.data : undefined;
    this.rotationId = data?.rotationId ?? '';
    this.flow = data?.flow === 'auto' || data?.flow === 'keyparts' ? data.flow : undefined;
    this.mode = data?.mode ?? 'demo';
    this.timeline = initialTimeline(this.flow ?? 'auto');
    for (const entry of entries) this.add(entry);
    // A command journaled as started but never as finished died with the app: nothing runs it now.
    if (this.#commandUnfinished()) this.timeline = transition(this.timeline, { kind: 'interrupted' });
    this.classification = this.reclassify();
  }

  get writable(): boolean {
    return this.journal !== null && !this.readOnly && !this.finished;
  }

  /** Take in one journal entry (already durable). */
  add(entry: JournalEntry): void {
    this.entries.push(entry);
    if (entry.kind === 'output') this.outputs.push({ seq: entry.seq, text: entry.data.line });
    if (entry.kind === 'imported-output') {
      const at = Date.parse(entry.time);
      for (const text of entry.data.lines) {
        this.outputs.push({ seq: entry.seq, text });
        this.timeline = transition(this.timeline, { kind: 'line', text, at });
      }
    }
    if (entry.kind === 'rotation-finished') this.finished = true;
    const event = timelineEventOf(entry);
    if (event) this.timeline = transition(this.timeline, event);
  }

  #commandUnfinished(): boolean {
    const started = this.entries.findLastIndex((e) => e.kind === 'command-started');
    return started >= 0 && !this.entries.slice(started).some((e) => e.kind === 'command-finished');
  }

  /** Classify everything journaled so far. */
  reclassify(): Classification {
    const input = { ...classifyInputFromJournal(this.entries, this.flow), signingService: this.#signingService };
    return unshiftEvidence(classify(input), statedImportFiles(this.entries));
  }

  /** True when the journal begins with output imported from a manual run. */
  get imported(): boolean {
    const first = this.entries[0];
    return first?.kind === 'rotation-started' && first.data.imported !== undefined;
  }

  /** An imported rotation whose evidence the administrator has not yet confirmed: nothing mutating may run. */
  get awaitingReview(): boolean {
    return (
      this.imported && !this.entries.some((e) => e.kind === 'decision' && e.data.what.startsWith(EVIDENCE_REVIEWED))
    );
  }

  /** The latest register reading. */
  latestRegisters(): RotationSnapshot['registers'] {
    const entry = this.entries.findLast((e) => e.kind === 'registers');
    return entry?.kind === 'registers'
      ? { seq: entry.seq, at: entry.time, units: entry.data.units as UnitRegisters[] }
      : null;
  }

  /** Output lines of the last command started. */
  lastCommandLines(): { lines: string[]; exitCode: number | null } {
    const start = this.entries.findLastIndex((e) => e.kind === 'command-started');
    const tail = this.entries.slice(start);
    const finished = tail.find((e) => e.kind === 'command-finished');
    return {
      lines: tail.flatMap((e) => (e.kind === 'output' ? [e.data.line] : [])),
      exitCode: finished?.kind === 'command-finished' ? finished.data.exitCode : null,
    };
  }

  snapshot(journalPath: string): RotationSnapshot {
    const started = this.entries.find((e) => e.kind === 'rotation-started');
    return {
      rotationId: this.rotationId,
      flow: this.flow ?? (this.classification.flow === 'smartcard' ? 'keyparts' : this.classification.flow),
      mode: this.mode,
      startedAt: started?.time ?? '',
      finished: this.finished,
      readOnly: this.readOnly,
      classification: this.classification,
      timeline: this.timeline,
      commands: this.#commands(),
      registers: this.latestRegisters(),
      lineCount: this.outputs.length,
      journal: { path: journalPath, entries: this.entries.length, headHash: this.entries.at(-1)?.hash ?? '' },
    };
  }

  #commands(): RotationSnapshot['commands'] {
    const out: RotationSnapshot['commands'] = [];
    for (const e of this.entries) {
      if (e.kind === 'command-started')
        out.push({ seq: e.seq, command: `ibmcloud ${e.data.argv.join(' ')}`, at: e.time, exitCode: null });
      else if (e.kind === 'command-finished') {
        const last = out.at(-1);
        if (last) last.exitCode = effectiveExitCode(e.data.exitCode, e.data.signal);
      }
    }
    return out;
  }
}

function timelineEventOf(entry: JournalEntry): TimelineEvent | null {
  const at = Date.parse(entry.time);
  switch (entry.kind) {
    case 'command-started':
      return { kind: 'command-started', argv: entry.data.argv, at };
    case 'output':
      return { kind: 'line', text: entry.data.line, at };
    case 'command-finished':
      // Killed by a signal (a crash): the step did not end, it was interrupted.
      return killedBySignal(entry.data.signal)
        ? { kind: 'interrupted' }
        : { kind: 'command-finished', exitCode: entry.data.exitCode };
    default:
      return null;
  }
}
