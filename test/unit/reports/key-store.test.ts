import { readFile, stat } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { PBKDF2_ITERATIONS, ReportKeyError, ReportKeyStore, spkiFingerprint } from '../../../electron/backend/reports/index.js';
import { TempDirs, memorySecretBox } from '../../fixtures/reports/journal-fixture.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

describe('ReportKeyStore', () => {
  it('creates an Ed25519 key on first use and opens the same key afterwards', async () => {
    const dataDir = await dirs.make();
    const box = memorySecretBox();
    const store = new ReportKeyStore({ dataDir, secretBox: box });
    expect(await store.publicKey()).toBeUndefined();
    const first = await store.loadKey();
    expect(first.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(first.publicKey.fingerprint).toBe(spkiFingerprint(first.privateKey));
    expect(first.publicKey.pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(first.publicKey.jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect(first.publicKey.jwk).not.toHaveProperty('d');
    const again = await new ReportKeyStore({ dataDir, secretBox: box }).loadKey();
    expect(again.publicKey.fingerprint).toBe(first.publicKey.fingerprint);
    expect(await store.publicKey()).toEqual(first.publicKey);
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    const file = JSON.parse(await readFile(store.path, 'utf8')) as { protection: { kind: string } };
    expect(file.protection.kind).toBe('secret-box');
  });

  it('never writes the private key in the clear', async () => {
    const dataDir = await dirs.make();
    const store = new ReportKeyStore({ dataDir, secretBox: memorySecretBox() });
    const { privateKey } = await store.loadKey();
    const der = privateKey.export({ type: 'pkcs8', format: 'der' });
    const seed = der.subarray(der.length - 32);
    const stored = await readFile(store.path);
    for (const encoding of ['base64', 'hex', 'base64url'] as const) expect(stored.toString()).not.toContain(seed.toString(encoding));
    expect(stored.includes(seed)).toBe(false);
  });

  it('falls back to a password-protected file when no SecretBox is available', async () => {
    const dataDir = await dirs.make();
    const store = new ReportKeyStore({ dataDir, secretBox: memorySecretBox(false), password: () => 'correct horse battery' });
    const created = await store.loadKey();
    const file = JSON.parse(await readFile(store.path, 'utf8')) as { protection: Record<string, unknown> };
    expect(file.protection).toMatchObject({ kind: 'password', kdf: 'pbkdf2-hmac-sha256', iterations: PBKDF2_ITERATIONS });
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const reopened = await new ReportKeyStore({ dataDir, password: () => Buffer.from('correct horse battery') }).loadKey();
    expect(reopened.publicKey.fingerprint).toBe(created.publicKey.fingerprint);
    await expect(new ReportKeyStore({ dataDir, password: () => 'wrong password!' }).loadKey()).rejects.toThrow(/wrong password for the report key/);
  });

  it('explains what is missing instead of creating a weak key', async () => {
    const dataDir = await dirs.make();
    await expect(new ReportKeyStore({ dataDir }).loadKey()).rejects.toThrow(ReportKeyError);
    await expect(new ReportKeyStore({ dataDir, password: () => 'short' }).loadKey()).rejects.toThrow(/at least 8/);
    await new ReportKeyStore({ dataDir, secretBox: memorySecretBox() }).loadKey();
    await expect(new ReportKeyStore({ dataDir, secretBox: memorySecretBox(false) }).loadKey()).rejects.toThrow(/keychain.*not available/);
    await expect(new ReportKeyStore({ dataDir, secretBox: memorySecretBox() }).loadKey()).rejects.toThrow(/could not decrypt/);
  });
});
