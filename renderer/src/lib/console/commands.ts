/**
 * Commands as the console runs them: the classifier advises typed commands
 * (`ibmcloud tke cryptounit-mk-rotate`), the backend takes argv (`['tke', 'cryptounit-mk-rotate']`).
 */
import { recogniseSegments } from '../../../../shared/parse/recognise.js';
import { APP_TKE_COMMANDS } from '../../../../shared/tke/commands.js';

/** The TKE subcommands offered by "Run another command": all the backend runs but key-file creation. */
export const KNOWN_TKE_COMMANDS = APP_TKE_COMMANDS.filter((c) => c !== 'mk-add' && c !== 'mks' && c !== 'cryptounit-mk');

/** Turn an advised command into argv: drop the leading `ibmcloud`, split on spaces. */
export function argvOf(command: string): string[] {
  const words = command.trim().split(/\s+/).filter(Boolean);
  return words[0] === 'ibmcloud' ? words.slice(1) : words;
}

/** The command the flow starts with when nothing has run yet. */
export function firstCommandOf(flow: 'auto' | 'keyparts'): string {
  return flow === 'auto' ? 'ibmcloud tke auto-mk-rotate' : 'ibmcloud tke cryptounit-mk-load';
}

/** The subcommand of a typed command (`cryptounit-rm`), used to pick translated explanations. */
export function subcommandOf(command: string): string {
  const argv = argvOf(command);
  return argv[0] === 'tke' ? (argv[1] ?? '') : (argv[0] ?? '');
}

export type LogMilestone = 'M1' | 'M2' | 'completed';

/** The milestone a log line is, if any (the same recogniser the backend and classifier use). */
export function milestoneOf(text: string): LogMilestone | null {
  const m = recogniseSegments(text).find((r) => r.milestone !== undefined)?.milestone;
  if (m === 'M1' || m === 'M2') return m;
  if (m === 'completed' || m === 'smartcard-successful') return 'completed';
  return null;
}

/**
 * The 1-based log line an evidence position points to. Evidence files are named
 * `journal#<seq> <command>` with line 1 = the command line and line 2 = its first output line;
 * `seqs` holds the journal entry of every log line, ascending.
 */
export function logLineOf(file: string, line: number, seqs: readonly number[]): number | null {
  const m = /^journal#(\d+) ibmcloud /.exec(file);
  if (!m || line < 2) return null;
  const started = Number(m[1]);
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((seqs[mid] ?? 0) <= started) lo = mid + 1;
    else hi = mid;
  }
  const index = lo + line - 2;
  return index < seqs.length ? index + 1 : null;
}
