/** Commands exactly as a user types them. */
import { PRIVATE_ADDR_ENV, privateEndpoint } from '../tke/endpoints.js';
import { MUTATING_COMMANDS, type MutatingCommand } from '../tke/commands.js';
import type { Advice, AdviceStep } from './types.js';

/** `ibmcloud tke <sub>` for a TKE subcommand. */
export function tke(sub: string): string {
  return `ibmcloud tke ${sub}`;
}

export const LOGIN = 'ibmcloud login';
export const AUTO_MK_ROTATE = tke('auto-mk-rotate');
export const MK_ROTATE = tke('cryptounit-mk-rotate');
export const MK_SETIMM = tke('cryptounit-mk-setimm');
export const MK_CLRNEW = tke('cryptounit-mk-clrnew');
export const MK_LOAD = tke('cryptounit-mk-load');
export const MK_COMMIT = tke('cryptounit-mk-commit');
/** The register listing, by its name in IBM's command table (the troubleshooting pages say `cryptounit-mks`). */
export const READ_REGISTERS = tke('cryptounit-mk');
export const UNIT_RM = tke('cryptounit-rm');
export const UNIT_ADD = tke('cryptounit-add');
export const COMPARE = tke('cryptounit-compare');
export const SIGKEY_SEL = tke('sigkey-sel');
export const ADMIN_ADD = tke('cryptounit-admin-add');
export const THRESHOLD_SET = tke('cryptounit-thrhld-set');
/** Copies the current master key from a recovery crypto unit (IBM's recover page; `auto-recover` in the command table). */
export const AUTO_MK_RECOVER = tke('auto-mk-recover');
/** Targeting, as IBM's troubleshooting page writes it (placeholders for the user's region and group). */
export const TARGET = 'ibmcloud target -r <region> -g <resource_group>';
/**
 * The TKE plug-in's private endpoint, set as IBM's page writes it [hs-crypto: secure-connection.md]
 * [hs-crypto: virtual-private-endpoint.md]: a shell step, done outside the app, before it starts.
 */
export const PRIVATE_ENDPOINT = `export ${PRIVATE_ADDR_ENV}=${privateEndpoint('<region>')}`;

/** The only advice that is not an `ibmcloud` command: IBM's documented shell steps, typed as its pages write them. */
export const OUTSIDE_STEPS: readonly unknown[] = [PRIVATE_ENDPOINT];

/** The typed form of a mutating command. */
export function mutating(command: MutatingCommand): string {
  return tke(command);
}

/** An advised or refused TKE command: `ibmcloud tke <sub>`, why. */
export function tkeAdvice(sub: string, why: string): AdviceStep {
  return { command: tke(sub), why };
}

/**
 * The argv the app runs for an advised command, as the classifier writes it (`ibmcloud tke
 * cryptounit-rm` → `['tke', 'cryptounit-rm']`, `ibmcloud login` → `['login']`); null for a step that
 * is not one `ibmcloud` command the app can run as written: a TKE application action, a shell step,
 * or a command with placeholders for the user to fill in (`<region>`).
 */
export function argvOfAdvice(command: string): string[] | null {
  const words = command.split(' ');
  if (words[0] !== 'ibmcloud' || words.length < 2) return null;
  const argv = words.slice(1);
  return argv.every((w) => /^-{0,2}[a-z0-9][a-z0-9-]*$/.test(w)) ? argv : null;
}

/**
 * The command words of a refused command (`ibmcloud tke cryptounit-rm <units>` → `['tke',
 * 'cryptounit-rm']`): a refusal names a command, whatever its arguments; null for a TKE application action.
 */
export function refusedArgv(command: string): string[] | null {
  const words = command.split(' ');
  if (words[0] !== 'ibmcloud') return null;
  const end = words.findIndex((w, i) => i > 0 && !/^[a-z0-9][a-z0-9-]*$/.test(w));
  const argv = words.slice(1, end < 0 ? words.length : end);
  return argv.length > 0 ? argv : null;
}

/** A next step as the classification carries it: the typed command, why, its argv (null: not run by the app). */
export function withArgv(step: AdviceStep): Advice {
  return { command: step.command, why: step.why, argv: argvOfAdvice(step.command) };
}

/** A refused command as the classification carries it: the typed command, why, its command words. */
export function withRefusedArgv(step: AdviceStep): Advice {
  return { command: step.command, why: step.why, argv: refusedArgv(step.command) };
}

/** True when an advised command (as typed) changes registers or key storage. */
export function isMutatingAdvice(command: string): boolean {
  return (MUTATING_COMMANDS as readonly string[]).some((c) => command === tke(c));
}

export const SUPPORT =
  'Open a case with IBM Cloud support (Hyper Protect Crypto Services) and attach these transcripts and the register reading before changing anything.';
