/**
 * The app's one table of TKE commands: for every command of IBM's table (shared/tke/command-table.ts,
 * the documentary source), how the app treats it. Everything that asks "is this command mutating,
 * read-only, run by the app, offered in the console, refused after what" derives from this table:
 * the backend's allowlist and interlocks, the journal's reading of a lost command, the classifier's
 * forbidden lists, the console's menu and the simulator's command list. docs/tke-commands.md carries
 * the same table, generated from it (scripts/gen-command-docs.js); a test keeps them equal.
 */
import type { RefusalCondition, RefusalReasonId } from './refusals.js';

export { REFUSAL_CONDITIONS, type RefusalCondition, type RefusalReasonId } from './refusals.js';

/**
 * `mutating`: changes a crypto unit (registers, administrators, thresholds, control points), key
 * storage or the instance's units, or deletes a key file; `workstation`: changes only the
 * workstation's selection or adds key files; `read-only`: changes nothing.
 */
export type CommandClass = 'mutating' | 'workstation' | 'read-only';
/** The rotation flows that use a command: `auto-mk-rotate` (recovery crypto units), `key parts`, both or none. */
export type FlowUse = 'auto-mk-rotate' | 'key parts' | 'both' | 'none';
/** `menu`: the backend runs it and the console offers it; `app`: the backend runs it, not offered; `none`: refused. */
export type AppUse = 'menu' | 'app' | 'none';

/** After this condition the classifier refuses the command, for this reason (docs/classifier.md). */
export interface RefusalRule {
  readonly when: RefusalCondition;
  readonly why: RefusalReasonId;
}

export interface TkeCommandRow {
  /** The name the app uses (IBM's table calls `auto-mk-recover` `auto-recover`: an alias here). */
  readonly name: string;
  readonly aliases: readonly string[];
  readonly class: CommandClass;
  readonly flows: FlowUse;
  readonly use: AppUse;
  /** The backend also runs the command under its aliases (else only under its name). */
  readonly runsAliases?: boolean;
  /** Needs signatures from the selected signature keys (`sigkey-sel`) on a unit out of imprint mode. */
  readonly signatureKeys: boolean;
  /** `cryptounit-mk-setimm`: in the phases where only promotion remains, it runs after a fresh register reading passes. */
  readonly readRegistersFirst?: boolean;
  /** When the command becomes destructive (refused), in addition to an indeterminate state for every mutating one. */
  readonly destructiveAfter: readonly RefusalRule[];
}

const rule = (when: RefusalCondition, why: RefusalReasonId): RefusalRule => ({ when, why });
const SIGNERS = [rule('rewrap-begun', 'signers')] as const;
const NEVER: readonly RefusalRule[] = [];

/**
 * Listings and selection first (the console's menu order), then the mutating commands in the order
 * the interlock table (test/unit/backend/interlocks/expected-table.ts) and the indeterminate
 * refusal list name them: the register commands, then IBM's other commands that change a unit.
 */
