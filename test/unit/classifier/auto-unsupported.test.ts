/**
 * auto-mk-rotate refused for the instance (PKCS #11 keystores enabled, or no recovery crypto units):
 * nothing changed, auto-mk-rotate stays refused, and the rotation goes on with key part files. The
 * captures are written as an administrator would paste them, in the inferred wording and in variants
 * of it (IBM publishes no text for these refusals; docs/ibm-strings.md, section 10).
 */
import { describe, expect, test } from 'vitest';
import { classify } from '../../../shared/classifier/index.js';
import { adviceCauseId } from '../../../shared/classifier/failures.js';
import { FORBIDDEN_REASONS, forbiddenReasonId } from '../../../shared/classifier/forbidden.js';
import { recogniseLine } from '../../../shared/parse/recognise.js';
import { NO_RECOVERY_UNITS, PKCS11_KEYSTORES_ENABLED } from '../../../shared/tke/messages.js';

const HEADER = [
  'API endpoint:     https://cloud.ibm.com',
  'Region:           us-south',
  'User:             admin@example.com',
];
// The IBM Cloud CLI prints FAILED, then the error.
const refusal = (line: string): string =>
  ['$ ibmcloud tke auto-mk-rotate', ...HEADER, '', 'FAILED', line, ''].join('\n');
const ok = (command: string, ...lines: string[]): string =>
  [`$ ibmcloud tke ${command}`, ...HEADER, '', ...lines, 'OK', ''].join('\n');

describe('recognising the refusal', () => {
  test.each([
    [PKCS11_KEYSTORES_ENABLED, 'pkcs11'],
    ['Error: auto-mk-rotate is not supported when PKCS#11 keystores are enabled for the instance.', 'pkcs11'],
    ['The PKCS #11 keystore is enabled; use cryptounit-mk-load.', 'pkcs11'],
    [NO_RECOVERY_UNITS, 'no-recovery-units'],
    ['The service instance does not contain any recovery crypto units.', 'no-recovery-units'],
  ] as const)('%s', (line, cause) => {
    expect(recogniseLine(line).event).toEqual({ kind: 'auto-unsupported', cause });
  });

  test('other lines about PKCS #11 or recovery units are not refusals', () => {
    expect(recogniseLine('Restart your PKCS #11 applications after the rotation.').event).toBeUndefined();
    expect(recogniseLine('No recovery crypto unit found when setting master key registers').event?.kind).not.toBe(
      'auto-unsupported',
    );
  });
});

