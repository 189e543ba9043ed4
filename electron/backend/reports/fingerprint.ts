import { createHash, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/**
 * SHA-256 of the public key's SPKI DER as 64 lower-case hex digits: the report key's fingerprint,
 * and the same rule TKE uses for an administrator's SKI (shared/tke/keyfiles.ts).
 */
export function spkiFingerprint(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** Reads a public JWK; throws on anything that is not one (private members are refused). */
export function publicKeyFromJwk(jwk: unknown): KeyObject {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk) || 'd' in jwk) throw new TypeError('not a public JWK');
  return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
}

/** Normalises a typed fingerprint (any case, colons, spaces, `sha256:` prefix); undefined if it is not one. */
export function normaliseFingerprint(text: string): string | undefined {
  const hex = text.trim().replace(/^sha-?256:/i, '').replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}

/** Fingerprint from `--key`'s value: a fingerprint, a PEM public key or a public JWK (JSON text). */
export function pinnedFingerprint(text: string): string {
  const direct = normaliseFingerprint(text);
  if (direct) return direct;
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return spkiFingerprint(publicKeyFromJwk(JSON.parse(trimmed)));
  if (trimmed.includes('-----BEGIN')) {
    if (/PRIVATE KEY/.test(trimmed)) throw new TypeError('this is a private key: pin the public key or its fingerprint');
    return spkiFingerprint(createPublicKey({ key: trimmed, format: 'pem' }));
  }
  throw new TypeError('not a fingerprint (64 hex digits), a PEM public key or a public JWK');
}

