/**
 * The one line-by-line recogniser for TKE output: milestones (milestones.ts), prompts, the lines
 * that decide an outcome, and the lines known to be the CLI's own (known-lines.ts), from the message
 * catalogue (shared/tke/catalogue.ts). Milestones and outcomes are found anywhere in a line, whatever
 * its case, spacing or punctuation (`squash`), so a prefix, a suffix or a no-break space cannot hide
 * them. The classifier uses it on transcripts, the live runner and the training simulator (through
 * the rotation pipeline) on each line, the timeline, reports and the journal scrubber on what they
 * show. Everything a caller needs is exported from here.
 */
import { CATALOGUE, INITIAL_CONDITIONS, type CatalogueKey } from '../tke/catalogue.js';
import { MILESTONE_SOURCED, milestoneOf, type Milestone } from './milestones.js';
import { HEADER_LABELS, MKPART_PASSWORD_WRONG, SIGKEY_PASSWORD_WRONG, type PrecheckId } from '../tke/messages.js';
import { parseAppAction, parseCommandLine, type ShellCommand } from './command-line.js';
import { parsePrecheckFailure } from './precheck-line.js';
import { isSecretPrompt } from './prompt-secrecy.js';

export {
  lineMilestones,
  MILESTONE_SOURCED,
  MILESTONE_WORD,
  milestoneAcross,
  milestoneOf,
  squash,
  startsWithMilestone,
  type Milestone,
} from './milestones.js';
export { isKnownTkeLine } from './known-lines.js';
export { ANSI } from './normalise.js';

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
  /** A signing service (TKE_SIGNSERV_URL) gave no key or no signature: nothing was signed or sent. */
  | { kind: 'signserv-error' }
  /**
   * auto-mk-rotate cannot be used on this instance (PKCS #11 keystores enabled, or no recovery crypto
   * units): it changed nothing, and the rotation is done with key part files instead.
   */
  | { kind: 'auto-unsupported'; cause: AutoUnsupportedCause }
  /** The service instance or crypto unit was not found: a targeting problem. */
  | { kind: 'target-error' }
  /** The workstation is not set up (CLOUDTKEFILES). */
  | { kind: 'workstation-error' }
  /** The request's fate is unknown (service unavailable, no response, host program error). */
  | { kind: 'outcome-unknown' }
  /** A wrong signature key or key part password: nothing was signed. */
  | { kind: 'password-error' }
  | { kind: 'hsm-error' }
  | { kind: 'hsm-code'; code: 'return' | 'reason'; value: number }
  | { kind: 'precheck-failed'; check: PrecheckId | undefined; units: number[]; detail: string }
  | { kind: 'no-instances' }
  | { kind: 'multiple-instances' }
  | { kind: 'step'; step: RotationStep; unit: number | undefined }
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'setimm-warning' }
  | { kind: 'prompt-mark' };

/** Why auto-mk-rotate cannot be used on an instance. */
export type AutoUnsupportedCause = 'pkcs11' | 'no-recovery-units';

export interface RecognisedLine {
  milestone?: Milestone;
  prompt?: PromptInfo;
  event?: LineEvent;
}

const NOTHING: RecognisedLine = Object.freeze({});
const PROGRESS = /re-?encrypted (\d+) of (\d+) keys/;
// Any report of key storage being re-encrypted (progress, percentages): evidence that it started.
const REWRAP_ANY = /\bre-?encrypt(?:ed|ing|ion)?\b.*\b(?:keys?|key storage)\b/;
const HSM_CODE = /(return|reason) (?:code|value):\s*(-?\d+)/;
const GENERIC_PRECHECK =
  /not in the required initial state|initial conditions?\b.*\bnot met|pre-?check (?:of the crypto units )?failed|initial state check\b.*\bfailed|following initial conditions?\b.*(?:not met|:)|master key (?:rotation )?cannot (?:start|be rotated)/;

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
  if (lower.startsWith('re-encrypting key storage'))
    return { event: { kind: 'step', step: 'rewrap', unit: undefined } };
  if (lower.startsWith('promoting the new master key')) {
    return { event: { kind: 'step', step: 'promote', unit: unitOf(lower) } };
  }
  return undefined;
}

