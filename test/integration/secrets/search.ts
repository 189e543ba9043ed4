/**
 * Looking for secrets in everything a run left behind: each secret in plain UTF-8, hex (both
 * cases), base64 and base64url (at every byte alignment, so an encoding inside a larger blob is
 * found too) and UTF-16LE; files read recursively, PDF streams inflated and searched as well.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

export interface Needle {
  secret: string;
  form: string;
  bytes: Buffer;
}

export interface Hit {
  where: string;
  secret: string;
  form: string;
}

/** The part of `encoded` (of `prefix` zero bytes + `n` secret bytes) that depends on the secret alone. */
function core(encoded: string, prefix: number, n: number): string {
  return encoded.slice(Math.ceil((8 * prefix) / 6), Math.floor((8 * (prefix + n)) / 6));
}

/** Every form a secret could take in a file; `raw` adds the bytes themselves (key material). */
export function needlesOf(secret: string, raw?: Buffer): Needle[] {
  const sources: [string, Buffer][] = [
    [secret, Buffer.from(secret, 'utf8')],
    ...(raw ? ([[`${secret} (raw bytes)`, raw]] as [string, Buffer][]) : []),
  ];
  const needles: Needle[] = [];
  for (const [label, bytes] of sources) {
    const text = (form: string, value: string) =>
      needles.push({ secret: label, form, bytes: Buffer.from(value, 'latin1') });
    needles.push({ secret: label, form: 'plain', bytes });
    text('hex', bytes.toString('hex'));
    text('HEX', bytes.toString('hex').toUpperCase());
    for (let prefix = 0; prefix < 3; prefix++) {
      const padded = Buffer.concat([Buffer.alloc(prefix), bytes]);
      text(`base64+${prefix}`, core(padded.toString('base64'), prefix, bytes.length));
      text(`base64url+${prefix}`, core(padded.toString('base64url'), prefix, bytes.length));
    }
    needles.push({ secret: label, form: 'utf16le', bytes: Buffer.from(bytes.toString('latin1'), 'utf16le') });
  }
  return needles;
}

/** Every file under the directories, recursively. */
export function filesUnder(dirs: readonly string[]): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder([path]) : [path];
    }),
  );
}

/** Each `stream ... endstream` of a PDF, inflated where it is deflated (others as they are). */
export function pdfStreams(pdf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = pdf.indexOf('stream'); at >= 0; at = pdf.indexOf('stream', at + 6)) {
    if (pdf.subarray(Math.max(0, at - 3), at).toString('latin1') === 'end') continue;
    let start = at + 6;
    if (pdf[start] === 0x0d) start++;
    if (pdf[start] === 0x0a) start++;
    const end = pdf.indexOf('endstream', start);
    if (end < 0) break;
    const body = pdf.subarray(start, end);
    try {
      out.push(inflateSync(body));
    } catch {
      out.push(body);
    }
    at = end;
  }
  return out;
}

/** The blobs to search for one file: its bytes, and for a PDF every inflated stream. */
export function blobsOfFile(path: string): { where: string; bytes: Buffer }[] {
  const bytes = readFileSync(path);
  const blobs: { where: string; bytes: Buffer }[] = [{ where: path, bytes }];
  if (path.endsWith('.pdf'))
    pdfStreams(bytes).forEach((stream, i) =>
      blobs.push({ where: `${path} (stream ${i + 1}, inflated)`, bytes: stream }),
    );
  return blobs;
}

/** Every needle found in the blobs. */
export function search(blobs: readonly { where: string; bytes: Buffer }[], needles: readonly Needle[]): Hit[] {
  const hits: Hit[] = [];
  for (const blob of blobs) {
    for (const needle of needles) {
      if (needle.bytes.length > 0 && blob.bytes.includes(needle.bytes))
        hits.push({ where: blob.where, secret: needle.secret, form: needle.form });
    }
  }
  return hits;
}
