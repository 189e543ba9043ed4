/**
 * setimmProblem: the register check before cryptounit-mk-setimm (IBM 6.1 rows 3-4, 6.2 rows 2-3:
 * "if all new registers are Valid (read: Full Committed) with one VP and all current registers are
 * Valid with another"). Each condition on its own, VPs compared on their first 56 hex digits.
 */
import { describe, expect, it } from 'vitest';
import { setimmProblem } from '../../../../electron/backend/rotation/interlocks.js';
import type { RegisterState, UnitRegisters } from '../../../../shared/tke/types.js';

// Shaped like real VPs: SHA-256 with the last four bytes zeroed (docs/domain.md, VPs).
const OLD = `${'9f3a1c2b4d5e6f708192a3b4c5d6e7f80112233445566778899aabbc'}00000000`;
const NEW = `${'3c0f81aa22bb33cc44dd55ee66ff7788990011223344556677889900'}00000000`;
const OTHER = `${'77aa0011bb2233cc4455dd6677ee8899ff00112233445566778899aa'}00000000`;

function unit(num: number, current: [RegisterState, string], next: [RegisterState, string]): UnitRegisters {
  const [currentState, currentVp] = current;
  const [newState, newVp] = next;
  return {
    num,
    type: 'OPERATIONAL',
    current: { state: currentState, vp: currentVp },
    new: { state: newState, vp: newVp },
  };
}
const ready = (num: number, newVp = NEW, oldVp = OLD): UnitRegisters =>
  unit(num, ['Valid', oldVp], ['Full Committed', newVp]);

describe('setimmProblem: ready for promotion', () => {
  it('passes every new register committed with one VP and every current Valid with another', () => {
    expect(setimmProblem([ready(1), ready(2), ready(3)])).toBeNull();
    // The troubleshooting pages' "Valid" for the new register is read as Full Committed; both pass.
    expect(setimmProblem([ready(1), unit(2, ['Valid', OLD], ['Valid', NEW])])).toBeNull();
  });

  it('refuses a reading that lists no unit', () => {
    expect(setimmProblem([])).toMatch(/lists no selected crypto unit/);
  });
});

describe('setimmProblem: every new register committed', () => {
  for (const state of ['Empty', 'Full Uncommitted'] as const) {
    it(`refuses a new register ${state}, naming the unit`, () => {
      const problem = setimmProblem([ready(1), unit(2, ['Valid', OLD], [state, state === 'Empty' ? '' : NEW])]);
      expect(problem).toMatch(new RegExp(`new master key register of crypto unit 2 is not ready \\(${state}\\)`));
    });
  }

  it('a promoted unit (new Empty, current the new key) must be deselected first', () => {
    const promoted = unit(1, ['Valid', NEW], ['Empty', '']);
    expect(setimmProblem([promoted, ready(2)])).toMatch(/unit 1 .*deselect them with ibmcloud tke cryptounit-rm/);
  });

  it('refuses a committed register whose VP could not be read', () => {
    const problem = setimmProblem([ready(1, ''), ready(2, '')]);
    expect(problem).toMatch(/new master key register of crypto unit 1, 2 shows no readable verification pattern/);
  });
});

describe('setimmProblem: one VP in the new registers', () => {
  it('refuses two different new VPs', () => {
    expect(setimmProblem([ready(1), ready(2, OTHER)])).toMatch(/new master key registers hold different verification/);
  });

  it('compares on the first 56 hex digits: a difference after them is the same key (older firmware)', () => {
    const tail = `${NEW.slice(0, 56)}a1b2c3d4`;
    expect(setimmProblem([ready(1), ready(2, tail)])).toBeNull();
  });

  it('a difference in digit 56 is another key', () => {
    const digit56 = `${NEW.slice(0, 55)}f${NEW.slice(56)}`;
    expect(digit56.slice(0, 55)).toBe(NEW.slice(0, 55));
    expect(setimmProblem([ready(1), ready(2, digit56)])).toMatch(/new master key registers hold different/);
  });

  it('ignores letter case and surrounding blanks', () => {
    expect(setimmProblem([ready(1), ready(2, ` ${NEW.toUpperCase()} `)])).toBeNull();
  });
});

describe('setimmProblem: every current register Valid with one other VP', () => {
  it('refuses a current register that is not Valid', () => {
    const cleared = unit(2, ['Empty', ''], ['Full Committed', NEW]);
    expect(setimmProblem([ready(1), cleared])).toMatch(/current master key register of crypto unit 2 is not Valid/);
  });

  it('refuses a Valid current register whose VP could not be read', () => {
    expect(setimmProblem([ready(1), ready(2, NEW, '')])).toMatch(/current master key register of crypto unit 2 shows/);
  });

  it('refuses two different current VPs', () => {
    expect(setimmProblem([ready(1), ready(2, NEW, OTHER)])).toMatch(/current master key registers hold different/);
  });

  it('current VPs differing only after digit 56 are one key', () => {
    expect(setimmProblem([ready(1), ready(2, NEW, `${OLD.slice(0, 56)}ffffffff`)])).toBeNull();
  });

  it('refuses new and current registers holding the same key (nothing to promote), on 56 digits', () => {
    expect(setimmProblem([ready(1, OLD), ready(2, OLD)])).toMatch(/new and current master key registers hold the same/);
    const sameFirst56 = `${OLD.slice(0, 56)}12345678`;
    expect(setimmProblem([ready(1, sameFirst56), ready(2, sameFirst56)])).toMatch(/hold the same verification pattern/);
  });
});
