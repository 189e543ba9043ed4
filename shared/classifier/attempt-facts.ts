/**
 * Facts about one attempt the fold needs: how far its kind of command can bring a rotation, whether
 * its end was seen and it succeeded, the evidence of its failure, the command as typed; and the flow
 * the attempts show.
 */
import type { Milestone } from '../parse/recognise.js';
import { atLeast, maxLevel, type Level } from './progress.js';
import { failureOf, type Attempt, type AttemptRole, type FailureKind } from './scan.js';
import type { Evidence, Flow } from './types.js';

/** At most this many lines of evidence per kind (the last one replaced by the latest). */
const MAX_PER_KIND = 3;

/** The furthest level each kind of command can bring a rotation to. */
export function reachOf(role: AttemptRole): Level {
  switch (role) {
    case 'load':
      return 'loaded';
    case 'commit':
      return 'committed';
    case 'clrnew':
    case 'recover':
    case 'login':
    case 'other':
      return 'untouched';
    case 'rotate-auto':
    case 'rotate-keyparts':
    case 'rotate-smartcard':
    case 'rotate-unknown':
    case 'setimm':
      return 'promoted';
  }
}

/** The furthest a failed command may have got beyond its output: until it would print the next milestone. */
export function endReach(role: AttemptRole, any: Level): Level {
  switch (role) {
    case 'rotate-auto':
    case 'rotate-unknown':
      // auto-mk-rotate commits the new key before it prints M1, and re-encrypts before it prints M2.
      return !atLeast(any, 'rewrapping') ? 'committed' : !atLeast(any, 'rewrapped') ? 'rewrapped' : 'promoted';
    case 'rotate-keyparts':
    case 'rotate-smartcard':
      return !atLeast(any, 'rewrapped') ? 'rewrapped' : 'promoted';
    default:
      return maxLevel(any, reachOf(role));
  }
}

export function bounded(list: Evidence[], item: Evidence): void {
  if (list.length < MAX_PER_KIND) list.push(item);
  else list[MAX_PER_KIND] = item;
}

export function has(a: Attempt, m: Milestone): Evidence | undefined {
  return a.milestones.find((x) => x.milestone === m)?.evidence;
}

/** True when the attempt's end was seen: a closing OK or FAILED, an error block, or the process exit. */
export function ended(a: Attempt): boolean {
  const kind = failureOf(a);
  // A service error that leaves the request's fate open, with no FAILED and no exit: an end not seen
  // (in the TKE application an error message ends the action).
  if (kind === 'unknown' && a.failed === undefined && a.exit === undefined && a.role !== 'rotate-smartcard' && !a.app)
    return false;
  if (kind === 'unfinished') return false;
  return (
    a.exit !== undefined ||
    a.ok !== undefined ||
    a.declined ||
    kind !== undefined ||
    has(a, 'smartcard-successful') !== undefined
  );
}

export function succeeded(a: Attempt): boolean {
  if (a.exit !== undefined) return a.exit.code === 0 && failureOf(a) === undefined;
  return a.ok !== undefined && failureOf(a) === undefined;
}

export function detectFlow(attempts: readonly Attempt[], m1: boolean): { flow: Flow; evidence: Evidence | undefined } {
  // M1 is only printed by auto-mk-rotate, so it decides the flow whatever came later.
  // An auto-mk-rotate refused for the instance (PKCS #11 keystores, no recovery units) rotated nothing.
  const auto = attempts.find((a) => a.role === 'rotate-auto' && a.unsupported === undefined);
  if (m1 || auto !== undefined) return { flow: 'auto', evidence: auto?.start };
  const keyparts = attempts.find((a) => ['rotate-keyparts', 'load', 'commit'].includes(a.role));
  if (keyparts !== undefined) return { flow: 'keyparts', evidence: keyparts.start };
  // The TKE application's messages: a smart-card rotation, recovered in that application.
  const smartcard = attempts.find((a) => a.role === 'rotate-smartcard');
  if (smartcard !== undefined) return { flow: 'smartcard', evidence: smartcard.start };
  return { flow: 'auto', evidence: undefined };
}

export function failureEvidence(a: Attempt, kind: FailureKind): Evidence {
  switch (kind) {
    case 'auth':
      return a.auth ?? a.failed ?? a.start;
    case 'signserv':
      return a.signserv ?? a.start;
    case 'unsupported':
      return a.unsupported?.evidence ?? a.start;
    case 'precheck':
      return a.prechecks[0]?.evidence ?? a.failed ?? a.start;
    case 'hsm':
      return a.hsm === undefined ? a.start : { ...a.hsm, text: [a.hsm.text, ...a.hsmCodes].join(' ') };
    case 'target':
      return a.target ?? a.start;
    case 'workstation':
      return a.workstation ?? a.start;
    case 'refused':
      return a.refused ?? a.failed ?? a.start;
    case 'unknown':
      return a.unknown ?? a.start;
    case 'other':
      return a.failed ?? a.start;
    case 'unfinished':
      return { ...a.start, text: `${a.start.text || a.file} (output ends before OK or FAILED: interrupted)` };
  }
}

// Arguments are dropped on purpose: `ibmcloud login --apikey ...` may carry a secret.
export function typedOf(a: Attempt | undefined): string | undefined {
  if (a?.command === undefined) return undefined;
  if (a.role === 'login') return 'ibmcloud login';
  // An action in the TKE application is named by its CLI command; the smart-card vocabulary maps it back.
  if (a.app) return `ibmcloud tke ${a.command}`;
  return a.typed?.includes(' tke ') === true || a.typed?.startsWith('tke') === true
    ? `ibmcloud tke ${a.command}`
    : undefined;
}

/**
 * Where auto-mk-rotate refused the instance and no auto-mk-rotate ever ran on it, a rotation in the
 * auto flow goes on with key part files, IBM's other flow for such instances: the advice and
 * interlocks follow that flow.
 */
export function afterRefusal(
  attempts: readonly Attempt[],
  flow: Flow,
  autoRan: boolean,
): { flow: Flow; evidence: Evidence } | undefined {
  if (flow !== 'auto' || autoRan) return undefined;
  const refused = attempts.find((a) => a.unsupported !== undefined)?.unsupported;
  return refused === undefined ? undefined : { flow: 'keyparts', evidence: refused.evidence };
}
