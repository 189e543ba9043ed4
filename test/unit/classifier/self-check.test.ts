// The advisor's self-check: a decision that names a command without its reason, something that is not
// a command, a unit that is not a unit number, an unknown failed check or an empty stop is a defect,
// and the classification becomes indeterminate with every mutating command refused.
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/classifier/decide.js';
import { decisionDefect, selfChecked } from '../../../shared/classifier/self-check.js';
import type { AdviceStep as Advice } from '../../../shared/classifier/types.js';
import { PRIVATE_ENDPOINT } from '../../../shared/classifier/commands.js';

const READ: Advice = { command: 'ibmcloud tke cryptounit-mk', why: 'Read-only. Read the registers first.' };
const AUTO: Advice = { command: 'ibmcloud tke auto-mk-rotate', why: 'Re-encryption began: this would lose keys.' };
const good: Decision = {
  phase: 'rewrap-interrupted',
  next: [READ],
  forbidden: [AUTO],
  unitsToDeselect: [1, 2],
  unitsToReselect: [0],
  failedChecks: ['new-mk', 'target'],
};
const REFUSE_ALL: Advice[] = [
  AUTO,
  { command: 'ibmcloud tke cryptounit-mk-setimm', why: 'Indeterminate: nothing mutating.' },
];

describe('the advisor checks its own decision', () => {
  it('lets a sound decision through unchanged', () => {
    expect(decisionDefect(good)).toBeNull();
    expect(selfChecked(good, () => REFUSE_ALL)).toBe(good);
    expect(decisionDefect({ ...good, stop: 'Stop: escalate.' })).toBeNull();
    // IBM's one documented shell step may be advised (setting the private endpoint), never refused.
    const privateEndpoint: Advice = { command: PRIVATE_ENDPOINT, why: 'Set the private endpoint of the region.' };
    expect(decisionDefect({ ...good, next: [privateEndpoint, READ] })).toBeNull();
    expect(decisionDefect({ ...good, forbidden: [privateEndpoint] })).toMatch(
      /an entry of forbidden names no ibmcloud command/,
    );
    expect(
      decisionDefect({ ...good, next: [{ ...privateEndpoint, command: `${PRIVATE_ENDPOINT}; rm -rf /` }] }),
    ).toMatch(/names no ibmcloud command/);
    // The shortest reason accepted: twelve letters.
    expect(decisionDefect({ ...good, next: [{ command: READ.command, why: ` ${'x'.repeat(12)} ` }] })).toBeNull();
  });

  const defects: [string, Partial<Decision>, RegExp][] = [
    [
      'advice without a reason',
      { next: [{ command: READ.command, why: '' }] },
      /ibmcloud tke cryptounit-mk in next is given without its reason/,
    ],
    ['"Read-only." alone', { next: [{ command: READ.command, why: 'Read-only. ' }] }, /without its reason/],
    [
      'a reason of spaces',
      { forbidden: [{ command: AUTO.command, why: ' '.repeat(40) }] },
      /auto-mk-rotate in forbidden is given without its reason/,
    ],
    [
      'a refusal without a reason',
      { forbidden: [{ command: AUTO.command, why: undefined as unknown as string }] },
      /in forbidden is given without its reason/,
    ],
    [
      'not a command',
      { next: ['Stryker was here' as unknown as Advice] },
      /an entry of next names no ibmcloud command/,
    ],
    ['an empty object', { forbidden: [{} as Advice] }, /an entry of forbidden names no ibmcloud command/],
    ['null', { next: [null as unknown as Advice] }, /an entry of next names no ibmcloud command/],
    [
      'a reason one letter short',
      { next: [{ command: READ.command, why: 'x'.repeat(11) }] },
      /in next is given without its reason/,
    ],
    [
      'a command that is not ibmcloud',
      { next: [{ command: 'rm -rf /', why: 'A reason long enough.' }] },
      /names no ibmcloud command/,
    ],
    [
      'a unit that is a string',
      { unitsToDeselect: ['Stryker was here' as unknown as number] },
      /unitsToDeselect holds something that is not a crypto unit number/,
    ],
    ['a negative unit', { unitsToReselect: [-1] }, /unitsToReselect holds/],
    ['a fractional unit', { unitsToDeselect: [1.5] }, /unitsToDeselect holds/],
    [
      'an unknown check',
      { failedChecks: ['Stryker was here' as Decision['failedChecks'][number]] },
      /failedChecks names a check the app does not know/,
    ],
    ['an empty stop', { stop: '  ' }, /it stops without saying why/],
  ];
  it.each(defects)(
    '%s is a defect: indeterminate, every mutating command refused, the defect named',
    (_name, change, message) => {
      const d = { ...good, ...change };
      expect(decisionDefect(d)).toMatch(message);
      const checked = selfChecked(d, () => REFUSE_ALL);
      expect(checked).toMatchObject({
        phase: 'indeterminate',
        cause: 'defect',
        next: [],
        forbidden: REFUSE_ALL,
        unitsToDeselect: [],
        unitsToReselect: [],
        failedChecks: [],
      });
      expect(checked.stop).toMatch(/^The advisor found a defect in its own advice \(/);
      expect(checked.stop).toMatch(message);
      expect(checked.stop).toMatch(/Change nothing and report it\. /);
    },
  );
});
