import { readFile, stat } from 'node:fs/promises';
import { pinnedFingerprint } from './fingerprint.js';
import { ATTACHMENT_NAME, readReportAttachment } from './pdf-attachment.js';
import { PDF_RENDERER } from './pdf-renderer-id.js';
import { comparePages } from './verify-pages.js';
import { invalid, unreadable, verifySignedReportText, type ReportVerification } from './verify-signed.js';
import { MAX_REPORT_BYTES } from '../../../shared/reports/limits.js';

export { MAX_REPORT_BYTES } from '../../../shared/reports/limits.js';

export interface VerifyOptions {
  /** Expected report key: its fingerprint, PEM public key or public JWK (text, not a path). */
  pinnedKey?: string;
}

/**
 * A PDF proves what it shows only when it is byte for byte the PDF this renderer makes from its
 * signed report.json (docs/reports.md, "What a PDF proves"). A report made by another renderer
 * version verifies with `pages: 'not-checked'`, which callers must show as a warning.
 */
async function verifyPdf(bytes: Uint8Array, pinned: string | undefined): Promise<ReportVerification> {
  const attachment = readReportAttachment(bytes);
  if (!attachment.ok) return attachment.exitCode === 1 ? invalid(attachment.reason) : unreadable(attachment.reason);
  const result = await verifySignedReportText(attachment.text, pinned);
  if (result.exitCode === 1) return { ...result, reason: `attached ${ATTACHMENT_NAME}: ${result.reason}` };
  if (result.exitCode === 2) return unreadable(`attached ${ATTACHMENT_NAME}: ${result.reason}`);
  if (result.content.signing.pdfRenderer !== PDF_RENDERER) return { ...result, pages: 'not-checked' };
  const pages = await comparePages(bytes, result.signed);
  if (pages.kind === 'identical') return { ...result, pages: 'identical' };
  if (pages.kind === 'cannot') return unreadable(pages.reason);
  return invalid(
    'the visible pages do not match the signed content: this file is not the PDF made from its signed report.json ' +
      '(page text or drawings, pages, objects or an incremental update were changed, added or removed)',
    'pages-differ',
  );
}

/** Verifies report bytes: a PDF (its report.json and visible key facts) or a signed JSON file. */
export async function verifyReportBytes(bytes: Uint8Array, options: VerifyOptions = {}): Promise<ReportVerification> {
  let pinned: string | undefined;
  if (options.pinnedKey !== undefined) {
    try {
      pinned = pinnedFingerprint(options.pinnedKey);
    } catch (error) {
      return unreadable(`--key: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (bytes.length === 0) return unreadable('the file is empty');
  if (bytes.length > MAX_REPORT_BYTES) return unreadable(`too large to be a report (${bytes.length} bytes)`);
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.startsWith('%PDF-') && !/^\s*\{/.test(head)) return unreadable('neither a PDF nor a JSON report');
  try {
    if (head.startsWith('%PDF-')) return await verifyPdf(bytes, pinned);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return unreadable('not UTF-8 text (damaged?)');
    }
    return await verifySignedReportText(text, pinned);
  } catch (error) {
    // Input no check anticipated must still end in a verdict, and never in "valid".
    return unreadable(`cannot be checked: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

/** Reads and verifies a report file (.pdf or .json); never throws, the result says what failed. */
export async function verifyReportFile(path: string, options: VerifyOptions = {}): Promise<ReportVerification> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return unreadable(`${path} is a directory`);
    if (info.size > MAX_REPORT_BYTES) return unreadable(`${path} is too large to be a report (${info.size} bytes)`);
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return unreadable(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}`);
  }
  return verifyReportBytes(bytes, options);
}
