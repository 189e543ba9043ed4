/**
 * Line-by-line recogniser for TKE output: milestones, prompts and the lines that decide an outcome.
 * The classifier uses it on transcripts and the live runner on each line as it arrives.
 */
import { HEADER_LABELS, type PrecheckId } from '../tke/messages.js';
import { parseCommandLine, type ShellCommand } from './command-line.js';
import { parsePrecheckFailure } from './precheck-line.js';
import { isSecretPrompt } from './prompt-secrecy.js';

/**
 * M1 and M2 as in domain.md; `smartcard-started` / `smartcard-successful` are the TKE
 * application's rotation lines; `completed` is the CLI's final success line.
 */
export type Milestone = 'M1' | 'M2' | 'smartcard-started' | 'smartcard-successful' | 'completed';

export type PromptKind = 'password' | 'confirm' | 'instance' | 'keys' | 'units' | 'other';

export interface PromptInfo {
  kind: PromptKind;
  text: string;
}

export type RotationStep = 'generate' | 'copy' | 'commit' | 'rewrap' | 'promote';

/** Everything else a line can tell, as a discriminated union. */
export type LineEvent =
  | { kind: 'command'; command: ShellCommand }
  | { kind: 'header'; label: string; value: string }
  | { kind: 'ok' }
  | { kind: 'failed' }
  | { kind: 'auth-error' }
  | { kind: 'hsm-error' }
  | { kind: 'hsm-code'; code: 'return' | 'reason'; value: number }
  | { kind: 'precheck-failed'; check: PrecheckId | undefined; units: number[]; detail: string }
  | { kind: 'no-instances' }
  | { kind: 'multiple-instances' }
  | { kind: 'step'; step: RotationStep; unit: number | undefined }
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'setimm-warning' }
  | { kind: 'prompt-mark' };

export interface RecognisedLine {
  milestone?: Milestone;
  prompt?: PromptInfo;
  event?: LineEvent;
}

const NOTHING: RecognisedLine = Object.freeze({});
const PROGRESS = /^re-encrypted (\d+) of (\d+) keys/;
const HSM_CODE = /^(return|reason) code:\s*(\d+)/;
const UNIT_NUM = /crypto unit (\d+)/;
const HEADERS_LOWER = HEADER_LABELS.map((l) => l.toLowerCase());

function unitOf(lower: string): number | undefined {
  const m = UNIT_NUM.exec(lower);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

function recogniseStep(lower: string): RecognisedLine | undefined {
  if (lower.startsWith('generating a new random master key')) {
    return { event: { kind: 'step', step: 'generate', unit: unitOf(lower) } };
  }
  if (lower.startsWith('copying the new master key')) return { event: { kind: 'step', step: 'copy', unit: undefined } };
  if (lower.startsWith('committing the new master key')) {
    return { event: { kind: 'step', step: 'commit', unit: undefined } };
  }
  if (lower.startsWith('re-encrypting key storage')) return { event: { kind: 'step', step: 'rewrap', unit: undefined } };
  if (lower.startsWith('promoting the new master key')) {
    return { event: { kind: 'step', step: 'promote', unit: unitOf(lower) } };
  }
  return undefined;
}

/**
 * A question the CLI asks: `Enter ...`, `Re-enter ...`, a `(y/N)` confirmation, or any line ending
 * in `:` that asks for a secret (`Password:`). Whether it is secret is `isSecretPrompt`'s call, so
 * every consumer (runner, journal, import) decides the same way.
 */
function recognisePrompt(text: string, lower: string): PromptInfo | undefined {
  if (lower.endsWith('(y/n)') || lower.endsWith('(y/n):')) return { kind: 'confirm', text };
  const asks = lower.startsWith('enter ') || lower.startsWith('re-enter ');
  if (!asks && !(lower.endsWith(':') && isSecretPrompt(text))) return undefined;
  if (isSecretPrompt(text)) return { kind: 'password', text };
  if (lower.startsWith('enter the instance num')) return { kind: 'instance', text };
  if (lower.startsWith('enter the keynum')) return { kind: 'keys', text };
  if (lower.startsWith('enter the crypto unit num')) return { kind: 'units', text };
  return { kind: 'other', text };
}

function recogniseOutcome(text: string, lower: string): RecognisedLine | undefined {
  if (lower.startsWith('initial state check failed')) {
    const p = parsePrecheckFailure(text);
    if (p !== undefined) return { event: { kind: 'precheck-failed', ...p } };
  }
  if (lower.includes('status code: 401') || lower === 'message: unauthorized' || lower.includes('access token is invalid')) {
    return { event: { kind: 'auth-error' } };
  }
  if (lower.startsWith('error reported by ep11')) return { event: { kind: 'hsm-error' } };
  const code = HSM_CODE.exec(lower);
  if (code !== null) {
    return { event: { kind: 'hsm-code', code: code[1] === 'return' ? 'return' : 'reason', value: Number(code[2]) } };
  }
  if (lower.startsWith('no service instances were found')) return { event: { kind: 'no-instances' } };
  if (lower.startsWith('more than one service instance')) return { event: { kind: 'multiple-instances' } };
  if (lower.startsWith('warning: cryptounit-mk-setimm')) return { event: { kind: 'setimm-warning' } };
  return undefined;
}

/** Recognise one cleaned output line (see `normaliseText`); unknown lines give an empty result. */
export function recogniseLine(line: string): RecognisedLine {
  const text = line.trim();
  if (text === '') return NOTHING;
  if (text.length <= 6) {
    const upper = text.toUpperCase();
    if (upper === 'OK') return { event: { kind: 'ok' } };
    if (upper === 'FAILED') return { event: { kind: 'failed' } };
    if (text === '>') return { event: { kind: 'prompt-mark' } };
  }
  const lower = text.toLowerCase();
  if (lower.charCodeAt(0) === 0x72 /* r */) {
    const m = PROGRESS.exec(lower);
    if (m !== null) return { event: { kind: 'progress', done: Number(m[1]), total: Number(m[2]) } };
  }
  if (lower.includes('discover new master key values')) return { milestone: 'M1' };
  if (lower.includes('crk rewrap successful')) return { milestone: 'M2' };
  if (lower.startsWith('master key rotation ')) {
    if (lower.startsWith('master key rotation started')) return { milestone: 'smartcard-started' };
    if (lower.startsWith('master key rotation successful')) return { milestone: 'smartcard-successful' };
    if (lower.startsWith('master key rotation completed successfully')) return { milestone: 'completed' };
  }
  if (lower.includes('ibmcloud')) {
    const command = parseCommandLine(text);
    if (command !== undefined) return { event: { kind: 'command', command } };
  }
  const step = recogniseStep(lower);
  if (step !== undefined) return step;
  const outcome = recogniseOutcome(text, lower);
  if (outcome !== undefined) return outcome;
  for (let i = 0; i < HEADERS_LOWER.length; i++) {
    const label = HEADERS_LOWER[i] ?? '';
    if (lower.startsWith(label)) {
      return { event: { kind: 'header', label: HEADER_LABELS[i] ?? label, value: text.slice(label.length).trim() } };
    }
  }
  const prompt = recognisePrompt(text, lower);
  return prompt === undefined ? NOTHING : { prompt };
}