/** A yes/no question: `(y/N)` as the simulator asks, `[y/n]:` as failover-enable [hs-crypto: enable-failover.md]. */
const CONFIRM = /[([]y\/n[)\]]:?$/;

/**
 * A question the CLI asks: `Enter ...`, `Re-enter ...`, a `(y/N)` or `[y/n]:` confirmation, or any
 * line ending in `:` that asks for a secret (`Password:`). Whether it is secret is `isSecretPrompt`'s
 * call, so every consumer (runner, journal, import) decides the same way.
 */
function recognisePrompt(text: string, lower: string): PromptInfo | undefined {
  if (CONFIRM.test(lower)) return { kind: 'confirm', text };
  const asks = lower.startsWith('enter ') || lower.startsWith('re-enter ');
  if (!asks && !(lower.endsWith(':') && isSecretPrompt(text))) return undefined;
  if (isSecretPrompt(text)) return { kind: 'password', text };
  if (lower.startsWith('enter the instance num')) return { kind: 'instance', text };
  if (lower.startsWith('enter the keynum')) return { kind: 'keys', text };
  if (lower.startsWith('enter the crypto unit num')) return { kind: 'units', text };
  return { kind: 'other', text };
}

function precheckCondition(text: string, lower: string): RecognisedLine | undefined {
  if (lower.startsWith('initial state check failed')) {
    const p = parsePrecheckFailure(text);
    if (p !== undefined) return { event: { kind: 'precheck-failed', ...p } };
  }
  // A heading that announces failed conditions without naming one: the app's evaluation finds which.
  if (GENERIC_PRECHECK.test(lower))
    return { event: { kind: 'precheck-failed', check: undefined, units: [], detail: text } };
  if (!/imprint|threshold|administrator|master key register|crypto units/.test(lower)) return undefined;
  const hit = INITIAL_CONDITIONS.find((c) => c.pattern.test(lower));
  return hit === undefined
    ? undefined
    : { event: { kind: 'precheck-failed', check: hit.check as PrecheckId, units: [], detail: text } };
}

const OUTCOMES: readonly [needle: string, event: LineEvent][] = [
  // The status lines after these are the signing service's own: failureOf (classifier/attempt.ts)
  // ranks this failure before `auth`.
  [CATALOGUE.signServPublicKey.text.toLowerCase(), { kind: 'signserv-error' }],
  [CATALOGUE.signServSign.text.toLowerCase(), { kind: 'signserv-error' }],
  [CATALOGUE.status401.text.toLowerCase(), { kind: 'auth-error' }],
  [CATALOGUE.unauthorized.text.toLowerCase(), { kind: 'auth-error' }],
  ['access token is invalid', { kind: 'auth-error' }],
  [CATALOGUE.status404.text.toLowerCase().slice(0, 45), { kind: 'target-error' }],
  ['status code: 404', { kind: 'target-error' }],
  [CATALOGUE.noInstances.text.toLowerCase().slice(0, 40), { kind: 'no-instances' }],
  ['cloudtkefiles environment variable', { kind: 'workstation-error' }],
  [CATALOGUE.status500.text.toLowerCase().slice(0, 40), { kind: 'outcome-unknown' }],
  ['status code: 500', { kind: 'outcome-unknown' }],
  [CATALOGUE.noHptResponse.text.toLowerCase(), { kind: 'outcome-unknown' }],
  [CATALOGUE.htpResponseError.text.toLowerCase(), { kind: 'outcome-unknown' }],
  [CATALOGUE.invalidPassword.text.toLowerCase(), { kind: 'password-error' }],
  [SIGKEY_PASSWORD_WRONG.toLowerCase(), { kind: 'password-error' }],
  [MKPART_PASSWORD_WRONG.toLowerCase(), { kind: 'password-error' }],
  ['error reported by ep11', { kind: 'hsm-error' }],
  ['error reported in xcpadminrsp', { kind: 'hsm-error' }],
  [CATALOGUE.instanceMultiple.text.toLowerCase().slice(0, 40), { kind: 'multiple-instances' }],
  ['warning: cryptounit-mk-setimm', { kind: 'setimm-warning' }],
];

