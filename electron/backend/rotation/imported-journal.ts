/**
 * Journal records the rotation service writes for other parts of the app: the pre-check results a
 * rotation starts on, and a manual terminal run adopted as the first entries of a new rotation.
 */
import { hostname, userInfo } from 'node:os';
import { chunkLines } from '../../../shared/analysis/captures.js';
import type { RunFlow } from '../../../shared/classifier/types.js';
import type { UnitRegisters } from '../../../shared/tke/types.js';
import { RotationJournal, type JournalMode } from '../journal/index.js';
import { commandFinished, commandStarted } from './pipeline-entries.js';
/** The pre-check results a rotation starts on, as journaled. */
export interface PrecheckRecord {
  flow: string;
  ranAt: string;
  results: { id: string; status: 'pass' | 'fail' | 'unknown'; summary: string }[];
}

/** One file of a manual terminal run, decoded and cleaned, as `importRun` journals it. */
export interface ImportedRunFile {
  name: string;
  sha256: string;
  bytes: number;
  encoding: string;
  format: string;
  lines: string[];
  commandLine?: string;
}

/** What `importRun` puts in a new journal: the files, then the register reading taken meanwhile. */
export interface ImportedRun {
  flow: RunFlow;
  files: ImportedRunFile[];
  reading?: { argv: string[]; lines: string[]; exitCode: number; units: UnitRegisters[] };
  note: string;
}

/** Create a journal whose first entries are the imported run (marked imported, with each file's SHA-256). */
export async function createImportedJournal(
  dataDir: string,
  run: ImportedRun,
  mode: JournalMode,
): Promise<RotationJournal> {
  const journal = await RotationJournal.create(dataDir, {
    flow: run.flow,
    mode,
    host: hostname(),
    user: userInfo().username,
    imported: { files: run.files.map((f) => ({ name: f.name, sha256: f.sha256 })) },
  });
  for (const f of run.files) {
    await journal.append({
      kind: 'imported-file',
      data: {
        name: f.name,
        sha256: f.sha256,
        bytes: f.bytes,
        encoding: f.encoding,
        format: f.format,
        lineCount: f.lines.length,
        ...(f.commandLine === undefined ? {} : { commandLine: f.commandLine }),
      },
    });
    for (const chunk of chunkLines(f.lines)) await journal.append({ kind: 'imported-output', data: chunk });
  }
  // The reading taken meanwhile, journaled as the pipeline journals any command (pipeline-entries.ts).
  if (run.reading) {
    await journal.append(commandStarted(run.reading.argv, mode));
    if (run.reading.lines.length > 0)
      await journal.appendBatch(run.reading.lines.map((line) => ({ kind: 'output', data: { line, stream: 'pty' } })));
    await journal.append(commandFinished(run.reading.exitCode));
    if (run.reading.units.length > 0) await journal.append({ kind: 'registers', data: { units: run.reading.units } });
  }
  await journal.append({ kind: 'decision', data: { what: run.note } });
  return journal;
}
