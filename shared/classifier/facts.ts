/** The facts the decision rests on, gathered from all attempts (cumulative across attempts). */
import type { PrecheckId } from '../tke/messages.js';
import type { Milestone } from '../parse/recognise.js';
import { failureOf, isRotationRole, type Attempt, type FailureKind } from './scan.js';
import type { Evidence, Flow } from './types.js';

export interface Facts {
  flow: Flow;
  flowEvidence: Evidence | undefined;
  m1: Evidence[];
  m2: Evidence[];
  /** Positive evidence of completion after M2 (success line, smart-card success, setimm OK). */
  completion: { attempt: number; evidence: Evidence } | undefined;
  lastFailure: { attempt: Attempt; kind: FailureKind; evidence: Evidence } | undefined;
  /** A successful `ibmcloud login` after the last failure. */
  loginAfterFailure: Evidence | undefined;
  rotationAttempts: Attempt[];
  keypartRotationStarted: boolean;
  failedChecks: PrecheckId[];
  precheckEvidence: Evidence[];
  /** The command the last failed attempt ran, as typed (for "run it again"). */
  failedCommand: string | undefined;
  /** Commands (as typed, without arguments) that ran with OK after the last failure: fixes already made. */
  succeededAfterFailure: Set<string>;
  /** Key-part flow progress: parts loaded with OK, and committed with OK after that load. */
  partsLoaded: boolean;
  partsCommitted: boolean;
}

const MAX_PER_KIND = 3;

function milestoneEvidence(attempts: readonly Attempt[], m: Milestone): Evidence[] {
  const all: Evidence[] = [];
  for (const a of attempts) {
    const hit = a.milestones.find((x) => x.milestone === m);
    if (hit !== undefined) all.push(hit.evidence);
  }
  // Keep the first occurrences and the latest one: enough to cite, bounded for huge inputs.
  if (all.length <= MAX_PER_KIND + 1) return all;
  const last = all[all.length - 1];
  return last === undefined ? all.slice(0, MAX_PER_KIND) : [...all.slice(0, MAX_PER_KIND), last];
}

function detectFlow(attempts: readonly Attempt[], m1: boolean): { flow: Flow; evidence: Evidence | undefined } {
  // M1 is only printed by auto-mk-rotate, so it decides the flow whatever came later.
  const auto = attempts.find((a) => a.role === 'rotate-auto');
  if (m1 || auto !== undefined) return { flow: 'auto', evidence: auto?.start };
  const keyparts = attempts.find(
    (a) => a.role === 'rotate-keyparts' || a.role === 'rotate-smartcard' || a.role === 'load' || a.role === 'commit',
  );
  if (keyparts !== undefined) return { flow: 'keyparts', evidence: keyparts.start };
  return { flow: 'auto', evidence: undefined };
}

function failureEvidence(a: Attempt, kind: FailureKind): Evidence {
  switch (kind) {
    case 'auth':
      return a.auth ?? a.failed ?? a.start;
    case 'precheck':
      return a.prechecks[0]?.evidence ?? a.failed ?? a.start;
    case 'hsm':
      return a.hsm === undefined ? a.start : { ...a.hsm, text: [a.hsm.text, ...a.hsmCodes].join(' ') };
    case 'other':
      return a.failed ?? a.start;
    case 'unfinished':
      return { ...a.start, text: `${a.start.text || a.file} (output ends before OK or FAILED: interrupted)` };
  }
}

function completionIn(a: Attempt, m2Before: boolean): Evidence | undefined {
  let sawM2 = m2Before;
  for (const m of a.milestones) {
    if (m.milestone === 'M2') sawM2 = true;
    if (sawM2 && (m.milestone === 'completed' || m.milestone === 'smartcard-successful')) return m.evidence;
  }
  if (sawM2 && a.role === 'setimm' && a.ok !== undefined && failureOf(a) === undefined) return a.ok;
  return undefined;
}

// Arguments are dropped on purpose: `ibmcloud login --apikey ...` may carry a secret.
function commandOf(a: Attempt | undefined): string | undefined {
  if (a?.command === undefined) return undefined;
  return a.role === 'login' ? 'ibmcloud login' : a.typed?.includes(' tke ') === true || a.typed?.startsWith('tke') === true
    ? `ibmcloud tke ${a.command}`
    : undefined;
}

/** Gather the decision's facts from the scanned attempts. */
export function gatherFacts(attempts: readonly Attempt[], givenFlow: Flow | undefined): Facts {
  const m1 = milestoneEvidence(attempts, 'M1');
  const m2 = milestoneEvidence(attempts, 'M2');
  const detected = detectFlow(attempts, m1.length > 0);
  let completion: Facts['completion'];
  let lastFailure: Facts['lastFailure'];
  let loginAfterFailure: Evidence | undefined;
  let m2Seen = false;
  let keypartRotationStarted = false;
  let succeededAfterFailure = new Set<string>();
  let partsLoaded = false;
  let partsCommitted = false;
  for (const a of attempts) {
    const succeeded = a.ok !== undefined && a.failed === undefined;
    if (a.role === 'load' && succeeded) [partsLoaded, partsCommitted] = [true, false];
    if (a.role === 'commit' && succeeded && partsLoaded) partsCommitted = true;
    const done = completionIn(a, m2Seen);
    if (a.milestones.some((m) => m.milestone === 'M2')) m2Seen = true;
    if (done !== undefined) completion = { attempt: a.index, evidence: done };
    const kind = failureOf(a);
    if (kind !== undefined && (isRotationRole(a.role) || kind !== 'unfinished')) {
      lastFailure = { attempt: a, kind, evidence: failureEvidence(a, kind) };
      loginAfterFailure = undefined;
      succeededAfterFailure = new Set();
    } else if (lastFailure !== undefined && a.ok !== undefined && a.failed === undefined && a.command !== undefined) {
      succeededAfterFailure.add(a.role === 'login' ? 'ibmcloud login' : `ibmcloud tke ${a.command}`);
    }
    if (a.role === 'login' && a.ok !== undefined && a.failed === undefined) loginAfterFailure = a.ok;
    const rotating = a.role === 'rotate-keyparts' || a.role === 'rotate-smartcard' || a.role === 'rotate-unknown';
    if (rotating && (a.steps.has('rewrap') || a.milestones.length > 0 || (kind !== 'precheck' && kind !== 'auth'))) {
      keypartRotationStarted = true;
    }
  }
  const failedChecks: PrecheckId[] = [];
  const precheckEvidence: Evidence[] = [];
  if (lastFailure?.kind === 'precheck') {
    for (const p of lastFailure.attempt.prechecks) {
      precheckEvidence.push(p.evidence);
      if (p.check !== undefined && !failedChecks.includes(p.check)) failedChecks.push(p.check);
    }
  }
  const failed = lastFailure?.attempt;
  return {
    flow: givenFlow ?? detected.flow,
    flowEvidence: detected.evidence,
    m1,
    m2,
    completion,
    lastFailure,
    loginAfterFailure,
    rotationAttempts: attempts.filter((a) => isRotationRole(a.role)),
    keypartRotationStarted,
    failedChecks,
    precheckEvidence,
    failedCommand: commandOf(failed),
    succeededAfterFailure,
    partsLoaded,
    partsCommitted,
  };
}
