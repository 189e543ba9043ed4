import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { importPublicKey, type ImportedKey } from './imported-keys.js';
import type { ReportSignature, SignerRole } from './signed-format.js';

// Exactly the members this app writes: anything else (crit, b64, x5u...) could change how the
// signature is checked, so a header holding it is refused.
const headerSchema = z.strictObject({
  alg: z.string(),
  kid: z.string().regex(/^[0-9a-f]{64}$/),
  jwk: z.record(z.string(), z.json()),
  mkra_role: z.string(),
  mkra_name: z.string().optional(),
});

/** A signature's decoded protected header, with its key checked against the `kid` it claims. */
export interface SignerHeader {
  /** As the header states it; readSignerHeader has checked it against the place's one algorithm. */
  alg: string;
  role: SignerRole;
  /** Report key fingerprint or administrator SKI: SHA-256 of the SPKI DER, hex. */
  kid: string;
  name: string | undefined;
  key: KeyObject;
}

/** The one algorithm and key type each place accepts, so a signature cannot claim another's place. */
const ROLE_RULES: Record<SignerRole, { alg: 'EdDSA' | 'ES512'; keyType: string; curve?: string }> = {
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
  if (!parsed.success) return { problem: `the ${expected} signature's header is malformed or has members this format does not define` };
  const header = parsed.data;
  const rule = ROLE_RULES[expected];
  // Role order: the workstation signs first, the administrator second.
  if (header.mkra_role !== expected) return { problem: `expected the ${expected} signature in this place, found one marked "${header.mkra_role}"` };
  // Algorithm allowlist: one algorithm per place; "none", HMAC or another spelling is refused.
  if (header.alg !== rule.alg) return { problem: `the ${expected} signature uses algorithm "${header.alg}"; only ${rule.alg} is accepted` };
  let signer: ImportedKey;
  try {
    signer = importPublicKey(header.jwk);
  } catch {
    return { problem: `the ${expected} signature's public key is not usable` };
  }
  const { key } = signer;
  // Node describes every asymmetric key (asymmetricKeyDetails); the `?.` only satisfies its type.
  // Stryker disable next-line OptionalChaining: equivalent, asymmetricKeyDetails is always set
  if (key.asymmetricKeyType !== rule.keyType || (rule.curve && key.asymmetricKeyDetails?.namedCurve !== rule.curve)) {
    return { problem: `the ${expected} signature's key has the wrong type` };
  }
  // The kid is what --key pins and what auditors compare: it must be the fingerprint of the key
  // that actually verifies the signature, not a name the signer chose.
  if (signer.fingerprint !== header.kid) return { problem: `the ${expected} signature's key does not have the fingerprint its header names` };
  return { alg: header.alg, role: expected, kid: header.kid, name: header.mkra_name, key };
}
