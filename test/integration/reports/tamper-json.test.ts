/**
 * Tamper campaign, signed JSON: every byte changed to three other values, then whole-report
 * attacks (payload swap, alg none, stripped and re-made signatures, truncation). Bounded by
 * counts and a fixed seed; the figures are printed. None of it may verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigKeyFile } from '../../../electron/backend/keyfiles/index.js';
import { createReport, openAdminSigningKey, serializeSignedReport, signReport, verifyReportBytes, type SignedReport } from '../../../electron/backend/reports/index.js';
import type { ReportContent } from '../../../shared/reports/index.js';
import { Campaign, otherByte, seededRandom } from '../../fixtures/reports/campaign.js';
import { adminHeader, freshKey, hmacWith, keySource, rewrite, seededEd25519, signerOf, signWith, withPayload, workstationHeader, type Signer } from '../../fixtures/reports/forge.js';
import { TempDirs, recoveryJournal } from '../../fixtures/reports/journal-fixture.js';

const dirs = new TempDirs();
const ws = seededEd25519('tamper campaign workstation');
const ADMIN = 'Campaign Admin';
let content: ReportContent;
let report: SignedReport;
let other: SignedReport;
let admin: Signer;

beforeAll(async () => {
  const dir = await dirs.make();
  content = await createReport(await recoveryJournal(dir), { now: () => new Date('2026-11-28T21:00:00Z') });
  const { path } = await createSigKeyFile(dir, { fileName: 'admin.sigkey', description: ADMIN, password: 'campaign-pw' });
  admin = signerOf((await openAdminSigningKey(path, 'campaign-pw')).privateKey);
  report = await signReport(content, keySource(ws), { adminKey: { file: path, password: 'campaign-pw' } });
  other = await signReport({ ...content, outcome: 'aborted' }, keySource(ws), { adminKey: { file: path, password: 'campaign-pw' } });
}, 120_000);
afterAll(() => dirs.cleanup());

const bytesOf = (text: string) => Buffer.from(text, 'utf8');

describe('tamper campaign: signed JSON', () => {
  it('changes every byte of a co-signed report to three other values: none verifies', { timeout: 900_000 }, async () => {
    const bytes = bytesOf(serializeSignedReport(report));
    expect((await verifyReportBytes(bytes, { pinnedKey: ws.fingerprint })).exitCode).toBe(0);
    const random = seededRandom(0x4a534f4e);
    const campaign = new Campaign('JSON, every byte changed');
    for (let position = 0; position < bytes.length; position++) {
      const original = bytes[position] ?? 0;
      const values = [original ^ 0x01, original ^ 0x20];
      values.push(otherByte(original, random, values));
      for (const value of values) {
        bytes[position] = value;
        campaign.record(`byte ${position}: ${original} -> ${value}`, await verifyReportBytes(bytes));
      }
      bytes[position] = original;
    }
    campaign.print({ 'file bytes': bytes.length, 'positions tried': bytes.length, 'bytes flipped': campaign.tried });
    expect(campaign.verified).toEqual([]);
    expect(campaign.tried).toBe(3 * bytes.length);
  });

  it('whole-report attacks: payload swap, alg none, stripped or re-made signatures: none verifies, pinned or not', { timeout: 300_000 }, async () => {
    const attacker = freshKey('ed25519');
    const [workstation, administrator] = report.signatures;
    if (!workstation || !administrator) throw new Error('the campaign report must be co-signed');
    const redeclared = withPayload(report, { outcome: 'failed', signing: { ...report.payload.signing, reportKey: attacker.fingerprint } });
    const attacks: Record<string, string> = {
      'payload of report A, signatures of report B': rewrite(report, { signatures: other.signatures }),
      'payload of report B, signatures of report A': rewrite(other, { signatures: report.signatures }),
      'signatures of A and B mixed': rewrite(report, { signatures: [workstation, other.signatures[1] ?? administrator] }),
      'alg none, empty signature': rewrite(report, { signatures: [{ protected: Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url'), signature: '' }] }),
      'alg none, some signature': rewrite(report, { signatures: [{ protected: Buffer.from(JSON.stringify({ ...workstationHeader(ws), alg: 'none' })).toString('base64url'), signature: 'AA' }] }),
      'alg HS256 keyed with the public key PEM': rewrite(report, { signatures: [hmacWith(report.payload, ws.publicKey.export({ type: 'spki', format: 'pem' }), workstationHeader(ws, { alg: 'HS256' }))] }),
      'alg HS256 keyed with the JWK x': rewrite(report, { signatures: [hmacWith(report.payload, String(ws.jwk.x), workstationHeader(ws, { alg: 'HS256' }))] }),
      'every signature stripped': rewrite(report, { signatures: [] }),
      'co-signature stripped': rewrite(report, { signatures: [workstation] }),
      'workstation signature stripped': rewrite(report, { signatures: [administrator] }),
      'workstation signature re-made by another key, header kept': rewrite(report, {
        signatures: [{ protected: workstation.protected, signature: signWith(report.payload, attacker.privateKey, workstationHeader(ws)).signature }, administrator],
      }),
      'workstation signature re-made by another key, payload unchanged': rewrite(report, { signatures: [signWith(report.payload, attacker.privateKey, workstationHeader(attacker)), administrator] }),
      'content changed and re-signed by another key, co-signature kept': rewrite(report, { payload: redeclared, signatures: [signWith(redeclared, attacker.privateKey, workstationHeader(attacker)), administrator] }),
      'content changed, co-signature re-made by another administrator': rewrite(report, {
        payload: redeclared,
        signatures: [signWith(redeclared, attacker.privateKey, workstationHeader(attacker)), signWith(redeclared, freshKey('p521').privateKey, adminHeader(admin, ADMIN))],
      }),
      'content changed, co-signature dropped and undeclared, kid of the real key': rewrite(report, {
        payload: withPayload(report, { outcome: 'failed', signing: { ...report.payload.signing, coSigner: null } }),
        signatures: [signWith(withPayload(report, { outcome: 'failed', signing: { ...report.payload.signing, coSigner: null } }), attacker.privateKey, workstationHeader(attacker, { kid: ws.fingerprint }))],
      }),
    };
    const campaign = new Campaign('JSON, whole-report attacks');
    for (const [name, text] of Object.entries(attacks)) {
      campaign.record(`${name} (unpinned)`, await verifyReportBytes(bytesOf(text)));
      campaign.record(`${name} (--key)`, await verifyReportBytes(bytesOf(text), { pinnedKey: ws.fingerprint }));
    }
    campaign.print({ 'payloads tried': Object.keys(attacks).length });
    expect(campaign.verified).toEqual([]);
  });

  it('a report re-made whole by another key fails --key, and unpinned names the other key (only pinning can tell)', async () => {
    const attacker = freshKey('ed25519');
    const forged = bytesOf(serializeSignedReport(await signReport({ ...content, outcome: 'failed' }, keySource(attacker))));
    const campaign = new Campaign('JSON, re-made by another key, pinned');
    campaign.record('re-made whole by another key (--key)', await verifyReportBytes(forged, { pinnedKey: ws.fingerprint }));
    campaign.print();
    expect(campaign.verified).toEqual([]);
    expect(await verifyReportBytes(forged)).toMatchObject({ exitCode: 0, pinned: false, fingerprint: attacker.fingerprint });
  });

  it('cuts the file at hundreds of points: none verifies', { timeout: 300_000 }, async () => {
    const bytes = bytesOf(serializeSignedReport(report));
    const cuts = new Set<number>();
    for (let i = 0; i < 64; i++) {
      cuts.add(i);
      cuts.add(bytes.length - 1 - i);
    }
    for (let i = 0; i < 400; i++) cuts.add(Math.floor((i * bytes.length) / 400));
    const campaign = new Campaign('JSON, truncated');
    for (const cut of cuts) campaign.record(`cut at ${cut}`, await verifyReportBytes(bytes.subarray(0, cut)));
    campaign.print({ 'cut points': cuts.size });
    expect(campaign.verified).toEqual([]);
  });
});
