/**
 * One pass over every transcript: splits it into command attempts and records, per attempt, the
 * command, milestones, outcome and the lines that prove them.
 */
import type { PrecheckId } from '../tke/messages.js';
import { normaliseText } from '../parse/normalise.js';
import { recogniseLine, type Milestone } from '../parse/recognise.js';
import { parseRegisterListing } from '../parse/registers.js';
import type { Evidence, RegisterReading, TranscriptInput } from './types.js';

/** What an attempt did, as far as recovery is concerned. */
export type AttemptRole =
  | 'rotate-auto'
  | 'rotate-keyparts'
  | 'rotate-smartcard'
  | 'rotate-unknown'
  | 'setimm'
  | 'clrnew'
  | 'load'
  | 'commit'
  | 'login'
  | 'other';

export type FailureKind = 'auth' | 'precheck' | 'hsm' | 'other' | 'unfinished';

export interface Attempt {
  index: number;
  file: string;
  /** TKE subcommand (`auto-mk-rotate`) or ibmcloud verb (`login`) when the command line was seen. */
  command: string | undefined;
  typed: string | undefined;
  role: AttemptRole;
  start: Evidence;
  milestones: { milestone: Milestone; evidence: Evidence }[];
  steps: Set<string>;
  ok: Evidence | undefined;
  failed: Evidence | undefined;
  auth: Evidence | undefined;
  hsm: Evidence | undefined;
  hsmCodes: string[];
  prechecks: { check: PrecheckId | undefined; evidence: Evidence }[];
  headers: number;
  /** The register listing this attempt printed (`cryptounit-mk`/`cryptounit-mks`), when any. */
  reading: RegisterReading[] | undefined;
  /** How the process ended, when the app ran it and saw it exit. */
  exit: { code: number | null; signal: string | null } | undefined;
}

const LISTING_COMMANDS = new Set(['cryptounit-mk', 'cryptounit-mks']);
const UNIT_LINE = /^\s*crypto unit num/i;
// A listing of every unit of a resource group is far shorter; the cap bounds memory on huge captures.
const MAX_LISTING_LINES = 5000;

function roleOfCommand(command: string, tke: boolean): AttemptRole {
  if (!tke) return command === 'login' ? 'login' : 'other';
  switch (command) {
    case 'auto-mk-rotate':
      return 'rotate-auto';
    case 'cryptounit-mk-rotate':
      return 'rotate-keyparts';
    case 'cryptounit-mk-setimm':
      return 'setimm';
    case 'cryptounit-mk-clrnew':
      return 'clrnew';
    case 'cryptounit-mk-load':
      return 'load';
    case 'cryptounit-mk-commit':
      return 'commit';
    default:
      return 'other';
  }
}

function newAttempt(index: number, file: string, line: number, text: string): Attempt {
  return {
    index,
    file,
    command: undefined,
    typed: undefined,
    role: 'other',
    start: { file, line, text },
    milestones: [],
    steps: new Set(),
    ok: undefined,
    failed: undefined,
    auth: undefined,
    hsm: undefined,
    hsmCodes: [],
    prechecks: [],
    headers: 0,
    reading: undefined,
    exit: undefined,
  };
}

/** Infer the role of an attempt whose command line was not captured, from what it printed. */
function inferRole(a: Attempt): AttemptRole {
  const has = (m: Milestone): boolean => a.milestones.some((x) => x.milestone === m);
  if (has('M1') || a.steps.has('generate') || a.steps.has('copy') || a.steps.has('commit')) return 'rotate-auto';
  if (has('smartcard-started') || has('smartcard-successful')) return 'rotate-smartcard';
  if (has('M2') || has('completed') || a.steps.has('rewrap') || a.steps.has('promote')) return 'rotate-unknown';
  // Only the rotation commands run the initial state checks.
  if (a.prechecks.length > 0) return 'rotate-unknown';
  return 'other';
}

function isEmpty(a: Attempt): boolean {
  return (
    a.command === undefined && a.headers === 0 && a.milestones.length === 0 && a.steps.size === 0 &&
    a.ok === undefined && a.failed === undefined && a.prechecks.length === 0 && a.auth === undefined &&
    a.reading === undefined
  );
}

