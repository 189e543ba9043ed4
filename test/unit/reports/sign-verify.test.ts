import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSigKeyFile } from '../../../electron/backend/keyfiles/index.js';
import {
  AdminKeyError,
  createReport,
  PDF_RENDERER,
  serializeSignedReport,
  signReport,
  spkiFingerprint,
  verifyReportBytes,
  verifySignedReportText,
  type SignedReport,
} from '../../../electron/backend/reports/index.js';
import type { ReportContent } from '../../../shared/reports/index.js';
import { TempDirs, recoveryJournal, testKeyStore } from '../../fixtures/reports/journal-fixture.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());
const now = () => new Date('2026-11-28T21:00:00Z');

let content: ReportContent;
let signed: SignedReport;
let text: string;
let fingerprint: string;

beforeAll(async () => {
  const setup = new TempDirs();
  const dir = await setup.make();
  content = await createReport(await recoveryJournal(dir), { now });
  const store = testKeyStore(dir);
  signed = await signReport(content, store);
  text = serializeSignedReport(signed);
  fingerprint = (await store.publicKey())?.fingerprint ?? '';
  await setup.cleanup();
});

/** Positions spread over the whole file plus every position of the first signature's value. */
function samplePositions(length: number, count: number): number[] {
  const step = Math.max(1, Math.floor(length / count));
  const positions = new Set<number>();
  for (let i = 0; i < length; i += step) positions.add(i);
  const sig = text.indexOf('"signature": "') + 14;
  for (let i = sig; i < sig + 20; i++) positions.add(i);
  return [...positions];
}

