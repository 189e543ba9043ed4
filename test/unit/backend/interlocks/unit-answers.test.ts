/**
 * The unit-number answers that matter in a partial promotion (IBM 6.1 row 4, 6.4): `cryptounit-rm`
 * must deselect exactly the promoted units, and `cryptounit-add` must select exactly those again
 * (IBM: all crypto units of an instance or none selected).
 */
import { describe, expect, it } from 'vitest';
import { deselectProblem, parseUnitList, reselectProblem } from '../../../../electron/backend/rotation/interlocks.js';

const GARBAGE = [
  '',
  '   ',
  'all',
  '1 two',
  '1;3',
  '-1',
  '1.5',
  '1-3',
  '#1',
  '1 3 x',
  '1000',
  '１',
  '0x1',
  '1e1',
  '\t,\t',
];
const FORM = 'Enter the crypto unit numbers separated by spaces.';

describe('parseUnitList', () => {
  it('reads unit numbers separated by spaces and/or commas, sorted and without repeats', () => {
    expect(parseUnitList('3')).toEqual([3]);
    expect(parseUnitList('3 1')).toEqual([1, 3]);
    expect(parseUnitList(' 3,1 ')).toEqual([1, 3]);
    expect(parseUnitList('3, 1,,2\t4')).toEqual([1, 2, 3, 4]);
    expect(parseUnitList('1 1 3 3')).toEqual([1, 3]);
    expect(parseUnitList('007 10')).toEqual([7, 10]);
    expect(parseUnitList('999')).toEqual([999]);
  });

  it('refuses anything that is not a list of unit numbers', () => {
    for (const answer of GARBAGE) expect(parseUnitList(answer), JSON.stringify(answer)).toBeNull();
  });
});

describe('deselectProblem (cryptounit-rm in a partial promotion)', () => {
  it('accepts exactly the promoted units, in any order or separator', () => {
    for (const answer of ['1 3', '3 1', '1,3', ' 3 , 1 ', '1 3 3']) {
      expect(deselectProblem(answer, [3, 1]), answer).toBeNull();
    }
    expect(deselectProblem('2', [2])).toBeNull();
  });

  it('refuses a missing promoted unit: setimm would then run on a unit already promoted', () => {
    expect(deselectProblem('1', [1, 3])).toMatch(/exactly the promoted crypto units must be deselected: 1 3 \(you/);
  });

  it('refuses an extra unit: it would be left out of the promotion', () => {
    expect(deselectProblem('1 2 3', [1, 3])).toMatch(/must be deselected: 1 3 \(you entered 1 2 3\)/);
    expect(deselectProblem('2', [1])).toMatch(/must be deselected: 1 \(you entered 2\)/);
  });

  it('refuses garbage with the expected form', () => {
    for (const answer of GARBAGE) expect(deselectProblem(answer, [1, 3]), JSON.stringify(answer)).toBe(FORM);
  });
});

describe('reselectProblem (cryptounit-add after the partial promotion recovery)', () => {
  it('accepts exactly the deselected units', () => {
    for (const answer of ['1 3', '3,1', '1 1 3']) expect(reselectProblem(answer, [3, 1]), answer).toBeNull();
  });

  it('refuses a missing unit: it would stay deselected', () => {
    expect(reselectProblem('1', [1, 3])).toMatch(/the crypto units deselected during the recovery \(1 3\): 3 would/);
  });

  it('refuses an extra unit: it may belong to another instance', () => {
    expect(reselectProblem('1 3 5', [1, 3])).toMatch(/\(1 3\): 5 not deselected by the recovery\. IBM requires/);
  });

  it('lists the deselected units in order, however the recovery recorded them', () => {
    expect(reselectProblem('2', [10, 3, 1])).toMatch(
      /during the recovery \(1 3 10\): 1 3 10 would stay deselected; 2 not/,
    );
  });

  it('names both a missing and an extra unit', () => {
    expect(reselectProblem('1 4', [1, 3])).toMatch(/3 would stay deselected; 4 not deselected by the recovery/);
  });

  it('refuses garbage with the expected form', () => {
    for (const answer of GARBAGE) expect(reselectProblem(answer, [1, 3]), JSON.stringify(answer)).toBe(FORM);
  });
});
