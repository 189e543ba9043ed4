import { describe, expect, it } from 'vitest';
import {
  parseAdmins,
  parseCompare,
  parseCryptoUnits,
  parseSigKeys,
  parseThresholds,
} from '../../../shared/parse/index.js';
import { evaluatePrechecks, type PrecheckInput, type PrecheckResult } from '../../../shared/precheck/index.js';
import { PRECHECK_IDS } from '../../../shared/tke/messages.js';

const OLD = 'aa'.repeat(32);
const NEW = 'bb'.repeat(32);

const units = parseCryptoUnits(
  [
    'SERVICE INSTANCE: inst-1',
    'CRYPTO UNIT NUM   SELECTED   TYPE          LOCATION',
    '1                 true       OPERATIONAL   [a]',
    '2                 true       OPERATIONAL   [b]',
    '3                 true       RECOVERY      [c]',
  ].join('\n'),
);
const thresholds = parseThresholds(
  'CRYPTO UNIT NUM   SIGNATURE THRESHOLD   REVOCATION THRESHOLD\n1  2  2\n2  2  2\n3  2  2\n',
);
const admins = parseAdmins(
  'CRYPTO UNIT NUM   ADMIN NAME   SUBJECT KEY IDENTIFIER\n1  admin1  aa01\n1  admin2  aa02\n2  admin1  aa01\n2  admin2  aa02\n3  admin1  aa01\n3  admin2  aa02\n',
);
const sig = parseSigKeys(
  'KEYNUM   DESCRIPTION   SUBJECT KEY IDENTIFIER\n1  admin1  aa01\n2  admin2  aa02\n\nSignature keys selected to sign commands:\nKEYNUM   DESCRIPTION   SUBJECT KEY IDENTIFIER\n1  admin1  aa01\n2  admin2  aa02\n',
);
const reg = (
  n: number,
  cur: string,
  nw: string,
  state: 'Empty' | 'Full Committed' | 'Valid' = nw === '' ? 'Empty' : 'Full Committed',
) => ({
  num: n,
  current: { state: 'Valid' as const, vp: cur },
  new: { state, vp: nw },
});

const good: PrecheckInput = {
  flow: 'auto',
  instances: units,
  thresholds,
  admins,
  selectedSigKeys: sig.selected,
  registers: [reg(1, OLD, ''), reg(2, OLD, ''), reg(3, OLD, '')],
  token: { expiresAt: 3_600_000, now: 600_000 },
};

const byId = (r: PrecheckResult[], id: string): PrecheckResult | undefined => r.find((x) => x.id === id);

