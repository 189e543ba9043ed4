import { flattenedVerify } from 'jose';
import { reportContentSchema, SIGNED_REPORT_FORMAT, type ReportContent } from '../../../shared/reports/index.js';
import { HOW_TO_VERIFY, jwsPayload, serializeSignedReport, signedEnvelopeSchema, type ReportSignature, type SignedReport } from './signed-format.js';
import { readSignerHeader, type SignerHeader } from './signers.js';

/** Result of verifying a report; exitCode is what `mkra verify` exits with. */
export type ReportVerification =
  | {
      exitCode: 0;
      status: 'valid';
      /** Report key fingerprint (SHA-256 of SPKI DER, hex). */
      fingerprint: string;
      /** True when the caller pinned this fingerprint; false means nobody checked who signed. */
      pinned: boolean;
      admin: { ski: string; name: string } | null;
      content: ReportContent;
      signed: SignedReport;
    }
  | { exitCode: 1; status: 'invalid'; reason: string }
  | { exitCode: 2; status: 'unreadable'; reason: string };

export const invalid = (reason: string): ReportVerification => ({ exitCode: 1, status: 'invalid', reason });
export const unreadable = (reason: string): ReportVerification => ({ exitCode: 2, status: 'unreadable', reason });

async function signatureHolds(signature: ReportSignature, header: SignerHeader, payload: string): Promise<boolean> {
  try {
    await flattenedVerify({ payload, protected: signature.protected, signature: signature.signature }, header.key, { algorithms: [header.alg] });
    return true;
  } catch {
    return false;
  }
}

/**
 * Verifies a signed report's text: exact file layout, the workstation signature (against the
 * pinned fingerprint when given, else the embedded key), the optional administrator co-signature,
 * then the content schema.
 */
export async function verifySignedReportText(text: string, pinnedFingerprint?: string): Promise<ReportVerification> {
  if (text.trim() === '') return unreadable('the file is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return unreadable('not valid JSON (truncated or damaged?)');
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== SIGNED_REPORT_FORMAT) {
    return unreadable(`not a signed report: no "format": "${SIGNED_REPORT_FORMAT}"`);
  }
  const envelope = signedEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return invalid('the report structure was altered (payload or signatures malformed)');
  if (serializeSignedReport(raw) !== text) return invalid('the file was edited after signing: its bytes differ from the layout it was written in');
  // Base64url's last character carries unused bits; only the canonical spelling is accepted, so
  // no byte of a signed file can change without failing verification.
  const canonical = (text: string) => Buffer.from(text, 'base64url').toString('base64url') === text;
  if (!envelope.data.signatures.every((s) => canonical(s.protected) && canonical(s.signature))) return invalid('a signature was altered (non-canonical base64url)');
  const [workstation, administrator] = envelope.data.signatures;
  if (!workstation) return invalid('the report has no signature');
  const payload = Buffer.from(jwsPayload(envelope.data.payload)).toString('base64url');
  const header = readSignerHeader(workstation, 'workstation');
  if ('problem' in header) return invalid(header.problem);
  if (!(await signatureHolds(workstation, header, payload))) return invalid('the report key signature does not verify: the content was changed after signing');
  if (pinnedFingerprint !== undefined && header.kid !== pinnedFingerprint) {
    return invalid(`signed by a different key: fingerprint ${header.kid}, expected ${pinnedFingerprint}`);
  }
  let admin: { ski: string; name: string } | null = null;
  if (administrator) {
    const adminHeader = readSignerHeader(administrator, 'administrator');
    if ('problem' in adminHeader) return invalid(adminHeader.problem);
    if (!(await signatureHolds(administrator, adminHeader, payload))) return invalid('the administrator co-signature does not verify');
    admin = { ski: adminHeader.kid, name: adminHeader.name ?? '' };
  }
  const content = reportContentSchema.safeParse(envelope.data.payload);
  if (!content.success) return invalid('the signed content is not a report this version understands');
  const signed: SignedReport = { format: SIGNED_REPORT_FORMAT, howToVerify: HOW_TO_VERIFY, payload: content.data, signatures: envelope.data.signatures };
  return { exitCode: 0, status: 'valid', fingerprint: header.kid, pinned: pinnedFingerprint !== undefined, admin, content: content.data, signed };
}
