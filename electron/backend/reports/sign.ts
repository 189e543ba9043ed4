import { createPublicKey, type KeyObject } from 'node:crypto';
import { FlattenedSign, type JWK } from 'jose';
import { reportContentSchema, SIGNED_REPORT_FORMAT, type ReportContent } from '../../../shared/reports/index.js';
import { openAdminSigningKey } from './admin-key.js';
import type { ReportPublicKey } from './key-store.js';
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
 * Signs report content: payload JCS(content), an EdDSA signature with the workstation's report key,
 * and optionally an ES512 co-signature by a TKE administrator whose SKI the report then names.
 */
export async function signReport(content: ReportContent, keyStore: ReportSigningKeySource, options: SignOptions = {}): Promise<SignedReport> {
  const checked = reportContentSchema.parse(content);
  const payload = jwsPayload(checked);
  const { privateKey, publicKey } = await keyStore.loadKey();
  const signatures = [
    await signOnce(payload, { alg: 'EdDSA', kid: publicKey.fingerprint, jwk: publicKey.jwk as JWK, mkra_role: 'workstation' }, privateKey),
  ];
  if (options.adminKey) {
    const admin = await openAdminSigningKey(options.adminKey.file, options.adminKey.password);
    const publicJwk = createPublicKey(admin.privateKey).export({ format: 'jwk' }) as JWK;
    signatures.push(await signOnce(payload, { alg: 'ES512', kid: admin.ski, jwk: publicJwk, mkra_role: 'administrator', mkra_name: admin.name }, admin.privateKey));
  }
  return { format: SIGNED_REPORT_FORMAT, howToVerify: HOW_TO_VERIFY, payload: checked, signatures };
}
