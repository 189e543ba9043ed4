// The signing service's own failures and sigkey-sel under a signing service, as the classifier reads
// them (transcripts worded as IBM's SDK words them: tke-sdk common/submit.go:486-578).
import { describe, expect, it } from 'vitest';
import { classify } from '../../../shared/classifier/index.js';
import { makeSim, run } from '../sim/helpers.js';
import { autoRotate, header } from './tke-text.js';

/** A failed command's output as the SDK words a signing service's failure (tke-sdk: common/submit.go:486-578). */
function serviceFailure(first: string, ...tail: string[]): string {
  return ['$ ibmcloud tke auto-mk-rotate', ...header(), 'FAILED', first, ...tail, ''].join('\n');
}

describe('the signing service’s own failures', () => {
  const cases = [
    [
      'a 401 from the service',
      serviceFailure('Error requesting public part of signature key.', 'Status code: 401', 'Message: Unauthorized'),
    ],
    [
      'a 404 from the service',
      serviceFailure('Error requesting a signature over supplied data.', 'Status code: 404', 'Message: Not Found'),
    ],
    [
      'no answer',
      serviceFailure(
        'Error requesting a signature over supplied data.',
        'Message: dial tcp 10.0.0.5:9443: connect: connection refused',
      ),
    ],
    ['a malformed answer', serviceFailure('Error requesting public part of signature key.', 'publickey not found')],
  ] as const;

  it.each(cases)(
    '%s: nothing was sent, fix the service and run the command again; a 401 is not an expired login',
    (_name, text) => {
      const c = classify({ transcripts: [{ file: 'run', text, exit: { code: 1, signal: null } }] });
      expect(c.phase).not.toBe('auth-expired');
      expect(c.phase).not.toBe('indeterminate');
      const commands = c.next.map((a) => a.command);
      expect(commands).not.toContain('ibmcloud login');
      expect(commands).not.toContain('ibmcloud tke sigkey-sel');
      expect(commands.at(-1)).toBe('ibmcloud tke auto-mk-rotate');
      expect(c.next.at(-1)?.why).toMatch(
        /^The signing service \(TKE_SIGNSERV_URL\) gave no key or no signature, so nothing was signed or sent/,
      );
      expect(c.evidence.map((e) => e.text)).toContain(text.split('\n')[8]);
    },
  );

  it('the same 401 without the service’s line is an expired login', () => {
    const text = serviceFailure(
      'Error sending HTPRequest to target service instance.',
      'Status code: 401',
      'Message: Unauthorized',
    );
    expect(classify({ transcripts: [{ file: 'run', text, exit: { code: 1, signal: null } }] }).phase).toBe(
      'auth-expired',
    );
  });

  it('the service’s error line is proof enough of a signing service: a later administrators failure is fixed in SIGNSERVKEYS', () => {
    const admins = [
      '$ ibmcloud tke auto-mk-rotate',
      'FAILED',
      'Initial state check failed: A common set of administrators is not selected and installed in all crypto units large enough to meet the signature threshold value.',
      '',
    ].join('\n');
    const first = cases[0][1];
    const c = classify({
      transcripts: [
        { file: 'a', text: first, exit: { code: 1, signal: null } },
        { file: 'b', text: admins, exit: { code: 1, signal: null } },
      ],
    });
    expect(c.phase).toBe('precheck-failed');
    expect(c.next.map((a) => a.command)).not.toContain('ibmcloud tke sigkey-sel');
    expect(c.next.map((a) => a.command)).toContain('ibmcloud tke cryptounit-admin-add');
  });
});

describe('sigkey-sel with a signing service', () => {
  it('does nothing, so having run it is not the administrators’ fix: the advice still leads to SIGNSERVKEYS', async () => {
    const sim = await makeSim('signing-service-short');
    const failed = await run(sim, 'tke auto-mk-rotate', { answers: ['signing-t0ken'] });
    const sel = await run(sim, 'tke sigkey-sel', { answers: [] });
    expect(sel.exitCode).toBe(0);
    const transcripts = [
      {
        file: 'a',
        text: `$ ibmcloud tke auto-mk-rotate\n${failed.transcript}`,
        exit: { code: failed.exitCode, signal: null },
      },
      { file: 'b', text: `$ ibmcloud tke sigkey-sel\n${sel.transcript}`, exit: { code: 0, signal: null } },
    ];
    const c = classify({ transcripts, signingService: true });
    expect(c.phase).toBe('precheck-failed');
    expect(c.next.map((a) => a.command)).toEqual([
      'ibmcloud tke cryptounit-compare',
      'ibmcloud tke cryptounit-admins',
      'ibmcloud tke cryptounit-admin-add',
      'ibmcloud tke auto-mk-rotate',
    ]);
  });
});

describe('a signing service’s failure during a recovery', () => {
  it('puts its reason on the first step only; the recovery the milestones call for stays as it was', () => {
    const rotation = autoRotate('after-m2', { fail: true }).join('\n');
    const setimm = serviceFailure(
      'Error requesting a signature over supplied data.',
      'Status code: 503',
      'Message: Service Unavailable',
    ).replace('auto-mk-rotate', 'cryptounit-mk-setimm');
    const base = classify({ transcripts: [{ file: 'a', text: rotation, exit: { code: 1, signal: null } }] });
    const c = classify({
      transcripts: [
        { file: 'a', text: rotation, exit: { code: 1, signal: null } },
        { file: 'b', text: setimm, exit: { code: 1, signal: null } },
      ],
    });
    expect(c.phase).toBe(base.phase);
    expect(c.next.length).toBeGreaterThan(1);
    expect(c.next.map((a) => a.command)).toEqual(base.next.map((a) => a.command));
    expect(c.next[0]?.why).toMatch(/^The signing service \(TKE_SIGNSERV_URL\) gave no key or no signature/);
    expect(c.next.slice(1).map((a) => a.why)).toEqual(base.next.slice(1).map((a) => a.why));
  });
});
