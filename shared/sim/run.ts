/** Command dispatch for `ibmcloud-sim`: argv in, transcript out, exit code back. */
import { FAILED, OK } from '../tke/messages.js';
import { SimFailure, type SimContext } from './context.js';
import { autoMkRotate } from './commands/auto-rotate.js';
import { cryptounitMkClrnew, cryptounitMkCommit, cryptounitMkLoad } from './commands/keyparts.js';
import {
  cryptounitAdmins,
  cryptounitCompare,
  cryptounitMk,
  cryptounits,
  cryptounitThrhlds,
  mks,
  sigkeys,
} from './commands/listings.js';
import { login } from './commands/login.js';
import { cryptounitMkRotate, cryptounitMkSetimm } from './commands/rotate.js';
import { simVerb } from './commands/sim-verbs.js';
import { changeUnitSelection, mkAdd, sigkeyAdd, sigkeySel } from './commands/workstation.js';
import { headerLines } from './format.js';

type TkeCommand = (ctx: SimContext, args: readonly string[]) => Promise<void>;

/** Wrap a command that takes no arguments, rejecting any like the real CLI. */
function noArgs(run: (ctx: SimContext) => Promise<void>): TkeCommand {
  return async (ctx, args) => {
    const a = args[0];
    if (a !== undefined) {
      throw new SimFailure([
        a.startsWith('-') ? `Incorrect Usage: flag provided but not defined: ${a}` : `Incorrect Usage: unexpected argument ${a}`,
      ]);
    }
    headerLines(ctx.state.session).forEach((l) => ctx.io.print(l));
    await run(ctx);
  };
}

const TKE_COMMANDS: Record<string, TkeCommand> = {
  cryptounits: noArgs(cryptounits),
  'cryptounit-add': noArgs((ctx) => changeUnitSelection(ctx, true)),
  'cryptounit-rm': noArgs((ctx) => changeUnitSelection(ctx, false)),
  'cryptounit-compare': noArgs(cryptounitCompare),
  'cryptounit-mk': noArgs(cryptounitMk),
  'cryptounit-mks': noArgs(cryptounitMk),
  'cryptounit-thrhlds': noArgs(cryptounitThrhlds),
  'cryptounit-admins': noArgs(cryptounitAdmins),
  sigkeys: noArgs(sigkeys),
  'sigkey-sel': noArgs(sigkeySel),
  'sigkey-add': noArgs(sigkeyAdd),
  mks: noArgs(mks),
  'mk-add': async (ctx, args) => {
    const how = mkAddMode(args);
    headerLines(ctx.state.session).forEach((l) => ctx.io.print(l));
    await mkAdd(ctx, how);
  },
  'cryptounit-mk-load': noArgs(cryptounitMkLoad),
  'cryptounit-mk-commit': noArgs(cryptounitMkCommit),
  'cryptounit-mk-rotate': noArgs(cryptounitMkRotate),
  'cryptounit-mk-setimm': noArgs(cryptounitMkSetimm),
  'cryptounit-mk-clrnew': noArgs(cryptounitMkClrnew),
  'auto-mk-rotate': noArgs(autoMkRotate),
};

/** Every `tke` sub-command the simulator implements. */
export const TKE_COMMAND_NAMES = Object.keys(TKE_COMMANDS);

const USAGE = [
  'Usage: ibmcloud-sim login [--apikey KEY] [-r REGION] [-g GROUP]',
  '       ibmcloud-sim tke COMMAND',
  '       ibmcloud-sim sim reset [--scenario NAME] [--seed N] [--keys N] | status [--json] | scenarios | faults',
  `TKE commands: ${TKE_COMMAND_NAMES.join(', ')}`,
];

// The arguments are not printed back: a key part typed after --value must not reach the output.
function mkAddMode(args: readonly string[]): 'random' | 'value' {
  if (args.length === 1 && args[0] === '--random') return 'random';
  if (args.length === 1 && args[0] === '--value') return 'value';
  if (args[0] === '--value' || args[0]?.startsWith('--value=')) {
    throw new SimFailure(['Incorrect Usage: mk-add --value takes no argument. Type the key part value at the prompt, where it is not shown.']);
  }
  throw new SimFailure(['Incorrect Usage: mk-add needs --random or --value.']);
}

async function runTke(ctx: SimContext, name: string | undefined, args: readonly string[]): Promise<void> {
  const command = name === undefined ? undefined : TKE_COMMANDS[name];
  if (name === undefined || !command) {
    throw new SimFailure([`'${name ?? ''}' is not a registered command. See 'ibmcloud tke help'.`]);
  }
  await command(ctx, args);
  ctx.io.print(OK);
}

/** Run one invocation against the context; returns the exit code (0 OK, 1 FAILED). ctx.state may be replaced. */
export async function runSim(ctx: SimContext, argv: readonly string[]): Promise<number> {
  const [first, second, ...rest] = argv;
  try {
    if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
      USAGE.forEach((l) => ctx.io.print(l));
    } else if (first === 'login') {
      await login(ctx, argv.slice(1));
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
