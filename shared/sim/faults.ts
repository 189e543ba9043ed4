/** Fault points a single invocation can be told to fail or crash at (MKRA_SIM_FAULT). */

export const FAULT_POINTS = [
  'auth',
  'after-generate',
  'after-copy',
  'after-commit',
  'after-m1',
  'mid-rewrap',
  'after-m2',
  'mid-setimm',
] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

export const FAULT_DESCRIPTIONS: Record<FaultPoint, string> = {
  auth: 'the access token has expired when the command starts',
  'after-generate': 'new master key generated in one recovery crypto unit, not yet copied',
  'after-copy': 'new master key copied to every crypto unit, not yet committed',
  'after-commit': 'new master key committed everywhere, before the first milestone message',
  'after-m1': 'first milestone printed and a first batch of key storage re-encrypted',
  'mid-rewrap': 'about half of key storage re-encrypted under the new master key',
  'after-m2': 'second milestone printed (re-encryption complete), nothing promoted yet',
  'mid-setimm': 'some crypto units promoted to the new master key, others not',
};

export interface FaultSpec {
  point: FaultPoint;
  crash: boolean;
}

/** Parse `<point>` or `<point>:crash`; undefined for an empty value, an Error message for a bad one. */
export function parseFault(text: string | undefined): FaultSpec | undefined | string {
  if (text === undefined || text.trim() === '') return undefined;
  const [name, mode, ...rest] = text.trim().split(':');
  const point = FAULT_POINTS.find((p) => p === name);
  if (!point || rest.length > 0 || (mode !== undefined && mode !== 'crash')) {
    return `Unknown fault '${text}'. Run 'ibmcloud-sim sim faults' for the list.`;
  }
  return { point, crash: mode === 'crash' };
}
