/**
 * Command dispatch for `ibmcloud-sim`: argv in, transcript out, exit code back. The `tke` commands are
 * those of IBM's command table (shared/tke/command-table.ts): every row has an implementation here, and
 * names, aliases and help come from the table.
 */
import { commandHelpLines, commandSpec, helpLines, type TkeCommandName } from '../tke/command-table.js';
import { TKE_WORDS } from '../tke/commands.js';
import { FAILED, OK } from '../tke/messages.js';
import { SimFailure, type SimContext } from './context.js';
import {
  cryptounitAdminAdd,
  cryptounitAdminRm,
  cryptounitExitImpr,
  cryptounitThrhldSet,
  cryptounitZeroize,
} from './commands/admin.js';
import { autoInit } from './commands/auto-init.js';
import { autoMkRotate } from './commands/auto-rotate.js';
import { cryptounitCp, enableControlPoint } from './commands/control-points.js';
import { failoverEnable } from './commands/failover.js';
import { cryptounitMkClrcur, cryptounitMkClrnew, cryptounitMkCommit, cryptounitMkLoad } from './commands/keyparts.js';
import {
  cryptounitAdmins,
  cryptounitCompare,
  cryptounitMk,
  cryptounits,
  cryptounitThrhlds,
  mks,
  sigkeys,
} from './commands/listings.js';
import { login, target } from './commands/login.js';
import { autoRecover } from './commands/recover.js';
import { cryptounitMkRotate, cryptounitMkSetimm } from './commands/rotate.js';
import { simVerb } from './commands/sim-verbs.js';
import { changeUnitSelection, mkAdd, mkRm, sigkeyAdd, sigkeyRm, sigkeySel } from './commands/workstation.js';
import { headerLines } from './format.js';
import { usesSigningService } from './signing-service.js';

/** A command's run; lines it returns are printed after `OK` (auto-init's closing lines). */
type TkeCommand = (ctx: SimContext, args: readonly string[]) => Promise<readonly string[] | void>;

function usageError(arg: string): SimFailure {
  return new SimFailure([
    arg.startsWith('-')
      ? `Incorrect Usage: flag provided but not defined: ${arg}`
      : `Incorrect Usage: unexpected argument ${arg}`,
  ]);
}

/** Wrap a command that takes no arguments, rejecting any like the real CLI; the context header first. */
function noArgs(run: (ctx: SimContext) => Promise<readonly string[] | void>, header = true): TkeCommand {
  return async (ctx, args) => {
    const a = args[0];
    if (a !== undefined) throw usageError(a);
    if (header) headerLines(ctx.state.session).forEach((l) => ctx.io.print(l));
    return run(ctx);
  };
}

/**
 * With `TKE_SIGNSERV_URL` set, "the TKE `sigkey` commands don't perform any actions"
 * [hs-crypto: signing-service.md]: the context header and OK, nothing else (what the plug-in prints
 * then is not published).
 */
function unlessSigningService(run: (ctx: SimContext) => Promise<void>): (ctx: SimContext) => Promise<void> {
  return async (ctx) => (usesSigningService(ctx) ? undefined : run(ctx));
}

/** One implementation per row of the command table (`tke` itself is the bare group: help). */
const TKE_COMMANDS: Record<Exclude<TkeCommandName, 'tke' | 'help'>, TkeCommand> = {
  'auto-init': noArgs(autoInit),
  'auto-mk-rotate': noArgs(autoMkRotate),
  'auto-recover': noArgs(autoRecover),
  'cryptounit-add': noArgs((ctx) => changeUnitSelection(ctx, true)),
  'cryptounit-admin-add': noArgs(cryptounitAdminAdd),
  'cryptounit-admin-rm': noArgs(cryptounitAdminRm),
  'cryptounit-admins': noArgs(cryptounitAdmins),
  'cryptounit-compare': noArgs(cryptounitCompare),
  'cryptounit-cp': noArgs(cryptounitCp),
  'cryptounit-cp-btc': noArgs(enableControlPoint('cryptounit-cp-btc', 'XCP_CPB_BTC')),
  'cryptounit-cp-eddsa': noArgs(enableControlPoint('cryptounit-cp-eddsa', 'XCP_CPB_ALG_EC_25519')),
  'cryptounit-cp-sig-other': noArgs(enableControlPoint('cryptounit-cp-sig-other', 'XCP_CPB_ECDSA_OTHER')),
  'cryptounit-exit-impr': noArgs(cryptounitExitImpr),
  'cryptounit-mk': noArgs(cryptounitMk),
  'cryptounit-mk-clrcur': noArgs(cryptounitMkClrcur),
  'cryptounit-mk-clrnew': noArgs(cryptounitMkClrnew),
  'cryptounit-mk-commit': noArgs(cryptounitMkCommit),
  'cryptounit-mk-load': noArgs(cryptounitMkLoad),
  'cryptounit-mk-rotate': noArgs(cryptounitMkRotate),
  'cryptounit-mk-setimm': noArgs(cryptounitMkSetimm),
  'cryptounit-rm': noArgs((ctx) => changeUnitSelection(ctx, false)),
  'cryptounit-thrhld-set': noArgs(cryptounitThrhldSet),
  'cryptounit-thrhlds': noArgs(cryptounitThrhlds),
  'cryptounit-zeroize': noArgs(cryptounitZeroize),
  cryptounits: noArgs(cryptounits),
  // The documented screen prints the context header after its first steps, not before them.
  'failover-enable': noArgs(failoverEnable, false),
  'mk-add': async (ctx, args) => {
    const how = mkAddMode(args);
    headerLines(ctx.state.session).forEach((l) => ctx.io.print(l));
    await mkAdd(ctx, how);
  },
  'mk-rm': noArgs(mkRm),
  mks: noArgs(mks),
  'sigkey-add': noArgs(unlessSigningService(sigkeyAdd)),
  'sigkey-rm': noArgs(unlessSigningService(sigkeyRm)),
  'sigkey-sel': noArgs(unlessSigningService(sigkeySel)),
  sigkeys: noArgs(unlessSigningService(sigkeys)),
};

