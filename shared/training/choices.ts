/**
 * Every command a trainee may choose in exam mode: the plausible TKE commands of a rotation and its
 * recovery, the destructive ones included. A choice without argv is work done outside the
 * simulator (installing administrators, setting thresholds, calling IBM support).
 */

import { OUTSIDE_STEPS, PRIVATE_ENDPOINT, TARGET } from '../classifier/commands.js';
import { APP } from '../classifier/smartcard.js';

const APP_PREFIX = 'TKE application: ';

export const CHOICE_IDS = [
  'cryptounit-mk',
  'cryptounit-compare',
  'cryptounit-admins',
  'cryptounits',
  'login',
  'target',
  'auto-mk-rotate',
  'cryptounit-mk-rotate',
  'cryptounit-mk-setimm',
  'cryptounit-mk-clrnew',
  'auto-mk-recover',
  'cryptounit-rm',
  'cryptounit-add',
  'cryptounit-mk-load',
  'cryptounit-mk-commit',
  'sigkey-sel',
  'cryptounit-admin-add',
  'cryptounit-thrhld-set',
  // With a signing service (TKE_SIGNSERV_URL) the keys that sign are the SIGNSERVKEYS file's entries:
  // the administrator edits it by hand; training lists the installed administrators' keys in it.
  'signservkeys-edit',
  // The private endpoint of a private-only instance (TKE_PRIVATE_ADDR), set in the shell: training
  // points the simulator at it.
  'private-endpoint',
  // The TKE application's actions (smart cards), for the smart-card flow: each carried out on the
  // simulator by the CLI command with the same effect on the registers and key storage.
  'app-load',
  'app-commit',
  'app-rotate',
  'app-set-immediate',
  'app-remove-units',
  'app-registers',
  'support',
] as const;
export type ChoiceId = (typeof CHOICE_IDS)[number];

export interface TrainingChoice {
  id: ChoiceId;
  /** Where the administrator takes it: the TKE CLI, the TKE application (smart cards), or elsewhere. */
  tool: 'cli' | 'app' | 'outside';
  /** Arguments after `ibmcloud`; null when the action happens outside the simulator. */
  argv: readonly string[] | null;
  /** The command as a user types it (what the classifier's advice names). */
  typed: string;
  /** True when it can change registers or key storage. */
  changesRegisters: boolean;
  /** True when the command asks for crypto unit numbers. */
  needsUnits: boolean;
}

const tke = (sub: string, changesRegisters = false, needsUnits = false): Omit<TrainingChoice, 'id'> => ({
  tool: 'cli',
  argv: ['tke', sub],
  typed: `ibmcloud tke ${sub}`,
  changesRegisters,
  needsUnits,
});

const outside = (typed: string): Omit<TrainingChoice, 'id'> => ({ tool: 'outside', argv: null, typed, changesRegisters: false, needsUnits: false });

/** A TKE application action, named as the advisor names it (shared/classifier/smartcard.ts), run as `sub`. */
const app = (typed: string, sub: string, changesRegisters = false, needsUnits = false): Omit<TrainingChoice, 'id'> => ({
  ...tke(sub, changesRegisters, needsUnits),
  tool: 'app',
  typed,
});