describe('evaluatePrechecks', () => {
  it('passes every check on a healthy instance, in domain order', () => {
    const r = evaluatePrechecks(good);
    expect(r.map((x) => x.id)).toEqual([...PRECHECK_IDS]);
    expect(r.map((x) => x.status)).toEqual(PRECHECK_IDS.map(() => 'pass'));
    expect(r.every((x) => x.fix.length === 0)).toBe(true);
  });

  it('never offers to clear a committed new master key (auto flow): an interrupted rotation is rotated in instead', () => {
    const r = evaluatePrechecks({ ...good, registers: [reg(1, OLD, NEW), reg(2, OLD, NEW), reg(3, OLD, NEW)] });
    const fix = byId(r, 'new-mk')?.fix.map((f) => f.command);
    expect(fix).toEqual(['ibmcloud tke cryptounit-mk-rotate']);
    // An uncommitted value can be cleared safely.
    const loaded = evaluatePrechecks({
      ...good,
      registers: [reg(1, OLD, NEW, 'Full Uncommitted' as 'Full Committed'), reg(2, OLD, ''), reg(3, OLD, '')],
    });
    expect(byId(loaded, 'new-mk')?.fix.map((f) => f.command)).toEqual(['ibmcloud tke cryptounit-mk-clrnew']);
  });

  it("a current key lost with no rotation under way, while a recovery unit holds the others' value, is fixed with auto-mk-recover (IBM's recover page)", () => {
    const cleared = { num: 1, current: { state: 'Empty' as const, vp: '' }, new: { state: 'Empty' as const, vp: '' } };
    const r = evaluatePrechecks({ ...good, registers: [cleared, reg(2, OLD, ''), reg(3, OLD, '')] });
    expect(byId(r, 'current-mk')?.status).toBe('fail');
    const fix = byId(r, 'current-mk')?.fix ?? [];
    expect(fix.map((f) => f.command)).toEqual([
      'ibmcloud tke cryptounit-add',
      'ibmcloud tke cryptounit-compare',
      'ibmcloud tke auto-mk-recover',
    ]);
    expect(fix[2]?.why).toMatch(
      /^The current master key register of crypto unit 1 is not Valid .*auto-mk-recover copies it back/,
    );
    expect(fix.map((f) => f.i18n)).toEqual([
      { key: 'current-mk-recover-select', values: { units: '1' } },
      { key: 'current-mk-recover-compare' },
      { key: 'current-mk-recover', values: { units: '1' } },
    ]);
    // The only recovery unit lost its key: nothing holds a copy, so no recovery is offered.
    const recoveryLost = evaluatePrechecks({
      ...good,
      registers: [reg(1, OLD, ''), reg(2, OLD, ''), { ...cleared, num: 3 }],
    });
    expect(byId(recoveryLost, 'current-mk')?.fix.map((f) => f.command)).toEqual(['ibmcloud tke cryptounit-compare']);
    // A value in a new register means a rotation may be under way: not the recover page's case.
    const rotating = evaluatePrechecks({ ...good, registers: [cleared, reg(2, OLD, NEW), reg(3, OLD, NEW)] });
    expect(byId(rotating, 'current-mk')?.fix.map((f) => f.command)).toEqual(['ibmcloud tke cryptounit-compare']);
    // The others disagree on the value: which one to copy back is not known.
    const differ = evaluatePrechecks({ ...good, registers: [cleared, reg(2, OLD, ''), reg(3, NEW, '')] });
    expect(byId(differ, 'current-mk')?.fix.map((f) => f.command)).toEqual(['ibmcloud tke cryptounit-compare']);
    // Without the cryptounits listing the types are unknown: auto-mk-recover finds the recovery unit or stops.
    const { instances: _omit, ...untyped } = good;
    const noTypes = evaluatePrechecks({ ...untyped, registers: [cleared, reg(2, OLD, ''), reg(3, OLD, '')] });
    expect(byId(noTypes, 'current-mk')?.fix.map((f) => f.command)).toContain('ibmcloud tke auto-mk-recover');
  });

  it("treats current VPs that differ only in their last four bytes as one key (IBM's SDK compares 56 digits)", () => {
    const older = `${OLD.slice(0, 56)}1a2b3c4d`;
    const r = evaluatePrechecks({ ...good, registers: [reg(1, OLD, ''), reg(2, older, ''), reg(3, OLD, '')] });
    expect(byId(r, 'current-mk')?.status).toBe('pass');
  });

  it('reports unknown when an input is missing', () => {
    const r = evaluatePrechecks({ flow: 'auto' });
    expect(r.map((x) => x.status)).toEqual(PRECHECK_IDS.map(() => 'unknown'));
  });

  it('fails an expired token with login as the fix', () => {
    const r = evaluatePrechecks({ ...good, token: { expiresAt: 1000, now: 2000 } });
    expect(byId(r, 'auth')).toMatchObject({ status: 'fail', fix: [{ command: 'ibmcloud login' }] });
  });

  it('key-part flow: a partial selection fails per unit', () => {
    const sel = parseCryptoUnits(
      'SERVICE INSTANCE: i\nCRYPTO UNIT NUM   SELECTED   TYPE   LOCATION\n1  true  OPERATIONAL  [a]\n2  false  OPERATIONAL  [b]\n',
    );
    const r = evaluatePrechecks({ ...good, flow: 'keyparts', instances: sel });
    expect(byId(r, 'selection')?.status).toBe('fail');
    expect(byId(r, 'selection')?.units.find((u) => u.num === 2)?.status).toBe('fail');
    expect(byId(r, 'selection')?.fix.map((f) => f.command)).toEqual([
      'ibmcloud tke cryptounit-rm',
      'ibmcloud tke cryptounit-add',
    ]);
  });

  it('imprint mode and unequal thresholds fail on the right units', () => {
    const t = parseThresholds(
      'CRYPTO UNIT NUM   SIGNATURE THRESHOLD   REVOCATION THRESHOLD\n1  2  2\n2  2  2\n3  0  0\n',
    );
    const r = evaluatePrechecks({ ...good, thresholds: t });
    expect(
      byId(r, 'imprint')
        ?.units.filter((u) => u.status === 'fail')
        .map((u) => u.num),
    ).toEqual([3]);
    expect(byId(r, 'thresholds')?.status).toBe('fail');
    expect(byId(r, 'thresholds')?.fix[0]?.command).toBe('ibmcloud tke cryptounit-thrhld-set');
  });

  it('too few selected common administrators fail', () => {
    const r = evaluatePrechecks({ ...good, selectedSigKeys: sig.selected.slice(0, 1) });
    expect(byId(r, 'admins')).toMatchObject({ status: 'fail', fix: [{ command: 'ibmcloud tke sigkey-sel' }] });
  });

  it('current registers must share one VP; new registers Empty for auto, committed for key parts', () => {
    const mixed = evaluatePrechecks({ ...good, registers: [reg(1, OLD, ''), reg(2, NEW, ''), reg(3, OLD, '')] });
    expect(byId(mixed, 'current-mk')?.status).toBe('fail');
    const loaded = [reg(1, OLD, NEW), reg(2, OLD, NEW), reg(3, OLD, NEW, 'Valid')];
    // Committed new registers in the auto flow: rotate them in, never clear them (a rotation may be interrupted).
    expect(byId(evaluatePrechecks({ ...good, registers: loaded }), 'new-mk')).toMatchObject({
      status: 'fail',
      fix: [{ command: 'ibmcloud tke cryptounit-mk-rotate' }],
    });
    expect(byId(evaluatePrechecks({ ...good, flow: 'keyparts', registers: loaded }), 'new-mk')?.status).toBe('pass');
    const keyFix = byId(evaluatePrechecks({ ...good, flow: 'keyparts' }), 'new-mk');
    expect(keyFix?.fix.map((f) => f.command)).toEqual([
      'ibmcloud tke cryptounit-mk-load',
      'ibmcloud tke cryptounit-mk-commit',
    ]);
  });

  it('takes thresholds, admins and registers from cryptounit-compare', () => {
    const compare = parseCompare(
      [
        'SIGNATURE THRESHOLDS',
        'CRYPTO UNIT NUM   SIGNATURE THRESHOLD   REVOCATION THRESHOLD',
        '1  1  1',
        '',
        'CRYPTO UNIT ADMINISTRATORS',
        'CRYPTO UNIT NUM   ADMIN NAME   SUBJECT KEY IDENTIFIER',
        '1  admin1  aa01',
        '',
        'CURRENT MASTER KEY REGISTER',
        'CRYPTO UNIT NUM   STATUS   VERIFICATION PATTERN',
        `1  Valid  ${OLD}`,
        '',
        'NEW MASTER KEY REGISTER',
        'CRYPTO UNIT NUM   STATUS   VERIFICATION PATTERN',
        `1  Empty  ${'0'.repeat(64)}`,
      ].join('\n'),
    );
    const r = evaluatePrechecks({ flow: 'auto', compare, selectedSigKeys: sig.selected });
    expect(r.slice(2).map((x) => x.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
  });
});

describe('failover crypto units not initialized (enable-failover.md)', () => {
  const withFailover = parseCryptoUnits(
    [
      'SERVICE INSTANCE: inst-1',
      'CRYPTO UNIT NUM   SELECTED   TYPE          LOCATION',
      '1                 true       OPERATIONAL   [a]',
      '2                 true       OPERATIONAL   [b]',
      '3                 true       RECOVERY      [c]',
      '5                 false      FAILOVER      [d]',
      '6                 false      FAILOVER      [e]',
    ].join('\n'),
  );
  const input: PrecheckInput = {
    ...good,
    instances: withFailover,
    thresholds: parseThresholds(
      'CRYPTO UNIT NUM   SIGNATURE THRESHOLD   REVOCATION THRESHOLD\n1  2  2\n2  2  2\n3  2  2\n5  0  0\n6  0  0\n',
    ),
    registers: [
      reg(1, OLD, ''),
      reg(2, OLD, ''),
      reg(3, OLD, ''),
      { num: 5, current: { state: 'Empty', vp: '' }, new: { state: 'Empty', vp: '' } },
      { num: 6, current: { state: 'Empty', vp: '' }, new: { state: 'Empty', vp: '' } },
    ],
  };

  it("auto-mk-rotate would act on them: check 3 fails for units 5 and 6, with IBM's initialization as the fix", () => {
    const imprint = byId(evaluatePrechecks(input), 'imprint');
    expect(imprint?.status).toBe('fail');
    expect(imprint?.units.filter((u) => u.status === 'fail').map((u) => u.num)).toEqual([5, 6]);
    expect(imprint?.fix.map((f) => f.command)).toEqual([
      'ibmcloud tke cryptounit-rm',
      'ibmcloud tke cryptounit-admin-add',
      'ibmcloud tke cryptounit-thrhld-set',
      'ibmcloud tke cryptounit-add',
      'ibmcloud tke auto-mk-recover',
    ]);
    expect(imprint?.fix[0]?.why).toContain('Initialize crypto unit 5, 6 like the other crypto units');
    expect(imprint?.fix[0]?.i18n).toEqual({ key: 'imprint-select', values: { units: '5, 6' } });
  });

  it('not selected, they are not read: check 2 says so with cryptounit-add as its fix, and checks 3 to 7 never pass them', () => {
    const r = evaluatePrechecks(input);
    const selection = byId(r, 'selection');
    expect(selection?.status).toBe('unknown');
    expect(selection?.units.map((u) => [u.num, u.status])).toEqual([
      [5, 'unknown'],
      [6, 'unknown'],
    ]);
    expect(selection?.fix).toEqual([
      expect.objectContaining({
        command: 'ibmcloud tke cryptounit-add',
        i18n: { key: 'selection-read', values: { units: '5, 6' } },
      }),
    ]);
    // As the CLI lists them: the selected units only.
    const selectedOnly: PrecheckInput = {
      ...input,
      thresholds,
      admins,
      registers: [reg(1, OLD, ''), reg(2, OLD, ''), reg(3, OLD, '')],
    };
    const unread = evaluatePrechecks(selectedOnly);
    for (const id of ['imprint', 'thresholds', 'admins', 'current-mk', 'new-mk']) {
      const check = byId(unread, id);
      expect(check?.status, id).toBe('unknown');
      expect(
        check?.units.filter((u) => u.status === 'unknown').map((u) => u.num),
        id,
      ).toEqual([5, 6]);
      expect(check?.units.find((u) => u.num === 5)?.detail, id).toMatch(/^not read: not selected now/);
    }
  });

  it('in the key-part flow they fail check 2 (not selected); once selected, check 3, whose fix loads the current key parts', () => {
    const unselected = byId(evaluatePrechecks({ ...input, flow: 'keyparts' }), 'selection');
    expect(unselected?.status).toBe('fail');
    expect(unselected?.units.filter((u) => u.status === 'fail').map((u) => u.num)).toEqual([5, 6]);
    const selected = withFailover.map((i) => ({ ...i, units: i.units.map((u) => ({ ...u, selected: true })) }));
    const r = evaluatePrechecks({ ...input, instances: selected, flow: 'keyparts' });
    expect(byId(r, 'selection')?.status).toBe('pass');
    const imprint = byId(r, 'imprint');
    expect(imprint?.units.filter((u) => u.status === 'fail').map((u) => u.num)).toEqual([5, 6]);
    expect(imprint?.fix.map((f) => f.command)).toEqual([
      'ibmcloud tke cryptounit-rm',
      'ibmcloud tke cryptounit-admin-add',
      'ibmcloud tke cryptounit-thrhld-set',
    ]);
    expect(imprint?.fix[2]?.why).toContain('load the current master key parts into it as at initialization');
  });
});

describe('no crypto unit listed (a private-only instance over the public endpoint, or nothing selected)', () => {
  it('fails no check for want of units: the administrators are not judged', () => {
    const r = evaluatePrechecks({ ...good, instances: [], thresholds: [], admins: [], registers: [] });
    expect(byId(r, 'admins')).toMatchObject({
      status: 'unknown',
      summary: 'No crypto unit was listed, so no administrator could be checked.',
    });
    expect(r.filter((x) => x.status === 'fail').map((x) => x.id)).toEqual([]);
  });
});