/**
 * Every word the simulator accepts after `tke`: the names and aliases of the app's command table
 * (shared/tke/commands.ts), which covers IBM's table row for row (test/unit/tke/command-classes.test.ts).
 */
export const TKE_COMMAND_NAMES: readonly string[] = TKE_WORDS;

const USAGE = [
  'Usage: ibmcloud-sim login [--apikey KEY] [-r REGION] [-g GROUP]',
  '       ibmcloud-sim target [-r REGION] [-g GROUP]',
  '       ibmcloud-sim tke COMMAND',
  '       ibmcloud-sim sim reset [--scenario NAME] [--seed N] [--keys N] | status [--json] | scenarios | faults',
  "TKE commands: see 'ibmcloud-sim tke help'",
];

// The arguments are not printed back: a key part typed after --value must not reach the output.
function mkAddMode(args: readonly string[]): 'random' | 'value' {
  if (args.length === 1 && args[0] === '--random') return 'random';
  if (args.length === 1 && args[0] === '--value') return 'value';
  if (args[0] === '--value' || args[0]?.startsWith('--value=')) {
    throw new SimFailure([
      'Incorrect Usage: mk-add --value takes no argument. Type the key part value at the prompt, where it is not shown.',
    ]);
  }
  throw new SimFailure(['Incorrect Usage: mk-add needs --random or --value.']);
}

/** `ibmcloud tke`, `tke help`, `tke h`: the command table; `tke help <command>`: one command. */
function help(ctx: SimContext, args: readonly string[]): void {
  const [topic, extra] = args;
  if (extra !== undefined) throw usageError(extra);
  const spec = topic === undefined ? undefined : commandSpec(topic);
  if (topic !== undefined && (!spec || spec.name === 'tke')) {
    throw new SimFailure([`'${topic}' is not a registered command. See 'ibmcloud tke help'.`]);
  }
  (spec ? commandHelpLines(spec) : helpLines()).forEach((l) => ctx.io.print(l));
}

async function runTke(ctx: SimContext, word: string | undefined, args: readonly string[]): Promise<void> {
  const spec = word === undefined ? commandSpec('help') : commandSpec(word);
  if (spec?.name === 'help') return help(ctx, word === undefined ? [] : args);
  const name = spec?.name as keyof typeof TKE_COMMANDS | 'tke' | undefined;
  const command = name === undefined || name === 'tke' ? undefined : TKE_COMMANDS[name];
  if (!command) throw new SimFailure([`'${word ?? ''}' is not a registered command. See 'ibmcloud tke help'.`]);
  const after = await command(ctx, args);
  ctx.io.print(OK);
  (after ?? []).forEach((l) => ctx.io.print(l));
}

/** Run one invocation against the context; returns the exit code (0 OK, 1 FAILED). ctx.state may be replaced. */
export async function runSim(ctx: SimContext, argv: readonly string[]): Promise<number> {
  const [first, second, ...rest] = argv;
  try {
    if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
      USAGE.forEach((l) => ctx.io.print(l));
    } else if (first === 'login') {
      await login(ctx, argv.slice(1));
    } else if (first === 'target') {
      await target(ctx, argv.slice(1));
    } else if (first === 'tke') {
      await runTke(ctx, second, rest);
    } else if (first === 'sim') {
      await simVerb(ctx, second, rest);
    } else {
      throw new SimFailure([`'${first}' is not a registered command. See 'ibmcloud help'.`]);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof SimFailure)) throw e;
    ctx.io.print(FAILED);
    e.lines.forEach((l) => ctx.io.print(l));
    return 1;
  }
}
