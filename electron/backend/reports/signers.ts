import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { publicKeyFromJwk, spkiFingerprint } from './fingerprint.js';
import type { ReportSignature, SignerRole } from './signed-format.js';

const headerSchema = z.looseObject({
  alg: z.enum(['EdDSA', 'ES512']),
  kid: z.string().regex(/^[0-9a-f]{64}$/),
  jwk: z.record(z.string(), z.json()),
  mkra_role: z.enum(['workstation', 'administrator']),
  mkra_name: z.string().optional(),
});

/** A signature's decoded protected header, with its key checked against the `kid` it claims. */
export interface SignerHeader {
  alg: 'EdDSA' | 'ES512';
  role: SignerRole;
  /** Report key fingerprint or administrator SKI: SHA-256 of the SPKI DER, hex. */
  kid: string;
  name: string | undefined;
  key: KeyObject;
}

/** What the role requires of alg and key type, so a signature cannot claim another role's place. */
const ROLE_RULES: Record<SignerRole, { alg: SignerHeader['alg']; keyType: string; curve?: string }> = {
  workstation: { alg: 'EdDSA', keyType: 'ed25519' },
  administrator: { alg: 'ES512', keyType: 'ec', curve: 'secp521r1' },
};

/** Decodes and checks one protected header; returns a one-line problem instead of throwing. */
export function readSignerHeader(signature: ReportSignature, expected: SignerRole): SignerHeader | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(signature.protected, 'base64url').toString('utf8'));
  } catch {
    return { problem: `the ${expected} signature's header is not valid JSON` };
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) return { problem: `the ${expected} signature's header is malformed` };
  const header = parsed.data;
  const rule = ROLE_RULES[expected];
  if (header.mkra_role !== expected || header.alg !== rule.alg) return { problem: `expected a ${expected} signature (${rule.alg}) in this place, found ${header.mkra_role} (${header.alg})` };
  let key: KeyObject;
  try {
    key = publicKeyFromJwk(header.jwk);
  } catch {
    return { problem: `the ${expected} signature's public key is not usable` };
  }
  if (key.asymmetricKeyType !== rule.keyType || (rule.curve && key.asymmetricKeyDetails?.namedCurve !== rule.curve)) {
    return { problem: `the ${expected} signature's key has the wrong type` };
  }
  if (spkiFingerprint(key) !== header.kid) return { problem: `the ${expected} signature's key does not have the fingerprint its header names` };
  return { alg: header.alg, role: expected, kid: header.kid, name: header.mkra_name, key };
}

/** Fingerprint and administrator SKI a signed report claims (unverified: for rendering only). */
export function claimedSigners(signatures: readonly ReportSignature[]): { fingerprint: string; admin?: { ski: string; name: string } } {
  const first = signatures[0] && readSignerHeader(signatures[0], 'workstation');
  if (!first || 'problem' in first) throw new Error(first ? first.problem : 'the report has no signature');
  const second = signatures[1] && readSignerHeader(signatures[1], 'administrator');
  if (second && 'problem' in second) throw new Error(second.problem);
  return { fingerprint: first.kid, ...(second ? { admin: { ski: second.kid, name: second.name ?? '' } } : {}) };
}
