import { canonicalJson } from '../journal/canonical.js';
import { z } from 'zod';
import { SIGNED_REPORT_FORMAT, type SignedPayload } from '../../../shared/reports/index.js';

/** Who made a signature: the workstation's report key (always) or a TKE administrator (optional). */
export type SignerRole = 'workstation' | 'administrator';

/**
 * One JWS signature in the General JWS JSON Serialization (RFC 7515 §7.2.1). The protected header
 * holds `alg`, `kid` (fingerprint or SKI), `jwk` (the public key), `mkra_role` and, for an
 * administrator, `mkra_name`.
 */
export interface ReportSignature {
  protected: string;
  signature: string;
}

/**
 * A signed report file. It is a General JWS JSON Serialization whose `payload` member holds the
 * decoded content object instead of base64url text, so people can read it; the JWS payload is
 * BASE64URL(JCS(payload)) and is recomputed when verifying (docs/reports.md).
 */
export interface SignedReport {
  format: typeof SIGNED_REPORT_FORMAT;
  howToVerify: typeof HOW_TO_VERIFY;
  payload: SignedPayload;
  signatures: ReportSignature[];
}

/** Fixed instructions carried by every signed file; verification requires this exact text. */
export const HOW_TO_VERIFY =
  'Verify with: mkra verify THIS-FILE [--key EXPECTED-FINGERPRINT-OR-PUBLIC-KEY]. The signatures are a General JWS JSON ' +
  'Serialization (RFC 7515) over BASE64URL(RFC 8785 canonical JSON of "payload"). The first is the workstation report key ' +
  '(EdDSA); its fingerprint, SHA-256 of the public key SPKI DER in hex, is the protected header kid: compare it with the one ' +
  'you expect. A second (ES512) is a TKE administrator co-signature whose kid is the administrator SKI. Exit 0 valid, ' +
  '1 tampered or signed by another key, 2 not a readable report.';

/** The outer shape checked before any signature; the payload is checked after, because it is signed. */
export const signedEnvelopeSchema = z.strictObject({
  format: z.literal(SIGNED_REPORT_FORMAT),
  howToVerify: z.literal(HOW_TO_VERIFY),
  payload: z.record(z.string(), z.json()),
  signatures: z
    .array(z.strictObject({ protected: z.string().regex(/^[A-Za-z0-9_-]+$/), signature: z.string().regex(/^[A-Za-z0-9_-]+$/) }))
    .min(1)
    .max(2),
});

/** The JWS payload bytes: RFC 8785 canonical JSON of the content, UTF-8. */
export function jwsPayload(content: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(content));
}

/**
 * The one byte layout a signed report file may have: JCS member order, two-space indentation, a
 * final newline. Verification insists on it, so any edit to the file (even whitespace) is noticed.
 */
export function serializeSignedReport(signed: SignedReport | unknown): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(signed)), null, 2)}\n`;
}
