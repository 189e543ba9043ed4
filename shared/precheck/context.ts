/** What every pre-check reads: the parsed listings, narrowed to the crypto units the rotation will act on. */
import type { AdminRow, ThresholdRow } from '../parse/listings.js';
import type { CheckStatus, PrecheckInput, PrecheckResult, UnitCheck, UnitRegisterReading } from './types.js';

export interface Context {
  input: PrecheckInput;
  /** Units the rotation will act on, when known. */
  targets: number[] | undefined;
  thresholds: readonly ThresholdRow[] | undefined;
  admins: readonly AdminRow[] | undefined;
  registers: readonly UnitRegisterReading[] | undefined;
}

/** A check's result before the evaluator adds its id and its fix. */
export type CheckOutcome = Omit<PrecheckResult, 'id' | 'fix'>;

export const short = (vp: string): string => (vp === '' ? '(empty)' : `${vp.slice(0, 12)}…`);

export function unknown(summary: string, key: string): CheckOutcome {
  return { status: 'unknown', summary, summaryMsg: { key }, units: [], evidence: [] };
}

export function overall(units: readonly UnitCheck[]): CheckStatus {
  if (units.some((u) => u.status === 'fail')) return 'fail';
  return units.length > 0 && units.every((u) => u.status === 'pass') ? 'pass' : 'unknown';
}

export function targetsOf(input: PrecheckInput): number[] | undefined {
  const instances = input.instances;
  if (instances === undefined) return undefined;
  const selected = instances.flatMap((i) => i.units.filter((u) => u.selected).map((u) => u.num));
  // auto-mk-rotate selects every unit of the chosen instance itself.
  if (input.flow === 'auto' && instances.length === 1) return instances[0]?.units.map((u) => u.num);
  return selected;
}

export function inTargets<T extends { num: number }>(rows: readonly T[], ctx: Context): T[] {
  return ctx.targets === undefined ? [...rows] : rows.filter((r) => ctx.targets?.includes(r.num) === true);
}

/**
 * The units the rotation will act on that a reading does not cover: auto-mk-rotate selects every unit
 * of the instance, but the listings read the selected ones only (a failover unit failover-enable left
 * unselected, for one). Such a unit is not judged: it is `unknown`, never passed.
 */
export function unread(rows: readonly { num: number }[], ctx: Context): UnitCheck[] {
  const read = new Set(rows.map((r) => r.num));
  return (ctx.targets ?? [])
    .filter((n) => !read.has(n))
    .map((num) => ({ num, status: 'unknown', detail: NOT_READ, detailMsg: { key: 'unit-not-read' } }));
}

const NOT_READ =
  'not read: not selected now (auto-mk-rotate will select it; the readings cover the selected crypto units only)';

/** The context of one evaluation: register readings from `cryptounit-compare` when no listing gave them. */
export function contextOf(input: PrecheckInput): Context {
  const compare = input.compare;
  const fromCompare =
    compare === undefined || compare.current.length === 0
      ? undefined
      : compare.current.flatMap((c) => {
          const n = compare.new.find((x) => x.num === c.num);
          return n === undefined ? [] : [{ num: c.num, current: c.register, new: n.register }];
        });
  return {
    input,
    targets: targetsOf(input),
    thresholds:
      input.thresholds ?? (compare !== undefined && compare.thresholds.length > 0 ? compare.thresholds : undefined),
    admins: input.admins ?? (compare !== undefined && compare.admins.length > 0 ? compare.admins : undefined),
    registers: input.registers ?? fromCompare,
  };
}