const TABLE: Record<ChoiceId, Omit<TrainingChoice, 'id'>> = {
  'cryptounit-mk': tke('cryptounit-mk'),
  'cryptounit-compare': tke('cryptounit-compare'),
  'cryptounit-admins': tke('cryptounit-admins'),
  cryptounits: tke('cryptounits'),
  login: { tool: 'cli', argv: ['login', '--apikey', 'training-key'], typed: 'ibmcloud login', changesRegisters: false, needsUnits: false },
  // The scenarios' region and resource group (shared/sim/scenarios.ts), as the advice names the command.
  target: { tool: 'cli', argv: ['target', '-r', 'us-south', '-g', 'default'], typed: TARGET, changesRegisters: false, needsUnits: false },
  'auto-mk-rotate': tke('auto-mk-rotate', true),
  'cryptounit-mk-rotate': tke('cryptounit-mk-rotate', true),
  'cryptounit-mk-setimm': tke('cryptounit-mk-setimm', true),
  'cryptounit-mk-clrnew': tke('cryptounit-mk-clrnew', true),
  'auto-mk-recover': tke('auto-mk-recover', true),
  'cryptounit-rm': tke('cryptounit-rm', false, true),
  'cryptounit-add': tke('cryptounit-add', false, true),
  'cryptounit-mk-load': tke('cryptounit-mk-load', true),
  'cryptounit-mk-commit': tke('cryptounit-mk-commit', true),
  'sigkey-sel': tke('sigkey-sel'),
  'cryptounit-admin-add': outside('ibmcloud tke cryptounit-admin-add'),
  'cryptounit-thrhld-set': outside('ibmcloud tke cryptounit-thrhld-set'),
  'signservkeys-edit': outside('edit SIGNSERVKEYS: list the installed administrators’ keys'),
  'private-endpoint': outside(PRIVATE_ENDPOINT),
  'app-load': app(APP.load, 'cryptounit-mk-load', true),
  'app-commit': app(APP.commit, 'cryptounit-mk-commit', true),
  'app-rotate': app(APP.rotate, 'cryptounit-mk-rotate', true),
  'app-set-immediate': app(APP.setImmediate, 'cryptounit-mk-setimm', true),
  'app-remove-units': app(APP.removeUnits, 'cryptounit-rm', false, true),
  'app-registers': app(APP.registers, 'cryptounit-mk'),
  support: outside('contact IBM Cloud support'),
};

/** The catalogue in display order. */
export const TRAINING_CHOICES: readonly TrainingChoice[] = CHOICE_IDS.map((id) => ({ id, ...TABLE[id] }));

/** Older scenario files name the register listing as the troubleshooting pages do. */
export const CHOICE_ALIASES: Readonly<Record<string, ChoiceId>> = { 'cryptounit-mks': 'cryptounit-mk' };

/**
 * The choices offered for a scenario's flow: in a smart-card rotation the TKE application's actions
 * (the CLI cannot sign with smart cards), otherwise the CLI's commands; help from outside in both
 * (the CLI's own fixes done outside the simulator only with the CLI); editing SIGNSERVKEYS only where
 * the CLI signs through a signing service.
 */
export function choicesFor(flow: 'auto' | 'keyparts' | 'smartcard', signingService = false): TrainingChoice[] {
  if (flow !== 'smartcard') return TRAINING_CHOICES.filter((c) => c.tool !== 'app' && (signingService || c.id !== 'signservkeys-edit'));
  return TRAINING_CHOICES.filter((c) => c.tool === 'app' || (c.tool === 'outside' && !c.typed.startsWith('ibmcloud ') && !OUTSIDE_STEPS.includes(c.typed)));
}

/** One choice by id. */
export function choiceOf(id: ChoiceId): TrainingChoice {
  return { id, ...TABLE[id] };
}

/** True when a piece of advice (a typed command) names this choice. */
export function adviceMatches(choice: ChoiceId, adviceCommand: string | undefined): boolean {
  if (adviceCommand === undefined) return false;
  if (choice === 'support') return !adviceCommand.startsWith('ibmcloud ') && !adviceCommand.startsWith(APP_PREFIX) && !OUTSIDE_STEPS.includes(adviceCommand);
  // With a signing service the administrators' fix is cryptounit-admin-add's advice, whose reason is
  // to list enough installed administrators' keys in SIGNSERVKEYS (shared/precheck/fixes.ts).
  if (choice === 'signservkeys-edit') return adviceCommand === TABLE['cryptounit-admin-add'].typed;
  const typed = TABLE[choice].typed;
  return adviceCommand === typed || adviceCommand.startsWith(`${typed} `);
}

/**
 * The choice the advice names, when it is one of ours; `offered`: a scenario's choices, where the one
 * that carries the advice out (editing SIGNSERVKEYS with a signing service) comes before the command
 * it is advised under.
 */
export function choiceForAdvice(adviceCommand: string | undefined, offered: readonly ChoiceId[] = CHOICE_IDS): ChoiceId | null {
  const specific: ChoiceId = 'signservkeys-edit';
  if (offered.includes(specific) && adviceMatches(specific, adviceCommand)) return specific;
  return offered.find((id) => adviceMatches(id, adviceCommand)) ?? null;
}
