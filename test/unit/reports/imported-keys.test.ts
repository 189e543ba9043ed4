import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { spkiFingerprint } from '../../../electron/backend/reports/fingerprint.js';
import { importPublicKey, KEPT_KEYS } from '../../../electron/backend/reports/imported-keys.js';

const publicJwk = (type: 'ed25519' | 'ec') => {
  const pair = type === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'secp521r1' }) : generateKeyPairSync('ed25519');
  return { jwk: pair.publicKey.export({ format: 'jwk' }) as Record<string, unknown>, key: pair.publicKey };
};

describe('imported signer keys', () => {
  it('reads a public JWK to the key and fingerprint it names, and serves the same import again', () => {
    for (const type of ['ed25519', 'ec'] as const) {
      const { jwk, key } = publicJwk(type);
      const first = importPublicKey(jwk);
      expect(first.key.equals(key)).toBe(true);
      expect(first.fingerprint).toBe(spkiFingerprint(key));
      expect(importPublicKey({ ...jwk })).toBe(first);
    }
  });

  it('never answers one JWK with the key of another, even one differing in a single member', () => {
    const a = publicJwk('ed25519');
    const b = publicJwk('ed25519');
    const fromA = importPublicKey(a.jwk);
    const mixed = { ...a.jwk, x: b.jwk.x };
    expect(importPublicKey(mixed).fingerprint).toBe(spkiFingerprint(b.key));
    expect(importPublicKey(mixed).fingerprint).not.toBe(fromA.fingerprint);
  });

  it('refuses a private JWK or a damaged one every time, keeping nothing', () => {
    const pair = generateKeyPairSync('ed25519');
    const privateJwk = pair.privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
    expect(() => importPublicKey(privateJwk)).toThrow(/not a public JWK/);
    expect(() => importPublicKey(privateJwk)).toThrow(/not a public JWK/);
    const damaged = { ...(pair.publicKey.export({ format: 'jwk' }) as Record<string, unknown>), x: '!!' };
    expect(() => importPublicKey(damaged)).toThrow();
    expect(() => importPublicKey(damaged)).toThrow();
  });

  it(`keeps at most ${KEPT_KEYS} keys: the oldest is imported afresh once more have come`, () => {
    const first = publicJwk('ed25519').jwk;
    const kept = importPublicKey(first);
    for (let i = 0; i < KEPT_KEYS; i++) importPublicKey(publicJwk('ed25519').jwk);
    const again = importPublicKey(first);
    expect(again).not.toBe(kept);
    expect(again.fingerprint).toBe(kept.fingerprint);
  });
});
