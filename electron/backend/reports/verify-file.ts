import { readFile, stat } from 'node:fs/promises';
import { keyFactLines } from '../../../shared/reports/index.js';
import { pinnedFingerprint } from './fingerprint.js';
import { loadPdf, PdfReadError, readAttachment, shownStrings } from './pdf-read.js';
import { ATTACHMENT_NAME } from './pdf-render.js';
import { invalid, unreadable, verifySignedReportText, type ReportVerification } from './verify-signed.js';
import { MAX_REPORT_BYTES } from '../../../shared/reports/limits.js';

export { MAX_REPORT_BYTES } from '../../../shared/reports/limits.js';

export interface VerifyOptions {
  /** Expected report key: its fingerprint, PEM public key or public JWK (text, not a path). */
  pinnedKey?: string;
}

// Every key-fact line starts with one of these labels (continuation lines excepted); a shown line
// that starts with one but is not expected means the visible facts were edited or added to.
const FACT_LABEL = /^(Rotation ID|Instance ID|Mode|Outcome|Journal entries|Journal final hash|Report key fingerprint|Administrator co-signature SKI):/;

async function verifyPdf(bytes: Uint8Array, pinned: string | undefined): Promise<ReportVerification> {
  let text: string;
  let shown: string[];
  try {
    const doc = await loadPdf(bytes);
    const attachment = readAttachment(doc, ATTACHMENT_NAME);
    if (!attachment) return unreadable(`this PDF has no ${ATTACHMENT_NAME} attachment, so it is not a signed report`);
    text = new TextDecoder('utf-8', { fatal: true }).decode(attachment);
    shown = shownStrings(doc);
  } catch (error) {
    if (error instanceof PdfReadError) return unreadable(error.message);
    if (error instanceof TypeError) return unreadable(`the ${ATTACHMENT_NAME} attachment is not UTF-8 text`);
    return unreadable(`the PDF cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = await verifySignedReportText(text, pinned);
  if (result.exitCode !== 0) return result.exitCode === 2 ? unreadable(`attached ${ATTACHMENT_NAME}: ${result.reason}`) : invalid(`attached ${ATTACHMENT_NAME}: ${result.reason}`);
  const expected = keyFactLines(result.content, result.fingerprint, result.admin?.ski);
  const present = new Set(shown);
  const missing = expected.find((line) => !present.has(line));
  if (missing !== undefined) return invalid(`the PDF's visible key facts do not match the signed report: "${missing}" is not shown`);
  const wanted = new Set(expected);
  const extra = shown.find((line) => FACT_LABEL.test(line) && !wanted.has(line));
  if (extra !== undefined) return invalid(`the PDF shows a key fact the signed report does not hold: "${extra}"`);
  return result;
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
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.startsWith('%PDF-')) return verifyPdf(bytes, pinned);
  if (!/^\s*\{/.test(head)) return unreadable('neither a PDF nor a JSON report');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return unreadable('not UTF-8 text (damaged?)');
  }
  return verifySignedReportText(text, pinned);
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
