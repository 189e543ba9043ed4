/**
 * Every command a trainee may choose in exam mode: the plausible TKE commands of a rotation and its
 * recovery, the destructive ones included. A choice without argv is work done outside the
 * simulator (installing administrators, setting thresholds, calling IBM support).
 */

export const CHOICE_IDS = [
  'cryptounit-mk',
  'cryptounit-compare',
  'cryptounits',
  'login',
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
  'support',
] as const;
export type ChoiceId = (typeof CHOICE_IDS)[number];

export interface TrainingChoice {
  id: ChoiceId;
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
  argv: ['tke', sub],
  typed: `ibmcloud tke ${sub}`,
  changesRegisters,
  needsUnits,
});

const outside = (typed: string): Omit<TrainingChoice, 'id'> => ({ argv: null, typed, changesRegisters: false, needsUnits: false });

const TABLE: Record<ChoiceId, Omit<TrainingChoice, 'id'>> = {
  'cryptounit-mk': tke('cryptounit-mk'),
  'cryptounit-compare': tke('cryptounit-compare'),
  cryptounits: tke('cryptounits'),
  login: { argv: ['login', '--apikey', 'training-key'], typed: 'ibmcloud login', changesRegisters: false, needsUnits: false },
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
  support: outside('contact IBM Cloud support'),
};

/** The catalogue in display order. */
export const TRAINING_CHOICES: readonly TrainingChoice[] = CHOICE_IDS.map((id) => ({ id, ...TABLE[id] }));

/** Older scenario files name the register listing as the troubleshooting pages do. */
export const CHOICE_ALIASES: Readonly<Record<string, ChoiceId>> = { 'cryptounit-mks': 'cryptounit-mk' };

/** One choice by id. */
export function choiceOf(id: ChoiceId): TrainingChoice {
  return { id, ...TABLE[id] };
}

/** True when a piece of advice (a typed command) names this choice. */
export function adviceMatches(choice: ChoiceId, adviceCommand: string | undefined): boolean {
  if (adviceCommand === undefined) return false;
  if (choice === 'support') return !adviceCommand.startsWith('ibmcloud ');
  const typed = TABLE[choice].typed;
  return adviceCommand === typed || adviceCommand.startsWith(`${typed} `);
}

/** The choice the advice names, when it is one of ours. */
export function choiceForAdvice(adviceCommand: string | undefined): ChoiceId | null {
  return CHOICE_IDS.find((id) => adviceMatches(id, adviceCommand)) ?? null;
}
