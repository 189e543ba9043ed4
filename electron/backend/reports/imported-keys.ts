import type { KeyObject } from 'node:crypto';
import { publicKeyFromJwk, spkiFingerprint } from './fingerprint.js';

/** A signer's public key as read from its JWK, with its fingerprint (SHA-256 of the SPKI DER, hex). */
export interface ImportedKey {
  key: KeyObject;
  fingerprint: string;
}

/**
 * How many imported keys are kept. A workstation verifies reports signed by a few keys (its report
 * key, some administrators'), so a handful covers them; the bound keeps an attacker's stream of
 * fresh keys from growing memory.
 */
export const KEPT_KEYS = 16;
const kept = new Map<string, ImportedKey>();

/**
 * Reads a public JWK (publicKeyFromJwk: throws on anything that is not one) and keeps the result
 * under the JWK's exact JSON text. Importing costs milliseconds (Node checks an EC point is on its
 * curve, and jose imports the key again for WebCrypto unless it sees the same KeyObject twice),
 * and the same few keys sign every report verified here. A key is a pure function of its JWK's
 * members, so a kept one is the key that JWK names; failures are not kept.
 */
export function importPublicKey(jwk: Record<string, unknown>): ImportedKey {
  const text = JSON.stringify(jwk);
  const found = kept.get(text);
  if (found) return found;
  const key = publicKeyFromJwk(jwk);
  const imported = { key, fingerprint: spkiFingerprint(key) };
  if (kept.size >= KEPT_KEYS) kept.delete(kept.keys().next().value as string);
  kept.set(text, imported);
  return imported;
}
