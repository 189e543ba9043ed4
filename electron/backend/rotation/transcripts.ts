/**
 * Rebuilds the classifier's input from journal entries: one transcript per command started (headed
 * by the command line, as a captured terminal would show it, and carrying the exit the app saw), and
 * one per imported file. Register readings are in the transcripts as the listings' own output, in the
 * order they were taken, so the classifier weighs each against what came before and after it.
 */
import type { ClassifyInput, Flow, TranscriptInput } from '../../../shared/classifier/types.js';
import { isMutatingWord } from '../../../shared/tke/commands.js';
import type { JournalEntry } from '../journal/index.js';

/**
 * The end given to a command that changes registers which the app started and never saw finish: the
 * app died while it ran, and with it the command's terminal (a hang-up) or at least its view of the
 * command. Like a kill by a signal, its output cannot tell how far it got, whatever it printed, so
 * the registers are read before anything else.
 */
export const LOST_WITH_APP = 'lost with the app';

function lostEnd(argv: readonly string[]): TranscriptInput['exit'] | undefined {
  const mutating = argv[0] === 'tke' && isMutatingWord(argv[1] ?? '');
  return mutating ? { code: null, signal: LOST_WITH_APP } : undefined;
}

/** Build the classifier input of a rotation from its journal entries. */
export function classifyInputFromJournal(entries: readonly JournalEntry[], flow: Flow | undefined): ClassifyInput {
  const transcripts: TranscriptInput[] = [];
  let current: { file: string; lines: string[]; lost?: TranscriptInput['exit'] } | null = null;
  const close = (exit?: TranscriptInput['exit']) => {
    const end = exit ?? current?.lost;
    if (current) {
      transcripts.push({ file: current.file, text: current.lines.join('\n'), ...(end ? { exit: end } : {}) });
    }
    current = null;
  };
  for (const entry of entries) {
    switch (entry.kind) {
      case 'command-started': {
        // A command started before the last one finished: the app died while it ran (its end unseen).
        close();
        const typed = `ibmcloud ${entry.data.argv.join(' ')}`;
        const lost = lostEnd(entry.data.argv);
        current = { file: `journal#${entry.seq} ${typed}`, lines: [`$ ${typed}`], ...(lost ? { lost } : {}) };
        break;
      }
      case 'output':
        if (current) current.lines.push(entry.data.line);
        else current = { file: `journal#${entry.seq} imported`, lines: [entry.data.line] };
        break;
      case 'command-finished':
        close({ code: entry.data.exitCode, signal: entry.data.signal ?? null });
        break;
      case 'imported-file':
        // One transcript per imported file, named as the file, so evidence cites its own lines.
        close();
        current = {
          file: entry.data.name,
          lines: entry.data.commandLine === undefined ? [] : [entry.data.commandLine],
        };
        break;
      case 'imported-output':
        if (current) current.lines.push(...entry.data.lines);
        break;
      default:
        break;
    }
  }
  close();
  return { transcripts, ...(flow ? { flow } : {}) };
}

/** Imported files that carry a stated command line (their evidence is shifted back by one). */
export function statedImportFiles(entries: readonly JournalEntry[]): Set<string> {
  return new Set(
    entries.flatMap((e) => (e.kind === 'imported-file' && e.data.commandLine !== undefined ? [e.data.name] : [])),
  );
}
