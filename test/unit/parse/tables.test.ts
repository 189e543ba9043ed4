import { describe, expect, it } from 'vitest';
import {
  parseAdmins,
  parseCompare,
  parseCryptoUnits,
  parseInstanceChoices,
  parseMasterKeyParts,
  parseRegisterListing,
  parseSigKeys,
  parseThresholds,
} from '../../../shared/parse/index.js';
import { makeSim, run } from '../sim/helpers.js';

const VP = '9F3A1C2B4D5E6F708192A3B4C5D6E7F80112233445566778899AABBCCDDEEFF0';
const NVP = '3C0F81AA22BB33CC44DD55EE66FF7788990011223344556677889900AABBCCDD';

describe('parseCryptoUnits', () => {
  it('reads one block per instance', () => {
    const text = [
      'SERVICE INSTANCE: 5a1e3c2b-7d4f-4e61-9a0b-1c2d3e4f5a6b',
      'CRYPTO UNIT NUM   SELECTED   TYPE          LOCATION',
      '1                 true       OPERATIONAL   [us-south].[AZ1-CS1].[00].[03]',
      '3                 false      RECOVERY      [us-south].[AZ3-CS3].[02].[03]',
      '',
      'SERVICE INSTANCE: 77777777-7d4f-4e61-9a0b-1c2d3e4f5a6b',
      'crypto unit num selected type location',
      '5 TRUE failover [us-east].[AZ1-CS4].[00].[05]',
      'OK',
    ].join('\r\n');
    const r = parseCryptoUnits(text);
    expect(r.map((i) => i.id)).toEqual([
      '5a1e3c2b-7d4f-4e61-9a0b-1c2d3e4f5a6b',
      '77777777-7d4f-4e61-9a0b-1c2d3e4f5a6b',
    ]);
    expect(r[0]?.units.map((u) => [u.num, u.selected, u.type])).toEqual([
      [1, true, 'OPERATIONAL'],
      [3, false, 'RECOVERY'],
    ]);
    expect(r[1]?.units[0]).toMatchObject({ num: 5, selected: true, type: 'FAILOVER', line: 8 });
  });

  it('tolerates another column order', () => {
    const r = parseCryptoUnits('TYPE   CRYPTO UNIT NUM   LOCATION   SELECTED\nRECOVERY   4   [x]   true\n');
    expect(r[0]?.units[0]).toMatchObject({ num: 4, selected: true, type: 'RECOVERY', location: '[x]' });
  });

  it('reads the instance selection table', () => {
    expect(
      parseInstanceChoices(
        'INSTANCE NUM   INSTANCE ID\n1              aaaa\n2              bbbb\n\nEnter the INSTANCE NUM',
      ),
    ).toEqual([
      { num: 1, id: 'aaaa' },
      { num: 2, id: 'bbbb' },
    ]);
  });
});

describe('parseRegisterListing', () => {
  it('reads the simulator layout with VPs on two lines', () => {
    const text = [
      'SERVICE INSTANCE: 5a1e3c2b',
      'CRYPTO UNIT NUM: 1   TYPE: OPERATIONAL   LOCATION: [us-south].[AZ1-CS1].[00].[03]',
      'MASTER KEY REGISTER   STATUS             VERIFICATION PATTERN',
      `new                   Full Committed     ${NVP.slice(0, 32)}`,
      `                                         ${NVP.slice(32)}`,
      `current               Valid              ${VP.slice(0, 32)}`,
      `                                         ${VP.slice(32)}`,
      '',
      'CRYPTO UNIT NUM: 3   TYPE: RECOVERY   LOCATION: [us-south].[AZ3-CS3].[02].[03]',
      'MASTER KEY REGISTER   STATUS             VERIFICATION PATTERN',
      `new                   Empty              ${'0'.repeat(32)}`,
      `                                         ${'0'.repeat(32)}`,
      `current               Valid              ${NVP.slice(0, 32)}`,
      `                                         ${NVP.slice(32)}`,
    ].join('\n');
    const r = parseRegisterListing(text);
    expect(r).toEqual([
      {
        num: 1,
        type: 'OPERATIONAL',
        line: 2,
        new: { state: 'Full Committed', vp: NVP.toLowerCase() },
        current: { state: 'Valid', vp: VP.toLowerCase() },
      },
      {
        num: 3,
        type: 'RECOVERY',
        line: 9,
        new: { state: 'Empty', vp: '' },
        current: { state: 'Valid', vp: NVP.toLowerCase() },
      },
    ]);
  });

  it('tolerates one-line VPs, other column order, case and the documentation spelling Valid', () => {
    const text = [
      'Crypto unit num: 2  type: operational',
      'MASTER KEY REGISTER  VERIFICATION PATTERN  STATUS',
      `CURRENT  ${VP.toLowerCase()}  VALID`,
      `NEW  ${NVP}  valid`,
    ].join('\n');
    expect(parseRegisterListing(text)).toEqual([
      {
        num: 2,
        type: 'OPERATIONAL',
        line: 1,
        new: { state: 'Valid', vp: NVP.toLowerCase() },
        current: { state: 'Valid', vp: VP.toLowerCase() },
      },
    ]);
  });

  it('skips units without both registers and unknown lines', () => {
    expect(parseRegisterListing('CRYPTO UNIT NUM: 1\nnew Empty\nrandom noise\n')).toEqual([]);
  });
});

