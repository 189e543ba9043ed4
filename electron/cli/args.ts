/**
 * The one argument parser of the command line (mkra classify, verify, twin, serve): `node:util`
 * `parseArgs` splits the arguments, and every problem (an unknown option, a missing value, a value
 * given to a flag, input the command cannot use) is a `UsageError`, printed one way by
 * `printUsageError`: one line on stderr, exit 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** The command cannot run as invoked (bad arguments or unusable input): one line on stderr, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Print `error` as every command does (`<prefix>: <message on one line>`); returns the exit code 2. */
export function printUsageError(prefix: string, error: UsageError, stderr: (s: string) => void): 2 {
  stderr(`${prefix}: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
  return 2;
}

type Values<O extends ParseArgsOptionsConfig> = {
  [K in keyof O]?: O[K]['type'] extends 'string' ? (O[K]['multiple'] extends true ? string[] : string) : boolean;
};

/**
 * Parse `argv` against `options`; `usage` ends each message. A string option takes the next
 * argument as its value (`--flow --json` gives `--flow` the value `--json`, which the command then
 * refuses), or `--name=value`; `--` ends the options. `unknown` words the message for an unknown option.
 */
export function parseCommand<O extends ParseArgsOptionsConfig>(
  argv: readonly string[],
  options: O,
  usage: string,
  unknown: (option: string) => string = (option) => `unknown option ${option}`,
): { values: Values<O>; positionals: string[] } {
  const parsed = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (spec === undefined) throw new UsageError(`${unknown(token.rawName)}. ${usage}`);
    if (spec.type === 'string' && (token.value === undefined || token.value === '')) {
      throw new UsageError(`${token.rawName} needs a value. ${usage}`);
    }
    if (spec.type === 'boolean' && token.inlineValue) throw new UsageError(`${token.rawName} takes no value. ${usage}`);
  }
  // Every option is known and each has a value of its declared type: the loose result is the typed one.
  return { values: parsed.values as Values<O>, positionals: parsed.positionals };
}

/** Parse a `--port` value: an integer 0..65535 (0 = any free port). */
export function parsePort(value: string | undefined): number {
  if (value === undefined || !/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UsageError(
      `--port needs a number from 0 to 65535, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`,
    );
  }
  return Number(value);
}
