import { inflateSync } from 'node:zlib';

/** File name of the signed JSON attached to every report PDF. */
export const ATTACHMENT_NAME = 'report.json';

/** The signed report.json of a real report is a few hundred kilobytes at most. */
export const MAX_ATTACHMENT_BYTES = 16 * 1024 * 1024;

/** The signed report.json found in a PDF, or why it cannot be had (exit 1: tampered, 2: unreadable). */
export type AttachmentResult = { ok: true; text: string } | { ok: false; exitCode: 1 | 2; reason: string };

const MARKER = Buffer.from('/Type /EmbeddedFile\n', 'latin1');
const DICT_END = Buffer.from('>>\nstream\n', 'latin1');
const STREAM_END = Buffer.from('\nendstream', 'latin1');
const LONGEST_DICT = 1024;

const unreadable = (reason: string): AttachmentResult => ({ ok: false, exitCode: 2, reason });

/**
 * Finds the one embedded file of a report PDF, as renderReportPdf writes it (an uncompressed
 * stream dictionary, one FlateDecode filter, a direct /Length), and inflates it with a size cap.
 *
 * This deliberately does not interpret the PDF's structure: the file is untrusted, and a PDF
 * parser would unpack whatever object streams it holds without a bound. Nothing found here is
 * trusted either: once its signature holds, the verifier re-creates the whole PDF from it and
 * requires the file to be identical, which a PDF with a second attachment, a different name tree
 * or any other change cannot be.
 */
export function readReportAttachment(pdf: Uint8Array): AttachmentResult {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const at = bytes.indexOf(MARKER);
  if (at < 0) return unreadable('this PDF has no report.json attachment, so it is not a signed report');
  if (bytes.indexOf(MARKER, at + 1) >= 0) return { ok: false, exitCode: 1, reason: 'this PDF carries more than one embedded file; a report PDF has exactly one, report.json' };
  const dictEnd = bytes.indexOf(DICT_END, at);
  if (dictEnd < 0 || dictEnd - at > LONGEST_DICT) return unreadable('the report.json attachment is not stored the way this app writes it');
  const dict = bytes.toString('latin1', at, dictEnd);
  const lengths = [...dict.matchAll(/\/Length (\d{1,9})\n/g)];
  const filters = [...dict.matchAll(/\/(?:Filter|DecodeParms)\b/g)];
  if (lengths.length !== 1 || filters.length !== 1 || !dict.includes('/Filter /FlateDecode\n')) {
    return unreadable('the report.json attachment is not stored the way this app writes it (one FlateDecode filter, a direct length)');
  }
  const start = dictEnd + DICT_END.length;
  const end = start + Number(lengths[0]?.[1]);
  if (end + STREAM_END.length > bytes.length || !bytes.subarray(end, end + STREAM_END.length).equals(STREAM_END)) {
    return unreadable('the report.json attachment is cut short or its length is wrong (truncated or damaged PDF)');
  }
  let json: Buffer;
  try {
    json = inflateSync(bytes.subarray(start, end), { maxOutputLength: MAX_ATTACHMENT_BYTES });
  } catch {
    return unreadable(`the report.json attachment cannot be decompressed (damaged, or larger than ${MAX_ATTACHMENT_BYTES} bytes)`);
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(json) };
  } catch {
    return unreadable('the report.json attachment is not UTF-8 text');
  }
}