describe('other listings', () => {
  it('parses thresholds and admins', () => {
    expect(
      parseThresholds(
        'CRYPTO UNIT NUM   SIGNATURE THRESHOLD   REVOCATION THRESHOLD\n1                 2                     2\n2  0  0\n',
      ),
    ).toEqual([
      { num: 1, signature: 2, revocation: 2, line: 2 },
      { num: 2, signature: 0, revocation: 0, line: 3 },
    ]);
    expect(
      parseAdmins('CRYPTO UNIT NUM   ADMIN NAME   SUBJECT KEY IDENTIFIER\n1   admin1   3C0F\n2   -   -\n'),
    ).toEqual([
      { num: 1, name: 'admin1', ski: '3c0f', line: 2 },
      { num: 2, name: undefined, ski: undefined, line: 3 },
    ]);
  });

  it('parses sigkeys with and without a selection', () => {
    const text = [
      'KEYNUM   DESCRIPTION   SUBJECT KEY IDENTIFIER',
      '1        admin1        3c0f',
      '2        admin two     81aa',
      '',
      'Signature keys selected to sign commands:',
      'KEYNUM   DESCRIPTION   SUBJECT KEY IDENTIFIER',
      '1        admin1        3c0f',
    ].join('\n');
    const r = parseSigKeys(text);
    expect(r.keys.map((k) => k.description)).toEqual(['admin1', 'admin two']);
    expect(r.selected).toEqual([{ keynum: 1, description: 'admin1', ski: '3c0f' }]);
    expect(
      parseSigKeys('KEYNUM   DESCRIPTION   SUBJECT KEY IDENTIFIER\n1  a  3c0f\n\nNo signature keys are selected.\n')
        .selected,
    ).toEqual([]);
  });

  it('parses mks', () => {
    expect(parseMasterKeyParts(`KEYNUM   DESCRIPTION   VERIFICATION PATTERN\n1        part1-alice   ${VP}\n`)).toEqual([
      { keynum: 1, description: 'part1-alice', vp: VP.toLowerCase() },
    ]);
  });

  it('parses cryptounit-compare sections and the verdict', () => {
    const text = [
      'SIGNATURE THRESHOLDS',
      'CRYPTO UNIT NUM   SIGNATURE THRESHOLD   REVOCATION THRESHOLD',
      '1                 2                     2',
      '',
      'CRYPTO UNIT ADMINISTRATORS',
      'CRYPTO UNIT NUM   ADMIN NAME   SUBJECT KEY IDENTIFIER',
      '1                 admin1       3c0f',
      '',
      'CURRENT MASTER KEY REGISTER',
      'CRYPTO UNIT NUM   STATUS             VERIFICATION PATTERN',
      `1                 Valid              ${VP}`,
      '',
      'NEW MASTER KEY REGISTER',
      'CRYPTO UNIT NUM   STATUS             VERIFICATION PATTERN',
      `1                 Full Uncommitted   ${NVP}`,
      '',
      'Differences were found between the selected crypto units.',
      'crypto unit 2: signature threshold 1',
    ].join('\n');
    const r = parseCompare(text);
    expect(r.thresholds).toHaveLength(1);
    expect(r.admins[0]?.ski).toBe('3c0f');
    expect(r.current[0]?.register).toEqual({ state: 'Valid', vp: VP.toLowerCase() });
    expect(r.new[0]?.register.state).toBe('Full Uncommitted');
    expect(r.same).toBe(false);
    expect(r.differences).toEqual(['crypto unit 2: signature threshold 1']);
    expect(parseCompare('The selected crypto units are configured the same.').same).toBe(true);
    expect(r.controlPoints).toEqual([]);
  });

  it('parses the CONTROL POINTS section as IBM shows it [hs-crypto: enable-mechanisms.md]', () => {
    const text = [
      'CONTROL POINTS',
      'SERVICE INSTANCE: f410ea28-691a-4708-a580-1f813e0a6d31',
      'CRYPTO UNIT NUM   XCP_CPB_BTC',
      '1                 Set',
      '2                 Not Set',
    ].join('\n');
    expect(parseCompare(text).controlPoints).toEqual([
      { num: 1, point: 'XCP_CPB_BTC', set: true, instance: 'f410ea28-691a-4708-a580-1f813e0a6d31', line: 4 },
      { num: 2, point: 'XCP_CPB_BTC', set: false, instance: 'f410ea28-691a-4708-a580-1f813e0a6d31', line: 5 },
    ]);
  });

  it('parses the simulator’s compare of two instances: a SERVICE INSTANCE line before each one’s rows', async () => {
    const sim = await makeSim('several-instances', 10);
    await run(sim, 'tke cryptounit-rm', { answers: ['5 6 7 8'] });
    expect((await run(sim, 'tke cryptounit-cp-btc', { answers: ['passw0rd', 'passw0rd'] })).exitCode).toBe(0);
    await run(sim, 'tke cryptounit-add', { answers: ['5 6 7 8'] });
    const out = (await run(sim, 'tke cryptounit-compare')).transcript;
    const [first, second] = sim.state.instances.map((i) => i.id);
    expect(out.split(`SERVICE INSTANCE: ${first}`)).toHaveLength(6);
    expect(out.split(`SERVICE INSTANCE: ${second}`)).toHaveLength(6);
    const r = parseCompare(out);
    expect(r.thresholds.map((t) => t.num)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.admins).toHaveLength(16);
    expect(r.current.map((c) => c.num)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.new).toHaveLength(8);
    const btc = r.controlPoints.filter((c) => c.point === 'XCP_CPB_BTC');
    expect(btc.map((c) => [c.num, c.set, c.instance])).toEqual([
      ...[1, 2, 3, 4].map((n) => [n, true, first]),
      ...[5, 6, 7, 8].map((n) => [n, false, second]),
    ]);
    expect(r.controlPoints.filter((c) => c.set)).toHaveLength(4);
    expect(r.same).toBe(false);
    expect(r.differences).toContain('The control points differ.');
  });
});
