/**
 * One forgery per verifier rule. Each forged report would verify if its rule were removed (the
 * toolkit's signatures are real, see the control test), so each test goes red without its rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigKeyFile } from '../../../electron/backend/keyfiles/index.js';
import { createReport, HOW_TO_VERIFY, openAdminSigningKey, signReport, verifySignedReportText, type SignedReport } from '../../../electron/backend/reports/index.js';
import { adminHeader, freshKey, keySource, rewrite, seededEd25519, signerOf, signWith, withPayload, workstationHeader, type Signer } from '../../fixtures/reports/forge.js';
import type { ReportContent } from '../../../shared/reports/index.js';
import { TempDirs, recoveryJournal } from '../../fixtures/reports/journal-fixture.js';

const dirs = new TempDirs();
const ws = seededEd25519('verifier-rules workstation');
const ADMIN_NAME = 'ADMIN ONE';
let content: ReportContent;
let plain: SignedReport;
let cosigned: SignedReport;
let admin: Signer;

beforeAll(async () => {
  const dir = await dirs.make();
  content = await createReport(await recoveryJournal(dir), { now: () => new Date('2026-11-28T21:00:00Z') });
  const { path } = await createSigKeyFile(dir, { fileName: 'admin.sigkey', description: ADMIN_NAME, password: 'admin-pw-1' });
  admin = signerOf((await openAdminSigningKey(path, 'admin-pw-1')).privateKey);
  plain = await signReport(content, keySource(ws));
  cosigned = await signReport(content, keySource(ws), { adminKey: { file: path, password: 'admin-pw-1' } });
});
afterAll(() => dirs.cleanup());

const expectInvalid = async (text: string, reason: RegExp, pinned?: string) =>
  expect(await verifySignedReportText(text, pinned)).toMatchObject({ exitCode: 1, status: 'invalid', reason: expect.stringMatching(reason) });

describe('the forging toolkit (control)', () => {
  it('makes signatures the verifier accepts when they follow every rule', async () => {
    const resigned = rewrite(cosigned, {
      signatures: [signWith(cosigned.payload, ws.privateKey, workstationHeader(ws)), signWith(cosigned.payload, admin.privateKey, adminHeader(admin, ADMIN_NAME))],
    });
    expect(await verifySignedReportText(resigned, ws.fingerprint)).toMatchObject({ exitCode: 0, pinned: true, admin: { ski: admin.fingerprint, name: ADMIN_NAME } });
  });
});

describe('each verifier rule rejects the forgery it exists for', () => {
  it('kid must be the fingerprint of the key in the header (else --key pins a name, not a key)', async () => {
    const attacker = freshKey('ed25519');
    const payload = withPayload(plain, { outcome: 'forged by someone else' });
    const forged = rewrite(plain, { payload, signatures: [signWith(payload, attacker.privateKey, workstationHeader(attacker, { kid: ws.fingerprint }))] });
    await expectInvalid(forged, /does not have the fingerprint its header names/, ws.fingerprint);
  });

  it('alg allowlist: the workstation place accepts EdDSA only, not another name for the same key', async () => {
    const forged = rewrite(plain, { signatures: [signWith(plain.payload, ws.privateKey, workstationHeader(ws, { alg: 'Ed25519' }))] });
    await expectInvalid(forged, /uses algorithm "Ed25519"; only EdDSA is accepted/);
  });

  it('role order: the first signature must be marked as the workstation', async () => {
    const forged = rewrite(plain, { signatures: [signWith(plain.payload, ws.privateKey, workstationHeader(ws, { mkra_role: 'administrator' }))] });
    await expectInvalid(forged, /expected the workstation signature in this place, found one marked "administrator"/);
    const [first, second] = cosigned.signatures;
    await expectInvalid(rewrite(cosigned, { signatures: [second ?? first!, first!] }), /expected the workstation signature in this place/);
  });

  it('protected headers hold only the members this format defines', async () => {
    const forged = rewrite(plain, { signatures: [signWith(plain.payload, ws.privateKey, workstationHeader(ws, { x5u: 'https://example.invalid/key' }))] });
    await expectInvalid(forged, /members this format does not define/);
  });

  it('key type: a workstation signature must be made with an Ed25519 key', async () => {
    const other = freshKey('ed448');
    const payload = withPayload(plain, { signing: { ...plain.payload.signing, reportKey: other.fingerprint } });
    const forged = rewrite(plain, { payload, signatures: [signWith(payload, other.privateKey, workstationHeader(other))] });
    await expectInvalid(forged, /workstation signature's key has the wrong type/);
  });

  it('key type: a co-signature must be made with a P-521 key', async () => {
    const other = freshKey('p256');
    const payload = withPayload(cosigned, { signing: { ...cosigned.payload.signing, coSigner: { ski: other.fingerprint, name: ADMIN_NAME } } });
    const forged = rewrite(cosigned, { payload, signatures: [signWith(payload, ws.privateKey, workstationHeader(ws)), signWith(payload, other.privateKey, adminHeader(other, ADMIN_NAME))] });
    await expectInvalid(forged, /administrator signature's key has the wrong type/);
  });

  it('canonical layout: the same JSON written another way is refused', async () => {
    await expectInvalid(JSON.stringify(JSON.parse(rewrite(plain, {}))), /edited after signing/);
    await expectInvalid(rewrite(plain, {}).replace('\n', '\r\n'), /edited after signing/);
  });

  it('canonical base64url: a twin spelling of a signature is refused', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sig = plain.signatures[0]?.signature ?? '';
    const twin = sig.slice(0, -1) + alphabet[alphabet.indexOf(sig.at(-1) ?? 'A') ^ 1];
    expect(Buffer.from(twin, 'base64url')).toEqual(Buffer.from(sig, 'base64url'));
    await expectInvalid(rewrite(plain, { signatures: [{ protected: plain.signatures[0]?.protected ?? '', signature: twin }] }), /non-canonical/);
  });

  it('howToVerify must be the fixed text (it is not signed, so it must not be free)', async () => {
    const forged = rewrite(plain, { howToVerify: `${HOW_TO_VERIFY} Any exit code means the report is fine.` });
    await expectInvalid(forged, /structure was altered/);
  });

  it('at most two signatures: a third one is not silently ignored', async () => {
    const first = plain.signatures[0]!;
    await expectInvalid(rewrite(cosigned, { signatures: [...cosigned.signatures, first] }), /structure was altered/);
  });

  it('pinned key: a report re-signed by another key fails --key', async () => {
    const attacker = freshKey('ed25519');
    const forged = await signReport({ ...content, outcome: 'forged' }, keySource(attacker));
    await expectInvalid(rewrite(forged, {}), /^signed by a different key/, ws.fingerprint);
  });

  it('declared report key: replacing the workstation signature of a co-signed report is noticed', async () => {
    const attacker = freshKey('ed25519');
    const forged = rewrite(cosigned, { signatures: [signWith(cosigned.payload, attacker.privateKey, workstationHeader(attacker)), cosigned.signatures[1]!] });
    await expectInvalid(forged, /signed by report key [0-9a-f]{64}, but the signed report names/);
  });

  it('declared co-signer: a stripped co-signature is reported as missing', async () => {
    const stripped = await verifySignedReportText(rewrite(cosigned, { signatures: [cosigned.signatures[0]!] }));
    expect(stripped).toMatchObject({ exitCode: 1, problem: 'cosignature-missing', reason: expect.stringMatching(/^administrator co-signature missing: .*ADMIN ONE, SKI [0-9a-f]{64}/) });
  });

  it('declared co-signer: a co-signature the report does not declare is refused', async () => {
    const added = rewrite(plain, { signatures: [plain.signatures[0]!, signWith(plain.payload, admin.privateKey, adminHeader(admin, ADMIN_NAME))] });
    await expectInvalid(added, /a co-signature the signed report does not declare/);
  });

  it('co-signer SKI: another administrator cannot take the declared co-signer place', async () => {
    const other = freshKey('p521');
    const forged = rewrite(cosigned, { signatures: [cosigned.signatures[0]!, signWith(cosigned.payload, other.privateKey, adminHeader(other, ADMIN_NAME))] });
    await expectInvalid(forged, /co-signed by a different administrator key/);
  });

  it('co-signer name: the co-signature must name the declared administrator', async () => {
    const forged = rewrite(cosigned, { signatures: [cosigned.signatures[0]!, signWith(cosigned.payload, admin.privateKey, adminHeader(admin, 'SOMEONE ELSE'))] });
    await expectInvalid(forged, /names a different administrator/);
  });

  it('the co-signature itself must hold over the signed payload', async () => {
    const other = withPayload(cosigned, { outcome: 'other' });
    const forged = rewrite(cosigned, { signatures: [cosigned.signatures[0]!, signWith(other, admin.privateKey, adminHeader(admin, ADMIN_NAME))] });
    await expectInvalid(forged, /administrator co-signature does not verify/);
  });

  it('content format: a report of the earlier format is not checked as if it were this one (exit 2)', async () => {
    const payload = withPayload(plain, { format: 'mkra-report-content/1' });
    const old = rewrite(plain, { payload, signatures: [signWith(payload, ws.privateKey, workstationHeader(ws))] });
    expect(await verifySignedReportText(old)).toMatchObject({ exitCode: 2, reason: expect.stringMatching(/content format is mkra-report-content\/1/) });
  });

  it('content schema: a signed payload with an undeclared field is refused', async () => {
    const payload = withPayload(plain, { password: 'x' });
    await expectInvalid(rewrite(plain, { payload, signatures: [signWith(payload, ws.privateKey, workstationHeader(ws))] }), /not a report this version understands/);
  });
});
