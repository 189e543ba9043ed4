/** Commands exactly as a user types them. */
import { PRIVATE_ADDR_ENV, privateEndpoint } from '../tke/endpoints.js';
import { MUTATING_COMMANDS, type MutatingCommand } from '../tke/messages.js';

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

/** True when an advised command (as typed) changes registers or key storage. */
export function isMutatingAdvice(command: string): boolean {
  return (MUTATING_COMMANDS as readonly string[]).some((c) => command === tke(c));
}

export const SUPPORT =
  'Open a case with IBM Cloud support (Hyper Protect Crypto Services) and attach these transcripts and the register reading before changing anything.';
