/**
 * The smart-card flow: rotations made in the TKE application (smart cards), whose recovery is done with
 * that application's own actions (IBM's smart-card troubleshooting page: click Rotate again, check the
 * registers, Remove crypto units, Set immediate), never with `ibmcloud tke` commands, whose signatures
 * the smart cards cannot give. The decision is the same; only the vocabulary and the refusals change.
 */
import { MUTATING_COMMANDS } from '../tke/commands.js';
import {
  COMPARE,
  LOGIN,
  MK_COMMIT,
  MK_LOAD,
  MK_ROTATE,
  MK_SETIMM,
  READ_REGISTERS,
  UNIT_ADD,
  UNIT_RM,
  tke,
} from './commands.js';
import type { AdviceStep } from './types.js';

export const APP = {
  rotate: 'TKE application: Rotate',
  setImmediate: 'TKE application: Set immediate',
  removeUnits: 'TKE application: Remove crypto units',
  registers: 'TKE application: check the master key registers',
  compare: 'TKE application: compare the crypto units',
  load: 'TKE application: Load',
  commit: 'TKE application: Commit',
  login: 'TKE application: log in to IBM Cloud again',
} as const;

const ACTION: Readonly<Record<string, string>> = {
  [MK_ROTATE]: APP.rotate,
  [MK_SETIMM]: APP.setImmediate,
  [UNIT_RM]: APP.removeUnits,
  [READ_REGISTERS]: APP.registers,
  [COMPARE]: APP.compare,
  [MK_LOAD]: APP.load,
  [MK_COMMIT]: APP.commit,
  [LOGIN]: APP.login,
};

/** The CLI commands a reason may name, and the application's action that does the same. */
const WORDING: readonly [string, string][] = [
  ['cryptounit-mk-rotate', 'Rotate'],
  ['cryptounit-mk-setimm', 'Set immediate'],
  ['cryptounit-mk-load', 'Load'],
  ['cryptounit-mk-commit', 'Commit'],
  ['cryptounit-rm', 'Remove crypto units'],
];
const CLI_NAME = new RegExp(`(?:ibmcloud tke )?\\b(${WORDING.map(([c]) => c).join('|')})(?![a-z-])`, 'g');

/**
 * A reason in the application's terms: the CLI commands it names become the application's actions.
 * Quoted text (IBM's messages, e.g. M2's "... waiting on cryptounit-mk-setimm") stays word for word.
 */
export function appWording(why: string): string {
  return why
    .split('"')
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            CLI_NAME,
            (_m, name: string) => `the TKE application's ${WORDING.find(([c]) => c === name)?.[1] ?? name}`,
          ),
    )
    .join('"');
}

/** Next steps in the TKE application's terms; steps that have no documented action there are left out. */
export function smartcardNext(next: readonly AdviceStep[]): AdviceStep[] {
  const out: AdviceStep[] = [];
  for (const a of next) {
    // Re-adding units is the TKE CLI's all-or-none selection rule; the application has its own list.
    if (a.command === UNIT_ADD) continue;
    const action = ACTION[a.command];
    if (action !== undefined) out.push({ command: action, why: appWording(a.why) });
    else if (!a.command.startsWith('ibmcloud tke ')) out.push(a);
    else out.push({ command: `TKE application: ${a.command.slice('ibmcloud tke '.length)}`, why: a.why });
  }
  return out;
}

const CLI_REFUSAL =
  "A smart-card rotation is recovered in the TKE application: the TKE CLI cannot sign with the administrators' smart cards, and mixing the two tools in one rotation is not a documented recovery.";

/** What is refused: the refused application actions, and every `ibmcloud tke` command that changes registers. */
export function smartcardForbidden(forbidden: readonly AdviceStep[]): AdviceStep[] {
  const out: AdviceStep[] = [];
  for (const a of forbidden) {
    const action = ACTION[a.command];
    if (action !== undefined && !out.some((o) => o.command === action))
      out.push({ command: action, why: appWording(a.why) });
  }
  for (const c of MUTATING_COMMANDS) out.push({ command: tke(c), why: CLI_REFUSAL });
  return out;
}
