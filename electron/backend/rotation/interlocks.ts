/**
 * Safety interlocks, enforced in the backend whatever the renderer asks: a command the current
 * classification forbids is refused with its reason, `cryptounit-mk-setimm` needs a fresh register
 * reading that shows key storage ready for it, and in a partial promotion `cryptounit-rm` must
 * deselect exactly the promoted units (and `cryptounit-add` select exactly those again).
 * docs/security.md ("Interlocks and their tests") lists the rules and the tests that prove them.
 */
import {
  INDETERMINATE_CAUSE_WORDS,
  type Classification,
  type IndeterminateCause,
  type Phase,
} from '../../../shared/classifier/types.js';
import {
  MUTATING_ALIASES,
  MUTATING_COMMANDS,
  TKE_COMMANDS,
  type MutatingCommand,
  type TkeCommandRow,
} from '../../../shared/tke/commands.js';
import { isNewRegisterReady, type UnitRegisters } from '../../../shared/tke/types.js';
import { vpKey } from '../../../shared/tke/vp.js';
import { typedCommand } from '../runner/tke-invocation.js';

/**
 * The mutating command an argv names, or null: any word after `tke`, in any letter case, under its
 * own name or an alias IBM documents. Deliberately wide: flags or words around the command name
 * must never hide it (the caller refuses more, never less).
 */
export function mutatingCommandOf(argv: readonly string[]): MutatingCommand | null {
  const words = argv.map((w) => w.trim().toLowerCase());
  const tke = words.indexOf('tke');
  if (tke < 0) return null;
  for (const word of words.slice(tke + 1)) {
    const name = MUTATING_ALIASES[word] ?? word;
    const hit = MUTATING_COMMANDS.find((c) => c === name);
    if (hit) return hit;
  }
  return null;
}

/** True for commands that change registers or key storage. */
export function isMutating(argv: readonly string[]): boolean {
  return mutatingCommandOf(argv) !== null;
}

/** Two argv equal word for word. */
export function sameArgv(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}

/**
 * The argv a forbidden entry is compared with, word for word: a mutating command however it is
 * written (flags, letter case, alias) is `['tke', <its name>]`, as the classifier writes it; any other
 * command is its command words without arguments (`['tke', 'cryptounit-rm']`, `['login']`).
 */
export function refusalKey(argv: readonly string[]): readonly string[] {
  const mutating = mutatingCommandOf(argv);
  if (mutating) return ['tke', mutating];
  return argv.slice(0, argv[0] === 'tke' ? 2 : 1);
}

const NOTHING_MUTATING = 'so no command that changes registers or key storage may run';

/**
 * Why an indeterminate classification refuses a mutating command its list misses, worded as its cause
 * (a command whose end was not seen is missing evidence, not a contradiction); `unknown`: a
 * classification recorded without one.
 */
const INDETERMINATE_REFUSALS: Readonly<Record<IndeterminateCause | 'unknown', string>> = {
  contradiction: `${INDETERMINATE_CAUSE_WORDS.contradiction} (indeterminate), ${NOTHING_MUTATING}. Read the registers and contact IBM support.`,
  defect: `${INDETERMINATE_CAUSE_WORDS.defect} (indeterminate), ${NOTHING_MUTATING}. Read the registers and contact IBM support.`,
  unfinished: `${INDETERMINATE_CAUSE_WORDS.unfinished} (indeterminate), ${NOTHING_MUTATING} until the registers are read. Read the registers first.`,
  undocumented: `${INDETERMINATE_CAUSE_WORDS.undocumented} (indeterminate), ${NOTHING_MUTATING} until the registers are read. Read the registers first.`,
  unknown: `the evidence does not establish the state (indeterminate), ${NOTHING_MUTATING}. Read the registers first.`,
};

