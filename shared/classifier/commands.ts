/** Commands exactly as a user types them. */
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