describe('sign and verify a report', () => {
  it('round-trips with the workstation key alone', async () => {
    const result = await verifySignedReportText(text);
    expect(result).toMatchObject({ exitCode: 0, fingerprint, pinned: false, admin: null });
    if (result.exitCode === 0) expect(result.content).toEqual({ ...content, signing: { reportKey: fingerprint, coSigner: null, pdfRenderer: PDF_RENDERER } });
    expect(signed.signatures).toHaveLength(1);
    expect(JSON.parse(Buffer.from(signed.signatures[0]?.protected ?? '', 'base64url').toString())).toMatchObject({ alg: 'EdDSA', kid: fingerprint });
  });

  it('round-trips with an administrator co-signature and names the SKI', async () => {
    const dir = await dirs.make();
    const { path, ski } = await createSigKeyFile(dir, { fileName: '1.sigkey', description: '管理者 一郎', password: 'passw0rd' });
    const password = Buffer.from('passw0rd');
    const cosigned = await signReport(content, testKeyStore(dir), { adminKey: { file: path, password } });
    expect(password.toString()).toBe('passw0rd'); // the caller's buffer is theirs to zero
    const result = await verifySignedReportText(serializeSignedReport(cosigned));
    expect(result).toMatchObject({ exitCode: 0, admin: { ski, name: '管理者 一郎' } });
    // The workstation signature covers the co-signer it expects, so stripping it is noticed.
    expect(cosigned.payload.signing.coSigner).toEqual({ ski, name: '管理者 一郎' });
  });

  it('refuses a wrong administrator password without signing', async () => {
    const dir = await dirs.make();
    const { path } = await createSigKeyFile(dir, { fileName: '2.sigkey', description: 'admin', password: 'passw0rd' });
    const store = testKeyStore(dir);
    await expect(signReport(content, store, { adminKey: { file: path, password: 'wrong' } })).rejects.toThrow(AdminKeyError);
    // The report key was opened (here: created) first; the export screen stops asking to repeat its password.
    expect(await store.publicKey()).toBeDefined();
  });

  it('rejects every sampled single-byte change of the signed JSON', async () => {
    const bytes = Buffer.from(text, 'utf8');
    const positions = samplePositions(bytes.length, 400);
    expect(positions.length).toBeGreaterThan(300);
    for (const position of positions) {
      const changed = Buffer.from(bytes);
      const original = changed[position] ?? 0;
      // Printable replacements keep the JSON parseable more often, which is the harder case.
      changed[position] = original === 0x61 ? 0x62 : original === 0x20 ? 0x09 : 0x61;
      const result = await verifyReportBytes(changed);
      expect(result.exitCode, `byte ${position} (${String.fromCharCode(original)})`).not.toBe(0);
    }
  });

  it('says which check failed for an edited value', async () => {
    const edited = text.replace('"outcome": "completed"', '"outcome": "aborted!!"');
    expect(await verifySignedReportText(edited)).toMatchObject({ exitCode: 1, reason: expect.stringMatching(/the content was changed after signing/) });
    // The signature's last base64url character has unused low bits: a twin spelling decodes alike.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sig = signed.signatures[0]?.signature ?? '';
    const twin = sig.slice(0, -1) + alphabet[alphabet.indexOf(sig.at(-1) ?? 'A') ^ 1];
    expect(Buffer.from(twin, 'base64url')).toEqual(Buffer.from(sig, 'base64url'));
    expect(await verifySignedReportText(text.replace(sig, twin))).toMatchObject({ exitCode: 1, reason: expect.stringMatching(/non-canonical/) });
    const relaid = JSON.stringify(JSON.parse(text));
    expect(await verifySignedReportText(relaid)).toMatchObject({ exitCode: 1, reason: expect.stringMatching(/edited after signing/) });
  });

  it('pins the expected signer by fingerprint, PEM or JWK', async () => {
    const other = generateKeyPairSync('ed25519').publicKey;
    const otherFp = spkiFingerprint(other);
    const mismatch = await verifyReportBytes(Buffer.from(text), { pinnedKey: otherFp });
    expect(mismatch).toMatchObject({ exitCode: 1, reason: expect.stringMatching(/^signed by a different key/) });
    const pem = other.export({ type: 'spki', format: 'pem' }).toString();
    expect((await verifyReportBytes(Buffer.from(text), { pinnedKey: pem })).exitCode).toBe(1);
    expect(await verifyReportBytes(Buffer.from(text), { pinnedKey: fingerprint.toUpperCase().replace(/(..)(?=.)/g, '$1:') })).toMatchObject({ exitCode: 0, pinned: true });
    const store = await testKeyStore(await dirs.make()).loadKey();
    expect(store.publicKey.fingerprint).not.toBe(fingerprint);
    expect((await verifyReportBytes(Buffer.from(text), { pinnedKey: JSON.stringify(store.publicKey.jwk) })).exitCode).toBe(1);
  });

  it('accepts a report re-signed by another key only unpinned, and rejects it when the expected key is pinned', async () => {
    const forged = await signReport({ ...content, outcome: 'forged' }, testKeyStore(await dirs.make()));
    const unpinned = await verifySignedReportText(serializeSignedReport(forged));
    expect(unpinned).toMatchObject({ exitCode: 0, pinned: false });
    expect(unpinned.exitCode === 0 && unpinned.fingerprint).not.toBe(fingerprint);
    expect((await verifySignedReportText(serializeSignedReport(forged), fingerprint)).exitCode).toBe(1);
  });

  it('rejects a signature swapped in from another report', async () => {
    const other = await signReport({ ...content, outcome: 'other' }, testKeyStore(await dirs.make()));
    const swapped = serializeSignedReport({ ...signed, signatures: other.signatures });
    expect((await verifySignedReportText(swapped)).exitCode).toBe(1);
  });

  it('gives exit 2 for empty, garbage, truncated and non-report input', async () => {
    const cases: [string, Uint8Array][] = [
      ['empty', new Uint8Array()],
      ['garbage', Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 0, 1, 2])],
      ['truncated', Buffer.from(text.slice(0, Math.floor(text.length / 2)))],
      ['other JSON', Buffer.from('{"hello":"world"}\n')],
      ['bad PDF', Buffer.from('%PDF-1.7\nnot really\n')],
      ['not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
    ];
    for (const [name, bytes] of cases) {
      const result = await verifyReportBytes(bytes);
      expect(result.exitCode, name).toBe(2);
      expect(result.exitCode !== 0 && result.reason, name).toMatch(/\S/);
    }
    expect(await verifyReportBytes(Buffer.from(text), { pinnedKey: 'not-a-key' })).toMatchObject({ exitCode: 2, reason: expect.stringMatching(/^--key/) });
  });
});