/** Split transcripts into attempts (a shell command line, a new file or a new context header starts one). */
export function scanTranscripts(transcripts: readonly TranscriptInput[]): Attempt[] {
  const attempts: Attempt[] = [];
  for (const t of transcripts) {
    let a = newAttempt(attempts.length, t.file, 1, '');
    attempts.push(a);
    // Lines of a register listing, kept only while the attempt prints one (bounded by its size).
    let listing: { line: number; text: string }[] | undefined;
    const closeListing = (): void => {
      if (listing !== undefined && listing.length > 0) {
        const units = parseRegisterListing(listing.map((l) => l.text).join('\n'));
        if (units.length > 0) {
          a.reading = units.map((u) => ({ num: u.num, type: u.type, current: u.current, new: u.new, line: listing?.[u.line - 1]?.line ?? 0 }));
        }
      }
      listing = undefined;
    };
    const begin = (line: number, text: string): Attempt => {
      closeListing();
      if (isEmpty(a)) attempts.pop();
      a = newAttempt(attempts.length, t.file, line, text);
      attempts.push(a);
      return a;
    };
    for (const { line, text } of normaliseText(t.text)) {
      if (listing !== undefined && listing.length < MAX_LISTING_LINES) listing.push({ line, text });
      else if (a.command === undefined ? UNIT_LINE.test(text) : LISTING_COMMANDS.has(a.command) && a.role === 'other') {
        listing = [{ line, text }];
      }
      const r = recogniseLine(text);
      const ev = (): Evidence => ({ file: t.file, line, text: text.trim() });
      if (r.milestone !== undefined) {
        a.milestones.push({ milestone: r.milestone, evidence: ev() });
        continue;
      }
      const e = r.event;
      if (e === undefined) continue;
      switch (e.kind) {
        case 'command': {
          const next = begin(line, text.trim());
          next.command = e.command.name;
          next.typed = e.command.typed;
          next.role = roleOfCommand(e.command.name, e.command.tke);
          break;
        }
        case 'header':
          // A second context header without a command line between: another command's output.
          if (e.label === 'API endpoint:' && (a.headers > 0 || a.ok !== undefined || a.failed !== undefined)) {
            begin(line, text.trim());
          }
          a.headers++;
          break;
        case 'ok':
          a.ok = ev();
          break;
        case 'failed':
          a.failed = ev();
          break;
        case 'auth-error':
          a.auth ??= ev();
          break;
        case 'hsm-error':
          a.hsm ??= ev();
          break;
        case 'hsm-code':
          a.hsmCodes.push(text.trim());
          break;
        case 'precheck-failed':
          a.prechecks.push({ check: e.check, evidence: ev() });
          break;
        case 'step':
          a.steps.add(e.step);
          break;
        case 'progress':
          a.steps.add('rewrap');
          break;
        case 'no-instances':
        case 'multiple-instances':
        case 'setimm-warning':
        case 'prompt-mark':
          break;
      }
    }
    closeListing();
    if (isEmpty(a)) attempts.pop();
    else if (t.exit !== undefined) a.exit = { code: t.exit.code, signal: t.exit.signal ?? null };
  }
  attempts.forEach((a, i) => {
    a.index = i;
    if (a.command === undefined) a.role = inferRole(a);
  });
  return attempts;
}

/** How an attempt ended, or undefined when it succeeded or does not matter. */
export function failureOf(a: Attempt): FailureKind | undefined {
  if (a.auth !== undefined) return 'auth';
  if (a.prechecks.length > 0) return 'precheck';
  if (a.hsm !== undefined) return 'hsm';
  if (a.failed !== undefined) return 'other';
  if (a.ok !== undefined) return undefined;
  if (a.milestones.some((m) => m.milestone === 'completed' || m.milestone === 'smartcard-successful')) return undefined;
  // A rotation command that neither succeeded nor failed was interrupted (killed, crashed, lost link).
  return isRotationRole(a.role) ? 'unfinished' : undefined;
}

/** Rotation roles: commands that change registers or key storage. */
export function isRotationRole(role: AttemptRole): boolean {
  return role !== 'login' && role !== 'other';
}
