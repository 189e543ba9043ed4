import { createPublicKey, type KeyObject } from 'node:crypto';
import { FlattenedSign, type JWK } from 'jose';
import { reportContentSchema, SIGNED_REPORT_FORMAT, signedPayloadSchema, type ReportContent, type SignedPayload } from '../../../shared/reports/index.js';
import { openAdminSigningKey, type AdminSigningKey } from './admin-key.js';
import type { ReportPublicKey } from './key-store.js';
import { PDF_RENDERER } from './pdf-renderer-id.js';
import { HOW_TO_VERIFY, jwsPayload, type ReportSignature, type SignedReport } from './signed-format.js';

/** What signReport needs from the report key store (a seam for tests). */
export interface ReportSigningKeySource {
  loadKey(): Promise<{ privateKey: KeyObject; publicKey: ReportPublicKey }>;
}

export interface SignOptions {
  /** A TKE administrator signature key file and its password, used once for a co-signature. */
  adminKey?: { file: string; password: string | Uint8Array };
}

async function signOnce(payload: Uint8Array, header: Record<string, unknown> & { alg: string }, key: KeyObject): Promise<ReportSignature> {
  const jws = await new FlattenedSign(payload).setProtectedHeader(header).sign(key);
  return { protected: jws.protected ?? '', signature: jws.signature };
}

/**
 * Signs report content: the payload is the content plus `signing` (the report key's fingerprint,
 * the co-signer the report expects, the PDF renderer), signed with EdDSA by the workstation's
 * report key and optionally co-signed (ES512) by a TKE administrator. Both keys are opened before
 * anything is signed, because the workstation signature must cover the co-signer's SKI: a report
 * whose co-signature was stripped then no longer verifies. The report key is opened first (on
 * first use that creates it, which the export screen relies on even when the co-signature fails).
 */
export async function signReport(content: ReportContent, keyStore: ReportSigningKeySource, options: SignOptions = {}): Promise<SignedReport> {
  const checked = reportContentSchema.parse(content);
  const { privateKey, publicKey } = await keyStore.loadKey();
  const admin: AdminSigningKey | undefined = options.adminKey ? await openAdminSigningKey(options.adminKey.file, options.adminKey.password) : undefined;
  const payload: SignedPayload = signedPayloadSchema.parse({
    ...checked,
    signing: { reportKey: publicKey.fingerprint, coSigner: admin ? { ski: admin.ski, name: admin.name } : null, pdfRenderer: PDF_RENDERER },
  });
  const bytes = jwsPayload(payload);
  const signatures = [await signOnce(bytes, { alg: 'EdDSA', kid: publicKey.fingerprint, jwk: publicKey.jwk as JWK, mkra_role: 'workstation' }, privateKey)];
  if (admin) {
    const publicJwk = createPublicKey(admin.privateKey).export({ format: 'jwk' }) as JWK;
    signatures.push(await signOnce(bytes, { alg: 'ES512', kid: admin.ski, jwk: publicJwk, mkra_role: 'administrator', mkra_name: admin.name }, admin.privateKey));
  }
  return { format: SIGNED_REPORT_FORMAT, howToVerify: HOW_TO_VERIFY, payload, signatures };
}
