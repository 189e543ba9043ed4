/**
 * Captured terminal output as the app imports it: one cleaned line per physical line (so line N of
 * the original file stays line N), the capture's format recognised from its header, chunks for the
 * journal. Pure: no Node or DOM APIs.
 */
import { cleanLine } from '../parse/normalise.js';
import { recogniseSegments } from '../parse/recognise.js';
import type { CaptureFormat } from './types.js';

/** Lines per `imported-output` journal entry, and characters per entry at most. */
export const CHUNK_LINES = 2000;
const CHUNK_CHARS = 1024 * 1024;

/** Recognise `script` typescripts and PowerShell transcripts by their first lines. */
export function captureFormat(text: string): CaptureFormat {
  const head = text.slice(0, 2000).replace(/^\uFEFF/, '');
  if (/^Script started on /.test(head)) return 'script';
  if (/^\*{10,}\r?\n(?:Windows )?PowerShell transcript start/.test(head)) return 'powershell';
  return 'plain';
}

/** Cleaned physical lines: control codes gone, line numbers kept (index + 1 = original line). */
export function capturedLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const raw = body.split('\n');
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
  return raw.map(cleanLine);
}

/** True when at least one line is something the TKE CLI (or the shell starting it) prints. */
export function hasTkeOutput(lines: readonly string[]): boolean {
  for (const line of lines) {
    for (const r of recogniseSegments(line)) {
      if (r.milestone !== undefined) return true;
      if (r.event !== undefined && r.event.kind !== 'prompt-mark') return true;
    }
  }
  return false;
}

/** Split lines into journal chunks of at most CHUNK_LINES lines and about CHUNK_CHARS characters. */
export function chunkLines(lines: readonly string[]): { firstLine: number; lines: string[] }[] {
  const out: { firstLine: number; lines: string[] }[] = [];
  let current: string[] = [];
  let chars = 0;
  let first = 1;
  lines.forEach((line, i) => {
    if (current.length > 0 && (current.length >= CHUNK_LINES || chars + line.length > CHUNK_CHARS)) {
      out.push({ firstLine: first, lines: current });
      current = [];
      chars = 0;
      first = i + 1;
    }
    current.push(line);
    chars += line.length;
  });
  if (current.length > 0) out.push({ firstLine: first, lines: current });
  return out;
}