// Any needle of OUTCOMES, in one expression: most lines hold none, and then the ordered scan below
// (which decides which event a line holding several needles gives) is skipped.
const ANY_OUTCOME = new RegExp(OUTCOMES.map(([needle]) => needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

// By meaning, not one wording: the plug-in's text is not published (PKCS11_KEYSTORES_ENABLED and
// NO_RECOVERY_UNITS are inferred; the second pattern also takes the SDK's `sdk-no-recovery-units`).
const PKCS11_ENABLED = /pkcs ?#? ?11 keystores?\b.*\benabled\b/;
const NO_RECOVERY_UNITS_LINE = /\b(?:has no|does not (?:contain|have) any) recovery crypto units\b/;

function recogniseOutcome(text: string, lower: string): RecognisedLine | undefined {
  // Before the initial conditions: a line that names crypto units is not a failed condition here.
  if (PKCS11_ENABLED.test(lower)) return { event: { kind: 'auto-unsupported', cause: 'pkcs11' } };
  if (NO_RECOVERY_UNITS_LINE.test(lower)) return { event: { kind: 'auto-unsupported', cause: 'no-recovery-units' } };
  const precheck = precheckCondition(text, lower);
  if (precheck !== undefined) return precheck;
  if (ANY_OUTCOME.test(lower)) for (const [needle, event] of OUTCOMES) if (lower.includes(needle)) return { event };
  const code = HSM_CODE.exec(lower);
  if (code !== null) {
    return { event: { kind: 'hsm-code', code: code[1] === 'return' ? 'return' : 'reason', value: Number(code[2]) } };
  }
  return undefined;
}

// Every word recogniseLine reacts to (milestones, steps, outcomes, headers, prompts): a line with none
// of them and longer than OK/FAILED/`>` is recognised as nothing, so callers may skip it unread.
const INTEREST =
  /ibmcloud|pkcs|master|encrypt|delay|second|server|discover|values|rewrap|success|waiting|setimm|crk|rotation|initial|pre-?check|cannot|imprint|threshold|administrator|crypto unit|status code|unauthori|access token|service instance|cloudtkefiles|unavailable|response|password|not correct|error|xcpadminrsp|warning|return|reason|api endpoint|region:|user:|account:|resource group:|[([]y\/n[)\]]|enter |:\s*$/i;

/** False when `recogniseLine` is sure to find nothing in the line (a cheap test for large captures). */
export function mayBeRecognised(line: string): boolean {
  return line.length <= 8 || INTEREST.test(line);
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
  const milestone = milestoneOf(text);
  if (milestone !== undefined) return { milestone };
  if (lower.includes('encrypt')) {
    const m = PROGRESS.exec(lower);
    if (m !== null) return { event: { kind: 'progress', done: Number(m[1]), total: Number(m[2]) } };
    if (REWRAP_ANY.test(lower) && !lower.startsWith('re-encrypting key storage'))
      return { event: { kind: 'progress', done: 0, total: 0 } };
  }
  if (lower.includes('ibmcloud')) {
    const command = parseCommandLine(text);
    if (command !== undefined) return { event: { kind: 'command', command } };
  }
  if (lower.includes('master keys tab')) {
    const command = parseAppAction(text);
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

/** Recognise each segment of a cleaned line (the bare-CR rewrites `cleanLine` keeps), in order. */
export function recogniseSegments(line: string): RecognisedLine[] {
  return line.includes('\r') ? line.split('\r').map(recogniseLine) : [recogniseLine(line)];
}

/**
 * The catalogue entry a recognised line rests on when IBM publishes no such text (see
 * shared/tke/catalogue.ts), or undefined when it is sourced (or nothing was recognised).
 */
export function inferredEntry(r: RecognisedLine, line: string): CatalogueKey | undefined {
  if (r.milestone !== undefined) return MILESTONE_SOURCED[r.milestone] ? undefined : 'rotationCompleted';
  switch (r.event?.kind) {
    case 'step':
    case 'progress':
      return 'progress';
    case 'setimm-warning':
      return 'setimmWarning';
    case 'precheck-failed':
      return line.trim().toLowerCase().startsWith('initial state check failed') ? 'precheckPrefix' : undefined;
    default:
      return undefined;
  }
}