/** The reason the classification forbids this command, or null when it does not. */
export function forbiddenReason(classification: Classification, argv: readonly string[]): string | null {
  const typed = typedCommand(argv);
  const key = refusalKey(argv);
  const hit = classification.forbidden.find((f) => f.argv !== null && sameArgv(refusalKey(f.argv), key));
  if (hit) return `${typed} is refused: ${hit.why}`;
  if (classification.phase === 'indeterminate' && mutatingCommandOf(argv)) {
    return `${typed} is refused: ${INDETERMINATE_REFUSALS[classification.indeterminateCause ?? 'unknown']}`;
  }
  return null;
}

/**
 * Running a command as the advice: the argv must be exactly one the classification advises, word for
 * word (a command that only shares a prefix with it, or adds a word, is not the advice). Null when it is.
 */
export function adviceProblem(classification: Classification, argv: readonly string[]): string | null {
  if (classification.next.some((a) => a.argv !== null && sameArgv(a.argv, argv))) return null;
  const advised = classification.next.flatMap((a) => (a.argv === null ? [] : [`ibmcloud ${a.argv.join(' ')}`]));
  return (
    `ibmcloud ${argv.join(' ')} is not the advised command` +
    (advised.length > 0 ? ` (advised: ${advised.join('; ')}).` : ': nothing the app runs is advised now.')
  );
}

/** The mutating commands the table marks to run only after a fresh register reading (setimm). */
const READ_REGISTERS_FIRST: ReadonlySet<string | null> = new Set(
  TKE_COMMANDS.filter((c: TkeCommandRow) => c.readRegistersFirst === true).map((c) => c.name),
);

/** Phases in which `cryptounit-mk-setimm` runs only after a fresh register reading passes `setimmProblem`. */
export const SETIMM_AFTER_READING: readonly Phase[] = ['rewrap-complete', 'partially-promoted'];

/** What the backend does with a command the app runs (its vocabulary already checked). */
export type Verdict =
  | { kind: 'run' }
  /** `cryptounit-mk-setimm`: read the registers first; it starts only if `setimmProblem` finds nothing. */
  | { kind: 'read-first' }
  | { kind: 'needs-rotation' | 'forbidden' | 'awaiting-review'; message: string };

/** The open, writable rotation as the verdict needs it (null: none open). */
export interface OpenRotation {
  classification: Classification;
  awaitingReview: boolean;
}

/**
 * The interlocks' verdict on one command, in the order the rotation service applies them. `advised`:
 * the renderer sends the command as the advice's argv; it runs only if it is exactly one of them.
 */
export function commandVerdict(rotation: OpenRotation | null, argv: readonly string[], advised = false): Verdict {
  const typed = typedCommand(argv);
  if (!rotation) {
    if (!isMutating(argv)) return { kind: 'run' };
    return {
      kind: 'needs-rotation',
      message:
        `${typed} changes registers or key storage: start (or resume) a rotation first, so that every step ` +
        'is journaled and checked.',
    };
  }
  const refusal =
    forbiddenReason(rotation.classification, argv) ?? (advised ? adviceProblem(rotation.classification, argv) : null);
  if (refusal) return { kind: 'forbidden', message: refusal };
  if (rotation.awaitingReview && isMutating(argv)) {
    return {
      kind: 'awaiting-review',
      message:
        `${typed} is refused: this rotation was imported from a manual run and its evidence has not been ` +
        'reviewed yet. Review the evidence and confirm it on the analysis screen first.',
    };
  }
  const readFirst = READ_REGISTERS_FIRST.has(mutatingCommandOf(argv));
  if (readFirst && SETIMM_AFTER_READING.includes(rotation.classification.phase)) return { kind: 'read-first' };
  return { kind: 'run' };
}

const units = (list: readonly UnitRegisters[]): string => list.map((u) => u.num).join(', ');
const noVp = (register: 'new' | 'current', list: readonly UnitRegisters[]): string =>
  `The ${register} master key register of crypto unit ${units(list)} shows no readable verification pattern.`;

