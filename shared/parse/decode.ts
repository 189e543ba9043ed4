/**
 * Bytes to text for captured transcripts: UTF-8 (with or without BOM), UTF-16 LE/BE (PowerShell's
 * `Start-Transcript` and `Out-File` write UTF-16 with a BOM), and refusal of binary files.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export type DecodeResult = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; reason: string };

const SAMPLE_BYTES = 65536;
/** More NUL or undecodable bytes than this share of the sample means the file is not text. */
const BINARY_RATIO = 0.01;

function guessUtf16WithoutBom(bytes: Uint8Array): TextEncodingName | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

function countNul(bytes: Uint8Array, limit: number): number {
  let count = 0;
  let from = 0;
  for (;;) {
    const at = bytes.indexOf(0, from);
    if (at < 0 || at >= limit) return count;
    count++;
    from = at + 1;
  }
}

function countReplacement(text: string): number {
  let count = 0;
  let from = 0;
  for (;;) {
    const at = text.indexOf('\uFFFD', from);
    if (at < 0) return count;
    count++;
    from = at + 1;
  }
}

/** Decode a transcript's bytes, or say why they are not a text transcript. */
export function decodeTranscript(bytes: Uint8Array): DecodeResult {
  let encoding: TextEncodingName = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    start = 2;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    start = 2;
  } else {
    encoding = guessUtf16WithoutBom(bytes) ?? 'utf-8';
  }
  const body = start === 0 ? bytes : bytes.subarray(start);
  const sampleEnd = Math.min(body.length, SAMPLE_BYTES);
  if (encoding === 'utf-8') {
    const nul = countNul(body, sampleEnd);
    if (nul > 0 && nul >= Math.max(1, sampleEnd * BINARY_RATIO)) {
      return { ok: false, reason: 'binary file (NUL bytes), not a captured terminal transcript' };
    }
  }
  const decoder = new TextDecoder(encoding, { fatal: false });
  // Check a sample first so that a huge binary file is refused before decoding all of it.
  const sample = decoder.decode(body.subarray(0, sampleEnd));
  const bad = countReplacement(sample);
  if (bad > Math.max(4, sample.length * BINARY_RATIO)) {
    return { ok: false, reason: `binary or non-text file (not valid ${encoding.toUpperCase()})` };
  }
  const text = sampleEnd === body.length ? sample : new TextDecoder(encoding).decode(body);
  return { ok: true, text, encoding };
}
