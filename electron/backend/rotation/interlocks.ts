/**
 * Safety interlocks, enforced in the backend whatever the renderer asks: a command the current
 * classification forbids is refused with its reason, `cryptounit-mk-setimm` needs a fresh register
 * reading that shows key storage ready for it, and in a partial promotion `cryptounit-rm` must
 * deselect exactly the promoted units.
 */
import type { Classification } from '../../../shared/classifier/types.js';
import { MUTATING_COMMANDS } from '../../../shared/tke/messages.js';
import { isNewRegisterReady, type UnitRegisters } from '../../../shared/tke/types.js';
import { vpKey } from '../../../shared/tke/vp.js';
import { typedCommand } from '../runner/tke-invocation.js';

/** True for commands that change registers or key storage. */
export function isMutating(argv: readonly string[]): boolean {
  return argv[0] === 'tke' && MUTATING_COMMANDS.some((command) => command === argv[1]);
}

/** The reason the classification forbids this command, or null when it does not. */
export function forbiddenReason(classification: Classification, argv: readonly string[]): string | null {
  const typed = typedCommand(argv);
  const hit = classification.forbidden.find((f) => f.command === typed || f.command.startsWith(`${typed} `));
  if (hit) return `${typed} is refused: ${hit.why}`;
  if (classification.phase === 'indeterminate' && isMutating(argv)) {
    return `${typed} is refused: the evidence is contradictory (indeterminate), so no command that changes registers or key storage may run. Read the registers and contact IBM support.`;
  }
  return null;
}

/**
 * Check a register reading (selected units only) before `cryptounit-mk-setimm`: every new register
 * ready with one VP, every current register Valid with one other VP (VPs compared on their first 56
 * hex digits). Returns the problem or null.
 */
export function setimmProblem(units: readonly UnitRegisters[]): string | null {
  if (units.length === 0) return 'The register reading lists no selected crypto unit.';
  const notReady = units.filter((u) => !isNewRegisterReady(u.new.state));
  if (notReady.length > 0) {
    return `The new master key register of crypto unit ${notReady.map((u) => u.num).join(', ')} is not ready (${notReady.map((u) => u.new.state).join(', ')}). If these units were already promoted, deselect them with ibmcloud tke cryptounit-rm first.`;
  }
  const newVps = new Set(units.map((u) => vpKey(u.new.vp)));
  if (newVps.size !== 1) return 'The new master key registers hold different verification patterns.';
  const notValid = units.filter((u) => u.current.state !== 'Valid');
  if (notValid.length > 0) return `The current master key register of crypto unit ${notValid.map((u) => u.num).join(', ')} is not Valid.`;
  const currentVps = new Set(units.map((u) => vpKey(u.current.vp)));
  if (currentVps.size !== 1) return 'The current master key registers hold different verification patterns.';
  // currentVps holds exactly one pattern here: the fallback only satisfies the type checker.
  // Stryker disable next-line StringLiteral: equivalent, the fallback is never used
  const currentVp = [...currentVps][0] ?? '';
  if (newVps.has(currentVp)) return 'The new and current master key registers hold the same verification pattern.';
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
  const units = parseUnitList(answer);
  const expected = [...unitsToDeselect].sort((a, b) => a - b);
  if (units === null) return 'Enter the crypto unit numbers separated by spaces.';
  if (units.join(' ') !== expected.join(' ')) {
    return `In this partial promotion exactly the promoted crypto units must be deselected: ${expected.join(' ')} (you entered ${units.join(' ')}).`;
  }
  return null;
}

/** Re-selecting after a partial promotion's recovery: every unit it deselected, as IBM wants all or none. */
export function reselectProblem(answer: string, unitsToReselect: readonly number[]): string | null {
  const units = parseUnitList(answer);
  if (units === null) return 'Enter the crypto unit numbers separated by spaces.';
  const missing = unitsToReselect.filter((u) => !units.includes(u));
  if (missing.length > 0) {
    return `Select again every crypto unit deselected during the recovery (${unitsToReselect.join(' ')}); ${missing.join(' ')} would stay deselected, and IBM requires either all crypto units of an instance or none to be selected.`;
  }
  return null;
}
