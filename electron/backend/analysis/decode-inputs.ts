/**
 * Inputs of an analysis (files and the paste, as base64) to decoded capture lines, or the reasons
 * they cannot be used: empty, blank, binary, not UTF-8/UTF-16 text, too large, too many.
 */
import { createHash } from 'node:crypto';
import {
  captureFormat,
  capturedLines,
  hasTkeOutput,
  redactCapturedSecrets,
  MAX_ANALYSIS_BYTES,
  MAX_ANALYSIS_FILES,
  type AnalysedFile,
  type InputProblem,
  type InputWarning,
} from '../../../shared/analysis/index.js';
import { decodeTranscript } from '../../../shared/parse/decode.js';

export interface DecodedInput {
  file: Omit<AnalysedFile, 'commandStated'>;
  lines: string[];
}

export type DecodeInputsResult =
  { ok: true; inputs: DecodedInput[]; warnings: InputWarning[] } | { ok: false; problems: InputProblem[] };

function countReplaced(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) n++;
  return n;
}

/**
 * Text in a legacy encoding (Shift_JIS, Latin-1) fails UTF-8 decoding but has few control bytes;
 * a binary file has many (NUL and other C0 codes a terminal capture does not hold).
 */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 65536);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x1b && b !== 0x07 && b !== 0x08) controls++;
  }
  return controls > n * 0.01;
}

/** Names must be unique, since evidence cites `name:line`. */
function uniqueName(name: string, taken: Set<string>): string {
  const base = name.replace(/[\r\n\t]/g, ' ').trim() || 'capture';
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base} (${i})`;
  taken.add(candidate);
  return candidate;
}

/** Decode one input under a name not yet taken: its problem, or its lines and any warnings. */
function decodeOne(
  input: { name: string; base64: string },
  taken: Set<string>,
  warnings: InputWarning[],
): InputProblem | DecodedInput {
  const bytes = Buffer.from(input.base64, 'base64');
  const name = uniqueName(input.name, taken);
  if (name !== input.name) warnings.push({ file: name, code: 'renamed', count: 0 });
  if (bytes.length === 0) return { file: name, code: 'empty', detail: 'the input is empty' };
  const result = decodeTranscript(bytes);
  if (!result.ok) return { file: name, code: looksBinary(bytes) ? 'binary' : 'not-text', detail: result.reason };
  if (result.text.trim() === '') return { file: name, code: 'blank', detail: 'the input holds only blank lines' };
  // Secrets go before anything reads the lines; the SHA-256 below is of the bytes as received.
  const lines = redactCapturedSecrets(capturedLines(result.text));
  const replaced = countReplaced(result.text);
  if (replaced > 0) warnings.push({ file: name, code: 'replaced-characters', count: replaced });
  if (!hasTkeOutput(lines)) warnings.push({ file: name, code: 'no-tke-output', count: 0 });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    file: {
      name,
      bytes: bytes.length,
      sha256,
      encoding: result.encoding,
      format: captureFormat(result.text),
      lines: lines.length,
    },
    lines,
  };
}

/** Decode every input; all problems are reported at once so the administrator fixes them together. */
export function decodeInputs(inputs: readonly { name: string; base64: string }[]): DecodeInputsResult {
  if (inputs.length > MAX_ANALYSIS_FILES) {
    return {
      ok: false,
      problems: [
        {
          file: '',
          code: 'too-many',
          detail: `${inputs.length} inputs; at most ${MAX_ANALYSIS_FILES} can be analysed together`,
        },
      ],
    };
  }
  // base64 length tells the size before anything is decoded.
  const approx = inputs.reduce((sum, i) => sum + Math.floor((i.base64.length * 3) / 4), 0);
  if (approx > MAX_ANALYSIS_BYTES + 4 * inputs.length) {
    return {
      ok: false,
      problems: [{ file: '', code: 'too-large', detail: `${approx} bytes in all; the limit is ${MAX_ANALYSIS_BYTES}` }],
    };
  }
  const problems: InputProblem[] = [];
  const warnings: InputWarning[] = [];
  const decoded: DecodedInput[] = [];
  const taken = new Set<string>();
  for (const input of inputs) {
    const one = decodeOne(input, taken, warnings);
    if ('lines' in one) decoded.push(one);
    else problems.push(one);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, inputs: decoded, warnings };
}
