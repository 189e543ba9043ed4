/**
 * Commands as the console runs them: the classifier's advice carries the argv the app runs
 * (`['tke', 'cryptounit-mk-rotate']`); the console shows it as typed (`ibmcloud tke ...`) and sends the
 * same argv back, never parsing a typed command.
 */
import type { Advice } from '../../../../shared/classifier/types.js';
import { recogniseSegments } from '../../../../shared/parse/recognise.js';
import { MENU_COMMANDS } from '../../../../shared/tke/commands.js';

/** The TKE subcommands offered by "Run another command" (the command table's menu commands). */
export const KNOWN_TKE_COMMANDS: readonly string[] = MENU_COMMANDS;

/** The command as the user would type it: `ibmcloud` and the argv, or the step as written when the app does not run it. */
export function shownCommand(advice: Pick<Advice, 'command' | 'argv'>): string {
  return advice.argv === null ? advice.command : `ibmcloud ${advice.argv.join(' ')}`;
}

/** The argv of a TKE subcommand (`['tke', sub]`). */
export function tkeArgv(sub: string): string[] {
  return ['tke', sub];
}

/** The command the flow starts with when nothing has run yet. */
export function firstArgvOf(flow: 'auto' | 'keyparts'): string[] {
  return tkeArgv(flow === 'auto' ? 'auto-mk-rotate' : 'cryptounit-mk-load');
}

/** The subcommand of an advice (`cryptounit-rm`, `login`), used to pick translated explanations; '' when the app does not run it. */
export function subcommandOf(advice: Pick<Advice, 'argv'>): string {
  const argv = advice.argv ?? [];
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