describe('after auto-mk-rotate refused the instance', () => {
  test.each([
    ['PKCS #11 keystores', PKCS11_KEYSTORES_ENABLED, /PKCS #11 keystores are enabled/],
    ['no recovery crypto units', NO_RECOVERY_UNITS, /no recovery crypto units/],
  ])(
    '%s: nothing changed, the key part flow is advised from its first step, auto-mk-rotate is refused',
    (_name, line, why) => {
      for (const flow of [undefined, 'auto'] as const) {
        const c = classify({ transcripts: [{ file: 'rotate.txt', text: refusal(line), exit: { code: 1 } }], flow });
        expect(c.phase).toBe('no-rotation');
        expect(c.flow).toBe('keyparts');
        expect(c.next.map((a) => a.command)).toEqual([
          'ibmcloud tke cryptounit-mk-load',
          'ibmcloud tke cryptounit-mk-commit',
          'ibmcloud tke cryptounit-mk-rotate',
        ]);
        expect(c.next[0]?.why).toMatch(why);
        expect(c.next[0]?.why).toMatch(/Nothing was changed/);
        expect(c.forbidden.find((f) => f.command === 'ibmcloud tke auto-mk-rotate')?.why).toMatch(
          /would refuse it again/,
        );
        expect(c.evidence.some((e) => e.text === line && e.line === 7)).toBe(true);
      }
    },
  );

  test('the key part flow, once under way, is followed step by step to completion', () => {
    const transcripts = [
      { file: 'rotate.txt', text: refusal(PKCS11_KEYSTORES_ENABLED) },
      { file: 'load.txt', text: ok('cryptounit-mk-load') },
    ];
    const afterLoad = classify({ transcripts, flow: 'auto' });
    expect(afterLoad.next.map((a) => a.command)).toEqual([
      'ibmcloud tke cryptounit-mk-commit',
      'ibmcloud tke cryptounit-mk-rotate',
    ]);
    transcripts.push({ file: 'commit.txt', text: ok('cryptounit-mk-commit') });
    expect(classify({ transcripts, flow: 'auto' }).next.map((a) => a.command)).toEqual([
      'ibmcloud tke cryptounit-mk-rotate',
    ]);
    transcripts.push({
      file: 'rotate2.txt',
      text: ok('cryptounit-mk-rotate', 'KMS CRK rewrap successful, waiting on cryptounit-mk-setimm'),
    });
    const rotated = classify({ transcripts, flow: 'auto' });
    expect(rotated.phase).toBe('completed');
    expect(rotated.forbidden.map((f) => f.command)).toContain('ibmcloud tke auto-mk-rotate');
  });

  test('a refusal does not hide an auto-mk-rotate that ran: M1 decides as before', () => {
    const m1 = [
      '$ ibmcloud tke auto-mk-rotate',
      ...HEADER,
      'Delaying 30 seconds to allow server to discover new master key values',
      'FAILED',
      '',
    ].join('\n');
    const c = classify({
      transcripts: [
        { file: 'a.txt', text: m1 },
        { file: 'b.txt', text: refusal(PKCS11_KEYSTORES_ENABLED) },
      ],
    });
    expect(c.flow).toBe('auto');
    expect(c.phase).toBe('rewrap-interrupted');
    expect(c.next[0]?.command).toBe('ibmcloud tke cryptounit-mk-rotate');
    expect(c.forbidden.map((f) => f.command)).toContain('ibmcloud tke cryptounit-mk-load');
  });

  test('with smart cards the TKE application names the steps, never a CLI command', () => {
    const c = classify({
      transcripts: [{ file: 'rotate.txt', text: refusal(PKCS11_KEYSTORES_ENABLED) }],
      flow: 'smartcard',
    });
    expect(c.next.length).toBeGreaterThan(0);
    expect(c.next.every((a) => !a.command.startsWith('ibmcloud '))).toBe(true);
  });
});

describe('the ids the UI words reasons by', () => {
  test('the cause an advice starts with, and the reason a refusal carries, are found by their exact text', () => {
    const c = classify({ transcripts: [{ file: 'rotate.txt', text: refusal(NO_RECOVERY_UNITS) }] });
    expect(adviceCauseId(c.next[0]?.why ?? '')).toBe('no-recovery-units');
    const pkcs11 =
      classify({ transcripts: [{ file: 'rotate.txt', text: refusal(PKCS11_KEYSTORES_ENABLED) }] }).next[0]?.why ?? '';
    expect(adviceCauseId(pkcs11)).toBe('pkcs11');
    expect(adviceCauseId(`Before. ${pkcs11}`)).toBeUndefined();
    expect(adviceCauseId(c.next[1]?.why ?? '')).toBeUndefined();
    const auto = c.forbidden.find((f) => f.command === 'ibmcloud tke auto-mk-rotate');
    expect(forbiddenReasonId(auto?.why ?? '')).toBe('unsupported');
    expect(forbiddenReasonId(`ibmcloud tke cryptounit-mk-setimm is refused: ${FORBIDDEN_REASONS.setimmBeforeM2}`)).toBe(
      'setimmBeforeM2',
    );
    expect(forbiddenReasonId('Some other reason.')).toBeUndefined();
  });
});

describe('an inferred wording never outweighs evidence', () => {
  test('a refusal line after progress, or from another command, is not a refusal of the instance', () => {
    const progressed = [
      '$ ibmcloud tke auto-mk-rotate',
      ...HEADER,
      'Generating a new random master key in crypto unit 3...',
      'FAILED',
      PKCS11_KEYSTORES_ENABLED,
      '',
    ].join('\n');
    const c = classify({ transcripts: [{ file: 'r.txt', text: progressed }] });
    expect(c.flow).toBe('auto');
    expect(c.next.map((a) => a.command)).not.toContain('ibmcloud tke cryptounit-mk-load');
    const load = ['$ ibmcloud tke cryptounit-mk-load', ...HEADER, 'FAILED', PKCS11_KEYSTORES_ENABLED, ''].join('\n');
    const l = classify({ transcripts: [{ file: 'l.txt', text: load }] });
    expect(l.forbidden.find((f) => f.command === 'ibmcloud tke auto-mk-rotate')?.why ?? '').not.toMatch(
      /would refuse it again/,
    );
  });
});
