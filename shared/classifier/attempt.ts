/**
 * One command attempt as the transcripts show it: the command, what it printed that matters, and how
 * it ended (or that its end was not seen).
 */
import type { AutoUnsupportedCause, Milestone } from '../parse/recognise.js';
import { ep11Refusal } from '../tke/catalogue.js';
import type { PrecheckId } from '../tke/messages.js';
import type { Evidence, RegisterReading } from './types.js';

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
  | 'recover'
  | 'login'
  | 'other';

/**
 * How an attempt failed. `auth`, `signserv`, `unsupported` (auto-mk-rotate cannot be used on the instance),
 * `target`, `workstation`, `precheck` and `refused` changed nothing;
 * `unknown` (service unavailable, no response) and `unfinished` (no end seen) may have changed anything
 * the command can; `hsm` and `other` stopped where the output shows.
 */
export type FailureKind =
  | 'auth'
  | 'signserv'
  | 'unsupported'
  | 'target'
  | 'workstation'
  | 'precheck'
  | 'refused'
  | 'unknown'
  | 'hsm'
  | 'other'
  | 'unfinished';

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
  /** The signing service (TKE_SIGNSERV_URL) gave no key or signature. */
  signserv: Evidence | undefined;
  /** auto-mk-rotate cannot be used on this instance (PKCS #11 keystores enabled, no recovery crypto units). */
  unsupported: { evidence: Evidence; cause: AutoUnsupportedCause } | undefined;
  target: Evidence | undefined;
  workstation: Evidence | undefined;
  unknown: Evidence | undefined;
  /** Refused before acting: a wrong password, an invalid signature. */
  refused: Evidence | undefined;
  hsm: Evidence | undefined;
  hsmCodes: string[];
  returnCode: number | undefined;
  reasonCode: number | undefined;
  /** The initial conditions it reported failed, with the crypto units the line names (none when it names none). */
  prechecks: { check: PrecheckId | undefined; units: number[]; evidence: Evidence }[];
  headers: number;
  /** A `(y/N)` question answered no: the command stopped without doing what it asked about. */
  declined: boolean;
  /** An action in the TKE application rather than a CLI command. */
  app: boolean;
  /** The register listing this attempt printed (`cryptounit-mk`/`cryptounit-mks`), when any. */
  reading: RegisterReading[] | undefined;
  /** How the process ended, when the app ran it and saw it exit. */
  exit: { code: number | null; signal: string | null } | undefined;
}

export function newAttempt(index: number, file: string, line: number, text: string): Attempt {
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
    signserv: undefined,
    unsupported: undefined,
    target: undefined,
    workstation: undefined,
    unknown: undefined,
    refused: undefined,
    hsm: undefined,
    hsmCodes: [],
    returnCode: undefined,
    reasonCode: undefined,
    prechecks: [],
    headers: 0,
    declined: false,
    app: false,
    reading: undefined,
    exit: undefined,
  };
}

export function roleOfCommand(command: string, tke: boolean, app = false): AttemptRole {
  if (!tke) return command === 'login' ? 'login' : 'other';
  switch (command) {
    case 'auto-mk-rotate':
      return 'rotate-auto';
    case 'cryptounit-mk-rotate':
      return app ? 'rotate-smartcard' : 'rotate-keyparts';
    case 'cryptounit-mk-setimm':
      return 'setimm';
    case 'cryptounit-mk-clrnew':
      return 'clrnew';
    case 'cryptounit-mk-load':
      return 'load';
    case 'cryptounit-mk-commit':
      return 'commit';
    case 'auto-recover':
    case 'auto-mk-recover':
      return 'recover';
    default:
      return 'other';
  }
}

/** Infer the role of an attempt whose command line was not captured, from what it printed. */
export function inferRole(a: Attempt): AttemptRole {
  const has = (m: Milestone): boolean => a.milestones.some((x) => x.milestone === m);
  if (has('M1') || a.steps.has('generate') || a.steps.has('copy') || a.steps.has('commit')) return 'rotate-auto';
  if (has('smartcard-started') || has('smartcard-successful')) return 'rotate-smartcard';
  if (has('M2') || has('completed') || a.steps.has('rewrap') || a.steps.has('promote')) return 'rotate-unknown';
  // Only the rotation commands run the initial state checks.
  if (a.prechecks.length > 0) return 'rotate-unknown';
  return 'other';
}

