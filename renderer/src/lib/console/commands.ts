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
 * True for the line that closes a failed command (`FAILED`, shared/tke/messages.ts), as the same
 * recogniser finds it for the classifier: the log highlights it like a milestone.
 */
export function isFailedLine(text: string): boolean {
  return recogniseSegments(text).some((r) => r.event?.kind === 'failed');
}

/** A command of the open rotation as the log shows it: its journal entry and its typed form. */
export interface LoggedCommand {
  seq: number;
  command: string;
}

/**
 * The commands whose separator line (`$ ibmcloud …`) goes before the log line at `index`: those
 * started after the previous line's journal entry and before this line's (usually one; none within
 * a command's output). `commands` is ascending by seq, as the rotation snapshot lists them; the
 * typed command is the argv the app ran, which never holds a secret (answers go to prompts).
 */
export function commandsBefore(index: number, seqs: readonly number[], commands: readonly LoggedCommand[]): string[] {
  const seq = seqs[index];
  if (seq === undefined || seq <= 0) return [];
  const previous = index > 0 ? (seqs[index - 1] ?? 0) : 0;
  return commands.filter((c) => c.seq > previous && c.seq < seq).map((c) => c.command);
}

/**
 * The 1-based log line an evidence position points to. Evidence files are named
 * `journal#<seq> <command>` with line 1 = the command line (the log's `$ ibmcloud …` separator,
 * shown with the command's first output line) and line 2 = its first output line; `seqs` holds the
 * journal entry of every log line, ascending.
 */
export function logLineOf(file: string, line: number, seqs: readonly number[]): number | null {
  const m = /^journal#(\d+) ibmcloud /.exec(file);
  if (!m || line < 1) return null;
  const started = Number(m[1]);
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((seqs[mid] ?? 0) <= started) lo = mid + 1;
    else hi = mid;
  }
  const index = lo + Math.max(line, 2) - 2;
  return index < seqs.length ? index + 1 : null;
}
