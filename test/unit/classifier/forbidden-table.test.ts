/**
 * The forbidden lists come from the command table's "destructive after" column: each condition,
 * alone, refuses exactly its commands with its reasons, in condition, reason and table order; a
 * completed rotation lifts the conditions that end with it; indeterminate refuses every mutating one.
 */
import { describe, expect, it } from 'vitest';
import { conditionHolds, FORBIDDEN_REASONS, forbiddenFor } from '../../../shared/classifier/forbidden.js';
import { emptyKnowledge, type Knowledge } from '../../../shared/classifier/knowledge-types.js';
import type { Attempt } from '../../../shared/classifier/scan.js';
import { MUTATING_COMMANDS, REFUSAL_CONDITIONS } from '../../../shared/tke/commands.js';

const EV = { file: 'f', line: 1, text: 't' };
const k = (patch: Partial<Knowledge>): Knowledge => ({ ...emptyKnowledge('auto', undefined), ...patch });
/** The refused subcommands and their reason ids. */
const refused = (know: Knowledge, phase: Parameters<typeof forbiddenFor>[1] = 'rewrap-interrupted'): string[] =>
  forbiddenFor(know, phase).map((a) => {
    const id = (Object.keys(FORBIDDEN_REASONS) as (keyof typeof FORBIDDEN_REASONS)[]).find(
      (r) => FORBIDDEN_REASONS[r] === a.why,
    );
    return `${a.command.replace('ibmcloud tke ', '')}:${id ?? '?'}`;
  });
/** Promotion proven: before-M2 does not hold, so each case shows its own condition alone. */
const PROMOTED = { strong: 'promoted', any: 'promoted', upper: 'promoted' } as const;

describe('the forbidden list of each condition alone', () => {
  it('nothing happened yet: only setimm, before M2', () => {
    expect(refused(k({}), 'no-rotation')).toEqual(['cryptounit-mk-setimm:setimmBeforeM2']);
  });

  it('M1 printed, in every phase, even completed', () => {
    expect(refused(k({ ...PROMOTED, m1: [EV] }), 'completed')).toEqual(['auto-mk-rotate:autoAfterM1']);
  });

  it('a re-encryption line printed, even completed', () => {
    expect(refused(k({ ...PROMOTED, rewrapSeen: true }), 'completed')).toEqual(['auto-mk-rotate:autoAfterStart']);
  });

  it('auto-mk-rotate refused the instance', () => {
    const autoUnsupported = { cause: 'pkcs11', evidence: EV } as Knowledge['autoUnsupported'];
    expect(refused(k({ ...PROMOTED, autoUnsupported }), 'completed')).toEqual(['auto-mk-rotate:unsupported']);
  });

  it('a current register lost with no rotation under way, and not once a rotation loaded a key', () => {
    const lostCurrent = { units: [1], vp: 'ab', evidence: EV };
    expect(refused(k({ lostCurrent, upper: 'rewrapping' }), 'no-rotation')).toEqual([
      'auto-mk-rotate:lostCurrent',
      'cryptounit-mk-load:lostCurrent',
      'cryptounit-mk-setimm:setimmBeforeM2',
    ]);
    expect(conditionHolds('lost-current', k({ lostCurrent, any: 'loaded' }), 'no-rotation')).toBe(false);
  });

  it('re-encryption may have begun (a command whose end was not seen), not yet shown', () => {
    expect(refused(k({ strong: 'rewrapped', upper: 'rewrapping' }))).toEqual([
      'auto-mk-rotate:autoAfterStart',
      'cryptounit-mk-clrnew:clrnew',
      'cryptounit-mk-load:load',
      'cryptounit-mk-clrcur:clrcur',
      'cryptounit-zeroize:zeroize',
      'auto-init:autoInit',
      'auto-mk-recover:recover',
    ]);
    expect(conditionHolds('rewrap-may-have-begun', k({ upper: 'rewrapping' }), 'completed')).toBe(false);
  });

  it('re-encryption shown to have begun adds what would leave the recovery unsignable or its key without a copy', () => {
    expect(refused(k({ strong: 'rewrapped', any: 'rewrapping', upper: 'rewrapping', rewrapSeen: false }))).toEqual([
      'auto-mk-rotate:autoAfterStart',
      'cryptounit-mk-clrnew:clrnew',
      'cryptounit-mk-load:load',
      'cryptounit-mk-clrcur:clrcur',
      'cryptounit-zeroize:zeroize',
      'auto-init:autoInit',
      'auto-mk-recover:recover',
      'cryptounit-admin-rm:signers',
      'cryptounit-thrhld-set:signers',
      'cryptounit-exit-impr:signers',
      'sigkey-rm:signers',
      'failover-enable:failover',
      'mk-rm:mkRm',
      'cryptounit-mk-commit:commit',
    ]);
    expect(conditionHolds('rewrap-begun', k({ any: 'rewrapping' }), 'completed')).toBe(false);
  });

  it('registers read alone holding an unexplained loaded value', () => {
    const base = { registersOnly: true, any: 'loaded', strong: 'rewrapped' } as const;
    expect(refused(k(base), 'precheck-failed')).toEqual(['auto-mk-rotate:autoOverLoaded']);
    expect(
      conditionHolds('unexplained-new-registers', k({ ...base, rotationAttempts: [{} as Attempt] }), 'precheck-failed'),
    ).toBe(false);
    expect(conditionHolds('unexplained-new-registers', k({ ...base, any: 'committed' }), 'precheck-failed')).toBe(
      false,
    );
    expect(conditionHolds('unexplained-new-registers', k({ ...base, registersOnly: false }), 'precheck-failed')).toBe(
      false,
    );
  });

  it('M2 seen: re-running re-encryption is refused until completed', () => {
    expect(refused(k({ strong: 'rewrapped', any: 'rewrapped', upper: 'rewrapped' }), 'rewrap-complete')).toContain(
      'cryptounit-mk-rotate:rotateAfterM2',
    );
    expect(conditionHolds('M2', k({ any: 'rewrapped' }), 'completed')).toBe(false);
    expect(conditionHolds('before-M2', k({ strong: 'rewrapped' }), 'rewrap-complete')).toBe(false);
    expect(conditionHolds('before-M2', k({ any: 'rewrapped', strong: 'committed' }), 'rewrap-complete')).toBe(true);
  });

  it('a command refused under several conditions keeps the first one’s reason, listed once', () => {
    const all = refused(k({ m1: [EV], rewrapSeen: true, any: 'rewrapping', upper: 'rewrapping' }));
    expect(all.filter((r) => r.startsWith('auto-mk-rotate:'))).toEqual(['auto-mk-rotate:autoAfterM1']);
    expect(all[0]).toBe('auto-mk-rotate:autoAfterM1');
  });

  it('indeterminate refuses every mutating command of the table, names then aliases', () => {
    const list = forbiddenFor(k({}), 'indeterminate');
    expect(list.map((a) => a.command)).toEqual(MUTATING_COMMANDS.map((c) => `ibmcloud tke ${c}`));
    expect(new Set(list.map((a) => a.why))).toEqual(new Set([FORBIDDEN_REASONS.indeterminate]));
  });

  it('decides every condition of the table', () => {
    for (const c of REFUSAL_CONDITIONS) expect(typeof conditionHolds(c, k({}), 'no-rotation'), c).toBe('boolean');
  });
});
