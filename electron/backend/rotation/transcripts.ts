/**
 * Rebuilds the classifier's input from journal entries: one transcript per command started (headed
 * by the command line, as a captured terminal would show it), plus the latest register reading
 * when it is newer than the last command that could change registers.
 */
import type { ClassifyInput, Flow, TranscriptInput } from '../../../shared/classifier/types.js';
import type { UnitRegisters } from '../../../shared/tke/types.js';
import type { JournalEntry } from '../journal/index.js';
import { isMutating } from './interlocks.js';

const SELECTION = new Set(['cryptounit-rm', 'cryptounit-add']);

/** Build the classifier input of a rotation from its journal entries. */
export function classifyInputFromJournal(entries: readonly JournalEntry[], flow: Flow | undefined): ClassifyInput {
  const transcripts: TranscriptInput[] = [];
  let current: { file: string; lines: string[] } | null = null;
  let registers: UnitRegisters[] | undefined;
  let registersSeq = 0;
  const close = () => {
    if (current) transcripts.push({ file: current.file, text: current.lines.join('\n') });
    current = null;
  };
  for (const entry of entries) {
    switch (entry.kind) {
      case 'command-started': {
        close();
        const typed = `ibmcloud ${entry.data.argv.join(' ')}`;
        current = { file: `journal#${entry.seq} ${typed}`, lines: [`$ ${typed}`] };
        // A reading lists the selected units only, so a selection change makes it stale too.
        if (isMutating(entry.data.argv) || SELECTION.has(entry.data.argv[1] ?? '')) registers = undefined;
        break;
      }
      case 'output':
        if (current) current.lines.push(entry.data.line);
        else current = { file: `journal#${entry.seq} imported`, lines: [entry.data.line] };
        break;
      case 'command-finished':
        close();
        break;
      case 'imported-file':
        // One transcript per imported file, named as the file, so evidence cites its own lines.
        close();
        current = { file: entry.data.name, lines: entry.data.commandLine === undefined ? [] : [entry.data.commandLine] };
        break;
      case 'imported-output':
        if (current) current.lines.push(...entry.data.lines);
        break;
      case 'registers':
        registers = entry.data.units;
        registersSeq = entry.seq;
        break;
      default:
        break;
    }
  }
  close();
  return {
    transcripts,
    ...(flow ? { flow } : {}),
    ...(registers ? { registers, registersFile: `journal#${registersSeq} registers` } : {}),
  };
}

/** Imported files that carry a stated command line (their evidence is shifted back by one). */
export function statedImportFiles(entries: readonly JournalEntry[]): Set<string> {
  return new Set(entries.flatMap((e) => (e.kind === 'imported-file' && e.data.commandLine !== undefined ? [e.data.name] : [])));
}
