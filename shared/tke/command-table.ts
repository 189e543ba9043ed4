/**
 * IBM's TKE CLI command table [hs-crypto: hs-crypto-cli.md], one row per command in the table's order,
 * with what each changes, the signatures it needs and its prompts in order (docs/tke-commands.md).
 * The simulator's command list and help, and what the rest of the product asks about a command
 * (`isMutating`), are derived from it.
 */
import { COMMAND_ROWS_1 } from './command-rows-1.js';
import { COMMAND_ROWS_2 } from './command-rows-2.js';
import type { CommandSpec } from './command-spec.js';
import { INFERRED_LINES } from './catalogue-inferred.js';

export type { CommandChange, CommandSpec, PromptSpec, SignatureSpec } from './command-spec.js';

export const COMMAND_TABLE = [...COMMAND_ROWS_1, ...COMMAND_ROWS_2] as const satisfies readonly CommandSpec[];

type Row = (typeof COMMAND_TABLE)[number];
/** A command's name in IBM's table (`tke` is the bare command group). */
export type TkeCommandName = Row['name'];
/** A name a user may type after `ibmcloud tke`: a table name or an alias. */
export type TkeCommandWord = Exclude<TkeCommandName, 'tke'> | Row['aliases'][number];

/** Every word the simulator accepts after `ibmcloud tke`, names then aliases, in table order. */
export const TKE_COMMAND_WORDS: readonly TkeCommandWord[] = COMMAND_TABLE.flatMap((row): TkeCommandWord[] =>
  row.name === 'tke' ? [] : [row.name, ...row.aliases],
);

/** The row of a name or alias (`auto-mk-recover` gives `auto-recover`); undefined when unknown. */
export function commandSpec(word: string): CommandSpec | undefined {
  return COMMAND_TABLE.find((row) => row.name === word || (row.aliases as readonly string[]).includes(word));
}

/**
 * True when a command changes a crypto unit (administrators, thresholds, control points, registers),
 * key storage or the instance's units, or deletes a key file from the workstation.
 */
export function changesState(spec: CommandSpec): boolean {
  const changing = spec.changes.some((c) => c === 'hardware' || c === 'key storage' || c === 'assignment');
  return changing || spec.deletesFiles === true;
}

/** `changesState` by name or alias; false for an unknown word. */
export function isMutating(word: string): boolean {
  const spec = commandSpec(word);
  return spec !== undefined && changesState(spec);
}

/** Every name and alias of a command that changes state, in table order. */
export const MUTATING_WORDS: readonly string[] = COMMAND_TABLE.filter(changesState).flatMap((row) => [
  row.name,
  ...row.aliases,
]);

const INDENT = '   ';

function label(spec: CommandSpec): string {
  return [spec.name, ...spec.aliases].join(', ');
}

/** `ibmcloud tke`, `tke help`, `tke h`: the command table (layout inferred: INFERRED_LINES.helpUsage). */
export function helpLines(): string[] {
  const group = COMMAND_TABLE.find((r) => r.name === 'tke');
  const rows = COMMAND_TABLE.filter((r) => r.name !== 'tke');
  const width = Math.max(...rows.map((r) => label(r).length)) + 3;
  return [
    'NAME:',
    `${INDENT}tke - ${group?.description ?? ''}`,
    '',
    INFERRED_LINES.helpUsage.text,
    `${INDENT}ibmcloud tke command [arguments...]`,
    '',
    'COMMANDS:',
    ...rows.map((r) => `${INDENT}${label(r).padEnd(width)}${r.description}`),
    '',
    "Enter 'ibmcloud tke help [command]' for more information about a command.",
  ];
}

/** `ibmcloud tke help <command>`: one command's name, description and usage. */
export function commandHelpLines(spec: CommandSpec): string[] {
  const usage = `ibmcloud tke ${spec.name}${spec.usage === undefined ? '' : ` ${spec.usage}`}`;
  const name = `${INDENT}${label(spec)} - ${spec.description}`;
  return ['NAME:', name, '', INFERRED_LINES.helpUsage.text, `${INDENT}${usage}`];
}
