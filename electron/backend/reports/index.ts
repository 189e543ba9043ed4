/** Signed recovery reports: content from the journal, JCS + JWS signing, PDF, verification (docs/reports.md). */
export { createReport, type ReportContext } from './build-content.js';
export { signReport, type ReportSigningKeySource, type SignOptions } from './sign.js';
export { ReportKeyStore, ReportKeyError, PBKDF2_ITERATIONS, type ReportKeyStoreOptions, type ReportPublicKey, type SecretBox } from './key-store.js';
export { AdminKeyError, openAdminSigningKey } from './admin-key.js';
export { exportReport, exportNumber, MAX_EXPORTS } from './export.js';
export { renderReportPdf, renderReportPdfVariant } from './pdf-lazy.js';
export type { RenderOptions } from './pdf-render.js';
export { ATTACHMENT_NAME } from './pdf-attachment.js';
export { PDF_RENDERER, PDF_RENDERER_DEPENDENCIES } from './pdf-renderer-id.js';
export { MAX_ATTACHMENT_BYTES } from './pdf-attachment.js';
export type { FontVariant } from './pdf-font.js';
export { verifyReportBytes, verifyReportFile, MAX_REPORT_BYTES, type VerifyOptions } from './verify-file.js';
export { verifySignedReportText, type InvalidProblem, type PagesCheck, type ReportVerification } from './verify-signed.js';
export { HOW_TO_VERIFY, serializeSignedReport, type ReportSignature, type SignedReport, type SignerRole } from './signed-format.js';
export { normaliseFingerprint, pinnedFingerprint, spkiFingerprint } from './fingerprint.js';
export { redactArgv, typedCommand } from './redact-argv.js';