export function isEmpty(a: Attempt): boolean {
  return (
    a.command === undefined &&
    a.headers === 0 &&
    a.milestones.length === 0 &&
    a.steps.size === 0 &&
    a.ok === undefined &&
    a.failed === undefined &&
    a.prechecks.length === 0 &&
    a.auth === undefined &&
    a.signserv === undefined &&
    a.unsupported === undefined &&
    a.target === undefined &&
    a.workstation === undefined &&
    a.unknown === undefined &&
    a.hsm === undefined &&
    a.reading === undefined
  );
}

/**
 * At the end of an attempt: an EP11 return code that means the crypto unit refused the command before
 * acting (imprint mode, signatures, thresholds, a commit VP mismatch) becomes the failed initial
 * condition it points at — when the attempt shows no progress that a later step could have refused.
 */
export function finishAttempt(a: Attempt): void {
  // auto-mk-rotate refusing the instance is an inferred wording: it counts only for auto-mk-rotate (or
  // a command not captured) and only where nothing shows the command got further.
  const other = a.command !== undefined && a.command !== 'auto-mk-rotate';
  if (a.unsupported !== undefined && (other || a.milestones.length > 0 || a.steps.size > 0)) a.unsupported = undefined;
  const refusal = ep11Refusal(a.returnCode, a.reasonCode);
  const progressed = a.milestones.length > 0 || a.steps.has('rewrap') || a.steps.has('promote');
  if (refusal === undefined || a.hsm === undefined || progressed || a.prechecks.length > 0) return;
  const evidence = { ...a.hsm, text: [a.hsm.text, ...a.hsmCodes].join(' ') };
  if (refusal.check !== undefined) a.prechecks.push({ check: refusal.check, units: [], evidence });
  else a.refused ??= evidence;
}

/** How an attempt ended, or undefined when it succeeded or does not matter. */
export function failureOf(a: Attempt): FailureKind | undefined {
  if (a.signserv !== undefined) return 'signserv';
  if (a.unsupported !== undefined) return 'unsupported';
  if (a.auth !== undefined) return 'auth';
  if (a.target !== undefined) return 'target';
  if (a.workstation !== undefined) return 'workstation';
  if (a.prechecks.length > 0) return 'precheck';
  if (a.refused !== undefined) return 'refused';
  if (a.unknown !== undefined) return 'unknown';
  if (a.hsm !== undefined) return 'hsm';
  if (a.failed !== undefined) return 'other';
  // Killed by a signal (a crash, SIGKILL): whatever the exit code reads, the command did not end by
  // itself, so how far it got is unseen, as for output that stops before OK or FAILED.
  if (killed(a)) return isRotationRole(a.role) ? 'unfinished' : 'other';
  if (a.exit !== undefined && a.exit.code !== 0) return 'other';
  if (a.ok !== undefined || a.exit?.code === 0 || a.declined) return undefined;
  if (a.milestones.some((m) => m.milestone === 'smartcard-successful')) return undefined;
  // A rotation command that neither succeeded nor failed was interrupted (killed, crashed, lost link).
  return isRotationRole(a.role) ? 'unfinished' : undefined;
}

/** True when the app saw the process end by a signal rather than by exiting. */
export function killed(a: Attempt): boolean {
  return a.exit !== undefined && a.exit.signal !== null && a.exit.signal !== '' && a.exit.signal !== '0';
}

/** Rotation roles: commands that change registers or key storage. */
export function isRotationRole(role: AttemptRole): boolean {
  return role !== 'login' && role !== 'other';
}

/** Failures after which the command is known to have changed nothing. */
export function changedNothing(kind: FailureKind | undefined): boolean {
  return (
    kind === 'auth' ||
    kind === 'signserv' ||
    kind === 'unsupported' ||
    kind === 'target' ||
    kind === 'workstation' ||
    kind === 'precheck' ||
    kind === 'refused'
  );
}
