/**
 * The app's one table of TKE commands: for every command of IBM's table (shared/tke/command-table.ts,
 * the documentary source), how the app treats it. Everything that asks "is this command mutating,
 * read-only, run by the app, offered in the console, refused after what" derives from this table:
 * the backend's allowlist and interlocks, the journal's reading of a lost command, the classifier's
 * forbidden lists, the console's menu and the simulator's command list. docs/tke-commands.md carries
 * the same table, generated from it (scripts/gen-command-docs.js); a test keeps them equal.
 * The row type is in command-row.ts and the rows in the three commands-*.ts parts; this module
 * assembles them and derives the lists.
 */
import type { TkeCommandRow } from './command-row.js';
import { LISTING_COMMANDS } from './commands-listings.js';
import { OTHER_MUTATING_COMMANDS } from './commands-other-mutating.js';
import { REGISTER_COMMANDS } from './commands-registers.js';

export { REFUSAL_CONDITIONS, type RefusalCondition, type RefusalReasonId } from './refusals.js';
export type { AppUse, CommandClass, FlowUse, RefusalRule, TkeCommandRow } from './command-row.js';

/**
 * Listings and selection first (the console's menu order), then the mutating commands in the order
 * the interlock table (test/unit/backend/interlocks/expected-table.ts) and the indeterminate
 * refusal list name them: the register commands, then IBM's other commands that change a unit.
 */
export const TKE_COMMANDS = [
  ...LISTING_COMMANDS,
  ...REGISTER_COMMANDS,
  ...OTHER_MUTATING_COMMANDS,
] as const satisfies readonly TkeCommandRow[];

type Row = (typeof TKE_COMMANDS)[number];
type MutatingRow = Extract<Row, { class: 'mutating' }>;
type AppRow = Exclude<Row, { use: 'none' }>;
type ReadOnlyAppRow = Extract<AppRow, { class: 'read-only' }>;

/** A mutating command's name or alias. */
export type MutatingCommand = MutatingRow['name'] | MutatingRow['aliases'][number];
/** A name or alias of a command the backend runs. */
export type AppTkeCommand = AppRow['name'] | AppRow['aliases'][number];

const words = (row: TkeCommandRow): string[] => [row.name, ...row.aliases];

/** The row of a name or alias, exactly as written; undefined when unknown. */
export function tkeCommand(word: string): TkeCommandRow | undefined {
  return (TKE_COMMANDS as readonly TkeCommandRow[]).find((row) => row.name === word || row.aliases.includes(word));
}

/** Every name and alias the table knows, in table order. */
export const TKE_WORDS: readonly string[] = TKE_COMMANDS.flatMap(words);

/** Every name and alias of a mutating command, each name followed by its aliases, in table order. */
export const MUTATING_COMMANDS = TKE_COMMANDS.filter((r): r is MutatingRow => r.class === 'mutating').flatMap(
  (r) => words(r) as MutatingCommand[],
);

/** Each alias of a mutating command and the name the app uses for it (`auto-recover` → `auto-mk-recover`). */
export const MUTATING_ALIASES: Readonly<Record<string, MutatingCommand>> = Object.fromEntries(
  TKE_COMMANDS.filter((r): r is MutatingRow => r.class === 'mutating').flatMap((r) =>
    r.aliases.map((a) => [a, r.name]),
  ),
);

/** The words the backend runs a row under: its name, and its aliases when it runs them too. */
const runWords = (row: TkeCommandRow): string[] => (row.runsAliases === true ? words(row) : [row.name]);

/** The TKE subcommands the app runs (names, and the aliases it runs); the backend refuses any other. */
export const APP_TKE_COMMANDS = TKE_COMMANDS.filter((r): r is AppRow => r.use !== 'none').flatMap(
  (r) => runWords(r) as AppTkeCommand[],
);

/** The listings the app runs that change nothing: allowed for pre-checks and the overview at any time. */
export const READ_ONLY_COMMANDS: ReadonlySet<string> = new Set(
  TKE_COMMANDS.filter((r): r is ReadOnlyAppRow => r.use !== 'none' && r.class === 'read-only').flatMap(runWords),
);

/** The commands the console's "Run another command" offers, by name, in table order. */
export const MENU_COMMANDS: readonly string[] = TKE_COMMANDS.filter((r) => r.use === 'menu').map((r) => r.name);

/** True when the word (a name or alias, exactly as written) is a mutating command. */
export function isMutatingWord(word: string): boolean {
  return tkeCommand(word)?.class === 'mutating';
}
