/**
 * The verifier's answers in the cases verifier-rules.test.ts does not reach: what a valid report
 * returns, the verdict and wording for input that is not a report at all, and the header checks of
 * readSignerHeader that fire before any signature is computed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReport, signReport, verifySignedReportText, type SignedReport } from '../../../electron/backend/reports/index.js';
import { adminHeader, freshKey, keySource, rewrite, seededEd25519, signWith, withPayload, workstationHeader } from '../../fixtures/reports/forge.js';
import { TempDirs, recoveryJournal } from '../../fixtures/reports/journal-fixture.js';

const dirs = new TempDirs();
const ws = seededEd25519('verifier-details workstation');
const admin = freshKey('p521');
let plain: SignedReport;

beforeAll(async () => {
  const content = await createReport(await recoveryJournal(await dirs.make()), { now: () => new Date('2026-11-28T21:00:00Z') });
  plain = await signReport(content, keySource(ws));
});
afterAll(() => dirs.cleanup());

/** The plain report with another payload, signed again by the workstation key (the forger holds it). */
function resigned(patch: Record<string, unknown>, extra: SignedReport['signatures'] = []): string {
  const payload = withPayload(plain, patch);
  return rewrite(plain, { payload, signatures: [signWith(payload, ws.privateKey, workstationHeader(ws)), ...extra] });
}
const withCoSigner = (name: string) => ({ signing: { ...plain.payload.signing, coSigner: { ski: admin.fingerprint, name } } });
const header = (h: Record<string, unknown>) => Buffer.from(JSON.stringify(h), 'utf8').toString('base64url');

describe('a valid report', () => {
  it('returns the signed report itself, its key, no admin and no page check', async () => {
    const result = await verifySignedReportText(rewrite(plain, {}));
    expect(result).toMatchObject({ exitCode: 0, status: 'valid', fingerprint: ws.fingerprint, pinned: false, admin: null, pages: 'none' });
    // The PDF check re-renders from this object, so it must be the report exactly as signed.
    expect(result.exitCode === 0 && result.signed).toEqual(plain);
  });

  it('accepts a co-signer declared without a name when the co-signature carries none', async () => {
    const payload = withPayload(plain, withCoSigner(''));
    const { mkra_name: _name, ...nameless } = adminHeader(admin, '');
    const text = resigned(withCoSigner(''), [signWith(payload, admin.privateKey, nameless)]);
    expect(await verifySignedReportText(text)).toMatchObject({ exitCode: 0, admin: { ski: admin.fingerprint, name: '' } });
  });
});

describe('input that is not a signed report', () => {
  const unreadable = (reason: string | RegExp) => ({ exitCode: 2, status: 'unreadable', reason: typeof reason === 'string' ? reason : expect.stringMatching(reason) });

  it('calls blank text an empty file', async () => {
    expect(await verifySignedReportText(' \n\t ')).toEqual(unreadable('the file is empty'));
  });

  it('calls text that does not parse damaged JSON', async () => {
    expect(await verifySignedReportText(rewrite(plain, {}).slice(0, 200))).toEqual(unreadable('not valid JSON (truncated or damaged?)'));
  });

  it('calls JSON that is not an object with the report format no signed report, without failing on null', async () => {
    for (const text of ['null', '42', '"mkra"', '[]', '{}']) {
      expect(await verifySignedReportText(text), text).toEqual(unreadable(/^not a signed report: no "format": "/));
    }
  });

  it('names a content format that is not a string "unknown"', async () => {
    expect(await verifySignedReportText(resigned({ format: 2 }))).toEqual(unreadable(/^the report's content format is unknown; /));
  });
});

describe('signatures and headers', () => {
  it('refuses a report without any signature as an altered structure (the workstation one always comes first)', async () => {
    expect(await verifySignedReportText(rewrite(plain, { signatures: [] }))).toMatchObject({ exitCode: 1, reason: expect.stringMatching(/^the report structure was altered/) });
  });

  it('refuses a non-canonical spelling in the second signature too, not only in the first', async () => {
    // A name for which the co-signature's protected header leaves unused bits in its last character.
    const name = ['ADMIN', 'ADMIN 2', 'ADMIN 23'].find((n) => header(adminHeader(admin, n)).length % 4 !== 0) ?? '';
    const payload = withPayload(plain, withCoSigner(name));
    const cosig = signWith(payload, admin.privateKey, adminHeader(admin, name));
    expect(await verifySignedReportText(resigned(withCoSigner(name), [cosig]))).toMatchObject({ exitCode: 0 });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = { ...cosig, protected: cosig.protected.slice(0, -1) + alphabet[alphabet.indexOf(cosig.protected.at(-1) ?? 'A') ^ 1] };
    expect(Buffer.from(twin.protected, 'base64url')).toEqual(Buffer.from(cosig.protected, 'base64url'));
    const forged = resigned(withCoSigner(name), [twin]);
    expect(await verifySignedReportText(forged)).toMatchObject({ exitCode: 1, reason: 'a signature was altered (non-canonical base64url)' });
  });

  it('names a declared co-signer without a name "(no name)" when the co-signature is missing', async () => {
    expect(await verifySignedReportText(resigned(withCoSigner('')))).toMatchObject({
      exitCode: 1,
      problem: 'cosignature-missing',
      reason: `administrator co-signature missing: the signed report names (no name), SKI ${admin.fingerprint}, as co-signer, but the file has no co-signature`,
    });
  });

  it('refuses a kid that holds the fingerprint among other characters as a malformed header', async () => {
    for (const kid of [`00${ws.fingerprint}`, `${ws.fingerprint}00`, ws.fingerprint.toUpperCase()]) {
      const text = rewrite(plain, { signatures: [signWith(plain.payload, ws.privateKey, workstationHeader(ws, { kid }))] });
      expect(await verifySignedReportText(text), kid).toMatchObject({
        exitCode: 1,
        reason: "the workstation signature's header is malformed or has members this format does not define",
      });
    }
  });

  it('refuses a protected header that is not JSON', async () => {
    const text = rewrite(plain, { signatures: [{ protected: Buffer.from('alg=EdDSA').toString('base64url'), signature: plain.signatures[0]!.signature }] });
    expect(await verifySignedReportText(text)).toMatchObject({ exitCode: 1, reason: "the workstation signature's header is not valid JSON" });
  });

  it('refuses a header key that is not a usable public key, a private JWK included', async () => {
    const privateJwk = ws.privateKey.export({ format: 'jwk' });
    for (const jwk of [privateJwk, { kty: 'OKP', crv: 'Ed25519', x: 'AA' }]) {
      const h = workstationHeader(ws, { jwk });
      const text = rewrite(plain, { signatures: [{ protected: header(h), signature: signWith(plain.payload, ws.privateKey, h).signature }] });
      expect(await verifySignedReportText(text)).toMatchObject({ exitCode: 1, reason: "the workstation signature's public key is not usable" });
    }
  });
});
