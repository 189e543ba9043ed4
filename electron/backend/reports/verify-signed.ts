import { flattenedVerify } from 'jose';
import { REPORT_CONTENT_FORMAT, SIGNED_REPORT_FORMAT, signedPayloadSchema, type SignedPayload } from '../../../shared/reports/index.js';
import { HOW_TO_VERIFY, jwsPayload, serializeSignedReport, signedEnvelopeSchema, type ReportSignature, type SignedReport } from './signed-format.js';
import { readSignerHeader, type SignerHeader } from './signers.js';

/**
 * What was checked of a PDF's pages: `identical` (the file is exactly the PDF this verifier makes
 * from the signed report), `not-checked` (the report names another PDF renderer: only the signed
 * report.json inside was verified) or `none` (a JSON report has no pages).
 */
export type PagesCheck = 'identical' | 'not-checked' | 'none';

/** Failures the app words on its own, besides the backend's reason. */
export type InvalidProblem = 'pages-differ' | 'cosignature-missing';

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
      content: SignedPayload;
      signed: SignedReport;
      pages: PagesCheck;
    }
  | { exitCode: 1; status: 'invalid'; reason: string; problem?: InvalidProblem }
  | { exitCode: 2; status: 'unreadable'; reason: string };

type Valid = Extract<ReportVerification, { status: 'valid' }>;

export const invalid = (reason: string, problem?: InvalidProblem): ReportVerification => ({ exitCode: 1, status: 'invalid', reason, ...(problem ? { problem } : {}) });
export const unreadable = (reason: string): ReportVerification => ({ exitCode: 2, status: 'unreadable', reason });

async function signatureHolds(signature: ReportSignature, header: SignerHeader, payload: string): Promise<boolean> {
  const jws = { payload, protected: signature.protected, signature: signature.signature };
  // Defence in depth: readSignerHeader has already admitted only the one algorithm of the place.
  // Stryker disable next-line ObjectLiteral: equivalent, header.alg is that algorithm
  const options = { algorithms: [header.alg] };
  try {
    await flattenedVerify(jws, header.key, options);
  } catch {
    return false;
  }
  return true;
}

/** The layout the parsed file would be written in, or null for a value canonical JSON refuses. */
function layoutOf(raw: unknown): string | null {
  let layout: string | null = null;
  try {
    layout = serializeSignedReport(raw);
  } catch {
    // Refused by canonical JSON: the file has no layout it could have been written in.
  }
  return layout;
}

/** The exact bytes a signed file may have; anything else was edited after signing. */
function checkLayout(text: string): { signed: { payload: Record<string, unknown>; signatures: ReportSignature[] } } | ReportVerification {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return unreadable('not valid JSON (truncated or damaged?)');
  }
  // Of the values JSON.parse returns, only null has no members to read.
  if (raw === null || (raw as { format?: unknown }).format !== SIGNED_REPORT_FORMAT) {
    return unreadable(`not a signed report: no "format": "${SIGNED_REPORT_FORMAT}"`);
  }
  const envelope = signedEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return invalid('the report structure was altered (payload, signatures or the howToVerify text malformed)');
  if (layoutOf(raw) !== text) return invalid('the file was edited after signing: its bytes differ from the layout it was written in');
  // Base64url's last character carries unused bits; only the canonical spelling is accepted, so
  // no byte of a signed file can change without failing verification.
  const canonical = (value: string) => Buffer.from(value, 'base64url').toString('base64url') === value;
  if (!envelope.data.signatures.every((s) => canonical(s.protected) && canonical(s.signature))) return invalid('a signature was altered (non-canonical base64url)');
  return { signed: envelope.data };
}

/** The payload after the workstation signature holds: this version's format and schema. */
function checkPayload(payload: Record<string, unknown>): SignedPayload | ReportVerification {
  if (payload.format !== REPORT_CONTENT_FORMAT) {
    const format = typeof payload.format === 'string' ? payload.format : 'unknown';
    return unreadable(`the report's content format is ${format}; this mkra verifies ${REPORT_CONTENT_FORMAT} (reports of earlier versions do not declare their co-signer and PDF renderer)`);
  }
  const content = signedPayloadSchema.safeParse(payload);
  return content.success ? content.data : invalid('the signed content is not a report this version understands');
}

/** The co-signature the signed payload declares must be there, by that administrator, and hold. */
async function checkCoSigner(content: SignedPayload, administrator: ReportSignature | undefined, payload: string): Promise<Valid['admin'] | ReportVerification> {
  const declared = content.signing.coSigner;
  if (declared === null) return administrator ? invalid('the file carries a co-signature the signed report does not declare') : null;
  if (!administrator) {
    return invalid(`administrator co-signature missing: the signed report names ${declared.name || '(no name)'}, SKI ${declared.ski}, as co-signer, but the file has no co-signature`, 'cosignature-missing');
  }
  const header = readSignerHeader(administrator, 'administrator');
  if ('problem' in header) return invalid(header.problem);
  if (header.kid !== declared.ski) return invalid(`co-signed by a different administrator key: SKI ${header.kid}, the signed report names ${declared.ski}`);
  if ((header.name ?? '') !== declared.name) return invalid('the co-signature names a different administrator than the signed report');
  if (!(await signatureHolds(administrator, header, payload))) return invalid('the administrator co-signature does not verify');
  return { ski: declared.ski, name: declared.name };
}

/**
 * Verifies a signed report's text: exact file layout, the workstation signature (against the
 * pinned fingerprint when given, else the embedded key) and the key the payload declares, the
 * content schema, then the co-signature the payload declares. Pages are the caller's to check.
 */
export async function verifySignedReportText(text: string, pinnedFingerprint?: string): Promise<ReportVerification> {
  if (text.trim() === '') return unreadable('the file is empty');
  const layout = checkLayout(text);
  if ('exitCode' in layout) return layout;
  // The envelope schema admits one or two signatures: the workstation's is always there, first.
  const [workstation, administrator] = layout.signed.signatures as [ReportSignature, ReportSignature | undefined];
  const payload = Buffer.from(jwsPayload(layout.signed.payload)).toString('base64url');
  const header = readSignerHeader(workstation, 'workstation');
  if ('problem' in header) return invalid(header.problem);
  if (!(await signatureHolds(workstation, header, payload))) return invalid('the report key signature does not verify: the content was changed after signing');
  if (pinnedFingerprint !== undefined && header.kid !== pinnedFingerprint) {
    return invalid(`signed by a different key: fingerprint ${header.kid}, expected ${pinnedFingerprint}`);
  }
  const content = checkPayload(layout.signed.payload);
  if ('exitCode' in content) return content;
  if (header.kid !== content.signing.reportKey) return invalid(`signed by report key ${header.kid}, but the signed report names ${content.signing.reportKey}`);
  const admin = await checkCoSigner(content, administrator, payload);
  if (admin !== null && 'exitCode' in admin) return admin;
  const signed: SignedReport = { format: SIGNED_REPORT_FORMAT, howToVerify: HOW_TO_VERIFY, payload: content, signatures: layout.signed.signatures };
  return { exitCode: 0, status: 'valid', fingerprint: header.kid, pinned: pinnedFingerprint !== undefined, admin, content, signed, pages: 'none' };
}