/**
 * Check a register reading (selected units only) before `cryptounit-mk-setimm`: every new register
 * ready with one VP, every current register Valid with one other VP (VPs compared on their first 56
 * hex digits; a register whose VP could not be read proves nothing). Returns the problem or null.
 */
export function setimmProblem(list: readonly UnitRegisters[]): string | null {
  if (list.length === 0) return 'The register reading lists no selected crypto unit.';
  const notReady = list.filter((u) => !isNewRegisterReady(u.new.state));
  if (notReady.length > 0) {
    return (
      `The new master key register of crypto unit ${units(notReady)} is not ready ` +
      `(${notReady.map((u) => u.new.state).join(', ')}). If these units were already promoted, deselect them ` +
      'with ibmcloud tke cryptounit-rm first.'
    );
  }
  const newUnread = list.filter((u) => vpKey(u.new.vp) === '');
  if (newUnread.length > 0) return noVp('new', newUnread);
  const newVps = new Set(list.map((u) => vpKey(u.new.vp)));
  if (newVps.size !== 1) return 'The new master key registers hold different verification patterns.';
  const notValid = list.filter((u) => u.current.state !== 'Valid');
  if (notValid.length > 0) return `The current master key register of crypto unit ${units(notValid)} is not Valid.`;
  const currentUnread = list.filter((u) => vpKey(u.current.vp) === '');
  if (currentUnread.length > 0) return noVp('current', currentUnread);
  const currentVps = new Set(list.map((u) => vpKey(u.current.vp)));
  if (currentVps.size !== 1) return 'The current master key registers hold different verification patterns.';
  // Stryker disable next-line StringLiteral: equivalent, currentVps holds exactly one value here
  const sameKey = newVps.has([...currentVps][0] ?? '');
  if (sameKey) return 'The new and current master key registers hold the same verification pattern.';
  return null;
}

/** Parse a unit-number answer (`3 4`, `3,4`); null when it is not a list of unit numbers. */
export function parseUnitList(answer: string): number[] | null {
  // Leading, trailing and repeated separators leave empty words, which filter(Boolean) drops.
  const words = answer.split(/[\s,]/).filter(Boolean);
  if (words.length === 0 || !words.every((w) => /^\d{1,3}$/.test(w))) return null;
  return [...new Set(words.map(Number))].sort((a, b) => a - b);
}

/** In a partial promotion, the `cryptounit-rm` answer must name exactly the promoted units. */
export function deselectProblem(answer: string, unitsToDeselect: readonly number[]): string | null {
  const given = parseUnitList(answer);
  const expected = [...unitsToDeselect].sort((a, b) => a - b);
  if (given === null) return 'Enter the crypto unit numbers separated by spaces.';
  if (given.join(' ') !== expected.join(' ')) {
    return (
      `In this partial promotion exactly the promoted crypto units must be deselected: ${expected.join(' ')} ` +
      `(you entered ${given.join(' ')}).`
    );
  }
  return null;
}

/**
 * Re-selecting after a partial promotion's recovery: exactly the units it deselected. A missing one
 * would stay deselected, and an extra one may belong to another instance; IBM wants all crypto units
 * of one instance or none selected.
 */
export function reselectProblem(answer: string, unitsToReselect: readonly number[]): string | null {
  const given = parseUnitList(answer);
  if (given === null) return 'Enter the crypto unit numbers separated by spaces.';
  const expected = [...unitsToReselect].sort((a, b) => a - b);
  const missing = expected.filter((u) => !given.includes(u));
  const extra = given.filter((u) => !expected.includes(u));
  if (missing.length === 0 && extra.length === 0) return null;
  const wrong = [
    ...(missing.length > 0 ? [`${missing.join(' ')} would stay deselected`] : []),
    ...(extra.length > 0 ? [`${extra.join(' ')} not deselected by the recovery`] : []),
  ].join('; ');
  return (
    `Select again exactly the crypto units deselected during the recovery (${expected.join(' ')}): ${wrong}. ` +
    'IBM requires either all crypto units of an instance or none to be selected.'
  );
}
