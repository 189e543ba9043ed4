/** Reading typed answers: lists of numbers, thresholds, counts. A bad answer fails before anything changes. */
import { SimFailure } from '../context.js';

/** A list of numbers (spaces or commas between), each one of `valid`; at least one. */
export function parseNums(answer: string, valid: readonly number[]): number[] {
  const tokens = answer.split(/[\s,]+/).filter((t) => t !== '');
  const nums = tokens.map((t) => (/^\d+$/.test(t) ? Number(t) : NaN));
  const bad = tokens.find((_, i) => !valid.includes(nums[i] ?? NaN));
  if (bad !== undefined) throw new SimFailure([`'${bad}' is not a valid number.`]);
  if (nums.length === 0) throw new SimFailure(['No numbers were entered.']);
  return nums;
}

/** A whole number from `min` to `max`, or a failure that quotes the answer. */
export function parseRange(answer: string, min: number, max: number, what: string): number {
  if (!/^\d+$/.test(answer) || Number(answer) < min || Number(answer) > max) {
    throw new SimFailure([`'${answer}' is not ${what}.`]);
  }
  return Number(answer);
}