export const TKE_COMMANDS = [
  {
    name: 'cryptounits',
    aliases: [],
    class: 'read-only',
    flows: 'both',
    use: 'menu',
    signatureKeys: false,
    destructiveAfter: NEVER,
  },
  {
    name: 'cryptounit-compare',
    aliases: [],
    class: 'read-only',
    flows: 'both',
    use: 'menu',
    signatureKeys: false,
    destructiveAfter: NEVER,
  },
  {
    name: 'cryptounit-mk',
    aliases: ['cryptounit-mks'],
    class: 'read-only',
    flows: 'both',
    use: 'menu',
    runsAliases: true,
    signatureKeys: false,
    destructiveAfter: NEVER,
  },
  {
    name: 'cryptounit-thrhlds',
    aliases: [],
    class: 'read-only',
    flows: 'both',
    use: 'menu',
    signatureKeys: false,
    destructiveAfter: NEVER,
  },
  {
    name: 'cryptounit-admins',
    aliases: [],
    class: 'read-only',
    flows: 'both',
    use: 'menu',
    signatureKeys: false,
    destructiveAfter: NEVER,
  },
  {
    name: 'sigkeys',
    aliases: [],
    class: 'read-only',
    flows: 'both',
    use: 'menu',
    signatureKeys: false,
    destructiveAfter: NEVER,
  },
  {
    name: 'sigkey-sel',
    aliases: [],
    class: 'workstation',
    flows: 'both',
    use: 'menu',
    signatureKeys: false,
    destructiveAfter: NEVER,
  },
  {
    name: 'mks',
    aliases: [],
    class: 'read-only',
    flows: 'key parts',
    use: 'app',
    signatureKeys: false,
    destructiveAfter: NEVER,
  },
  {
    name: 'mk-add',
    aliases: [],
    class: 'workstation',
    flows: 'key parts',
    use: 'app',
    signatureKeys: false,
    destructiveAfter: NEVER,
  },
  {
    name: 'cryptounit-add',
    aliases: [],
    class: 'workstation',
    flows: 'both',
    use: 'menu',
    signatureKeys: false,
    destructiveAfter: NEVER,
  },
  {
    name: 'cryptounit-rm',
    aliases: [],
    class: 'workstation',
    flows: 'both',
    use: 'menu',
    signatureKeys: false,
    destructiveAfter: NEVER,
  },
  {
    name: 'sigkey-add',
    aliases: [],
    class: 'workstation',
    flows: 'none',
    use: 'none',
    signatureKeys: false,
    destructiveAfter: NEVER,
  },
  {
    name: 'help',
    aliases: ['h'],
    class: 'read-only',
    flows: 'none',
    use: 'none',
    signatureKeys: false,
    destructiveAfter: NEVER,
  },
  {
    name: 'auto-mk-rotate',
    aliases: [],
    class: 'mutating',
    flows: 'auto-mk-rotate',
    use: 'menu',
    signatureKeys: true,
    destructiveAfter: [
      rule('M1', 'autoAfterM1'),
      rule('rewrap-printed', 'autoAfterStart'),
      rule('auto-unsupported', 'unsupported'),
      rule('lost-current', 'lostCurrent'),
      rule('rewrap-may-have-begun', 'autoAfterStart'),
      rule('unexplained-new-registers', 'autoOverLoaded'),
    ],
  },
  {
    name: 'cryptounit-mk-load',
    aliases: [],
    class: 'mutating',
    flows: 'key parts',
    use: 'menu',
    signatureKeys: true,
    destructiveAfter: [rule('lost-current', 'lostCurrent'), rule('rewrap-may-have-begun', 'load')],
  },
  {
    name: 'cryptounit-mk-commit',
    aliases: [],
    class: 'mutating',
    flows: 'key parts',
    use: 'menu',
    signatureKeys: true,
    destructiveAfter: [rule('rewrap-begun', 'commit')],
  },
  {
    name: 'cryptounit-mk-rotate',
    aliases: [],
    class: 'mutating',
    flows: 'both',
    use: 'menu',
    signatureKeys: true,
    destructiveAfter: [rule('M2', 'rotateAfterM2')],
  },
  {
    name: 'cryptounit-mk-setimm',
    aliases: [],
    class: 'mutating',
    flows: 'both',
    use: 'menu',
    signatureKeys: true,
    readRegistersFirst: true,
    destructiveAfter: [rule('before-M2', 'setimmBeforeM2')],
  },
  {
    name: 'cryptounit-mk-clrnew',
    aliases: [],
    class: 'mutating',
    flows: 'key parts',
    use: 'menu',
    signatureKeys: true,
    destructiveAfter: [rule('rewrap-may-have-begun', 'clrnew')],
  },
  {
    name: 'cryptounit-mk-clrcur',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: true,
    destructiveAfter: [rule('rewrap-may-have-begun', 'clrcur')],
  },
  {
    name: 'cryptounit-zeroize',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: true,
    destructiveAfter: [rule('rewrap-may-have-begun', 'zeroize')],
  },
  {
    name: 'auto-init',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: false,
    destructiveAfter: [rule('rewrap-may-have-begun', 'autoInit')],
  },
  {
    name: 'auto-mk-recover',
    aliases: ['auto-recover'],
    class: 'mutating',
    flows: 'auto-mk-rotate',
    use: 'menu',
    signatureKeys: true,
    destructiveAfter: [rule('rewrap-may-have-begun', 'recover')],
  },
  {
    name: 'cryptounit-admin-add',
    aliases: [],
    class: 'mutating',
    flows: 'both',
    use: 'menu',
    signatureKeys: true,
    destructiveAfter: NEVER,
  },
  {
    name: 'cryptounit-admin-rm',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: true,
    destructiveAfter: SIGNERS,
  },
  {
    name: 'cryptounit-thrhld-set',
    aliases: [],
    class: 'mutating',
    flows: 'both',
    use: 'menu',
    signatureKeys: true,
    destructiveAfter: SIGNERS,
  },
  {
    name: 'cryptounit-exit-impr',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: true,
    destructiveAfter: SIGNERS,
  },
  {
    name: 'cryptounit-cp',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: true,
    destructiveAfter: NEVER,
  },
  {
    name: 'cryptounit-cp-btc',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: true,
    destructiveAfter: NEVER,
  },
  {
    name: 'cryptounit-cp-eddsa',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: true,
    destructiveAfter: NEVER,
  },
  {
    name: 'cryptounit-cp-sig-other',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: true,
    destructiveAfter: NEVER,
  },
  {
    name: 'failover-enable',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: false,
    destructiveAfter: [rule('rewrap-begun', 'failover')],
  },
  {
    name: 'mk-rm',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: false,
    destructiveAfter: [rule('rewrap-begun', 'mkRm')],
  },
  {
    name: 'sigkey-rm',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: false,
    destructiveAfter: SIGNERS,
  },
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
