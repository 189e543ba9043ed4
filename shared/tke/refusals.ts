/**
 * The vocabulary of the command table's "destructive after" column (shared/tke/commands.ts): the
 * conditions after which a command is refused and the reasons given. The classifier decides whether
 * a condition holds (shared/classifier/forbidden.ts) and words each reason.
 */

/**
 * The conditions, in the order the classifier applies them (a command refused for several keeps the
 * first reason): `M1` printed; a re-encryption line printed (`rewrap-printed`); `auto-mk-rotate`
 * refused the instance (`auto-unsupported`); a current register lost with no rotation under way
 * (`lost-current`); re-encryption may have begun, judged by the furthest a command whose end was not
 * seen may have reached (`rewrap-may-have-begun`); re-encryption is shown to have begun
 * (`rewrap-begun`); the new registers hold a value no transcript explains
 * (`unexplained-new-registers`); `M2` printed; and M2 not proven (`before-M2`).
 */
export const REFUSAL_CONDITIONS = [
  'M1',
  'rewrap-printed',
  'auto-unsupported',
  'lost-current',
  'rewrap-may-have-begun',
  'rewrap-begun',
  'unexplained-new-registers',
  'M2',
  'before-M2',
] as const;
export type RefusalCondition = (typeof REFUSAL_CONDITIONS)[number];

/** The reasons a refusal gives, in the order a list refused under one condition names them. */
export const REFUSAL_REASON_IDS = [
  'autoAfterM1',
  'autoAfterStart',
  'autoOverLoaded',
  'clrnew',
  'load',
  'clrcur',
  'zeroize',
  'autoInit',
  'recover',
  'signers',
  'failover',
  'mkRm',
  'commit',
  'rotateAfterM2',
  'setimmBeforeM2',
  'lostCurrent',
  'unsupported',
] as const;
export type RefusalReasonId = (typeof REFUSAL_REASON_IDS)[number];
