/**
 * One pass over the attempts, oldest first, that keeps what is known of the rotation: the level the
 * evidence proves (`strong`: documented strings, the process exit, register readings; `any`: inferred
 * strings too), the furthest level it may have reached unseen (`upper`), the old and new master keys'
 * verification patterns, and any contradiction between transcripts and registers.
 */
import type { PrecheckId } from '../tke/messages.js';
import type { AutoUnsupportedCause, Milestone } from '../parse/recognise.js';
import { atLeast, intersect, maxLevel, rank, type Level, type LevelRange } from './progress.js';
import { learn, rangeOf, shapeOf, type KnownVps, type RegisterShape } from './register-shape.js';
import { changedNothing, failureOf, isRotationRole, type Attempt, type AttemptRole, type FailureKind } from './scan.js';
import type { Evidence, Flow, RegisterReading } from './types.js';
import { sameVp } from '../tke/vp.js';

export interface Reading {
  units: RegisterReading[];
  shape: RegisterShape;
  evidence: Evidence;
}

export interface Contradiction {
  reason: string;
  units: number[];
  evidence: Evidence[];
}

/** Steps of the recovery from a partial promotion, each confirmed by a command that ended with OK. */
export interface PartialRecovery {
  deselected: boolean;
  /** Units deselected during the recovery, to select again at its end. */
  units: number[];
  promoted: boolean;
  readded: boolean;
  compared: boolean;
}

export interface Knowledge {
  flow: Flow;
  flowEvidence: Evidence | undefined;
  strong: Level;
  any: Level;
  upper: Level;
  known: KnownVps;
  m1: Evidence[];
  m2: Evidence[];
  /** Any evidence, at any time, that re-encryption of key storage began: auto-mk-rotate is refused for good. */
  rewrapSeen: boolean;
  /** Re-encryption evidence other than M1 and M2 (progress lines, a key-part rotation under way). */
  rewrap: Evidence[];
  /** The lines that show the rotation completed (the success lines, a closing OK after M2). */
  completion: Evidence[];
  /** The latest reading, unless a command that could change registers or the selection ran after it. */
  reading: Reading | undefined;
  /** Every reading, for evidence. */
  readings: Reading[];
  contradiction: Contradiction | undefined;
  /** The last rotation command, when its end was not seen and no reading came after it. */
  unfinished: Attempt | undefined;
  /** Registers were read but no rotation command is in the transcripts: their history is unknown. */
  registersOnly: boolean;
  rotationAttempts: Attempt[];
  lastFailure: { attempt: Attempt; kind: FailureKind; evidence: Evidence } | undefined;
  loginAfterFailure: Evidence | undefined;
  /**
   * Units whose current master key is gone while a recovery crypto unit still holds it; `recovered`:
   * an auto-mk-recover since the reading that showed it ended OK (only a new reading can confirm it).
   */
  lostCurrent: { units: number[]; vp: string; evidence: Evidence; recovered?: Evidence } | undefined;
  /**
   * auto-mk-rotate refused the instance (PKCS #11 keystores enabled, or no recovery crypto units): it
   * stays unusable there, and the rotation is done with key part files.
   */
  autoUnsupported: { cause: AutoUnsupportedCause; evidence: Evidence } | undefined;
  /** An `ibmcloud target` that ended OK after a targeting failure. */
  targetedAfterFailure: Evidence | undefined;
  /**
   * No instance found again right after a successful `ibmcloud target`: the region and group were
   * right, so the instance is private-only, in another account, or not visible to the user.
   */
  targetPersisted: Evidence | undefined;
  /** A 401 that persisted after a fresh login: the user lacks a role on the instance. */
  permission: Evidence | undefined;
  failedChecks: PrecheckId[];
  precheckEvidence: Evidence[];
  failedCommand: string | undefined;
  succeededAfterFailure: Set<string>;
  partial: PartialRecovery;
  /** Units a partial promotion left to deselect (none once `cryptounit-rm` ran). */
  promotedUnits: number[];
}

const MAX_PER_KIND = 3;

/** The furthest level each kind of command can bring a rotation to. */
function reachOf(role: AttemptRole): Level {
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
function endReach(role: AttemptRole, any: Level): Level {
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

function bounded(list: Evidence[], item: Evidence): void {
  if (list.length < MAX_PER_KIND) list.push(item);
  else list[MAX_PER_KIND] = item;
}

function has(a: Attempt, m: Milestone): Evidence | undefined {
  return a.milestones.find((x) => x.milestone === m)?.evidence;
}

/** True when the attempt's end was seen: a closing OK or FAILED, an error block, or the process exit. */
function ended(a: Attempt): boolean {
  const kind = failureOf(a);
  // A service error that leaves the request's fate open, with no FAILED and no exit: an end not seen
  // (in the TKE application an error message ends the action).
  if (kind === 'unknown' && a.failed === undefined && a.exit === undefined && a.role !== 'rotate-smartcard' && !a.app) return false;
  if (kind === 'unfinished') return false;
  return a.exit !== undefined || a.ok !== undefined || a.declined || kind !== undefined || has(a, 'smartcard-successful') !== undefined;
}

function succeeded(a: Attempt): boolean {
  if (a.exit !== undefined) return a.exit.code === 0 && failureOf(a) === undefined;
  return a.ok !== undefined && failureOf(a) === undefined;
}

function detectFlow(attempts: readonly Attempt[], m1: boolean): { flow: Flow; evidence: Evidence | undefined } {
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

function failureEvidence(a: Attempt, kind: FailureKind): Evidence {
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
function typedOf(a: Attempt | undefined): string | undefined {
  if (a?.command === undefined) return undefined;
  if (a.role === 'login') return 'ibmcloud login';
  // An action in the TKE application is named by its CLI command; the smart-card vocabulary maps it back.
  if (a.app) return `ibmcloud tke ${a.command}`;
  return a.typed?.includes(' tke ') === true || a.typed?.startsWith('tke') === true ? `ibmcloud tke ${a.command}` : undefined;
}

class Fold {
  readonly k: Knowledge;
  #seenRotation = false;

  constructor(flow: Flow, flowEvidence: Evidence | undefined) {
    this.k = {
      flow,
      flowEvidence,
      strong: 'untouched',
      any: 'untouched',
      upper: 'untouched',
      known: {},
      m1: [],
      m2: [],
      rewrapSeen: false,
      rewrap: [],
      completion: [],
      reading: undefined,
      readings: [],
      contradiction: undefined,
      unfinished: undefined,
      registersOnly: false,
      rotationAttempts: [],
      lastFailure: undefined,
      loginAfterFailure: undefined,
      permission: undefined,
      lostCurrent: undefined,
      autoUnsupported: undefined,
      targetedAfterFailure: undefined,
      targetPersisted: undefined,
      failedChecks: [],
      precheckEvidence: [],
      failedCommand: undefined,
      succeededAfterFailure: new Set(),
      partial: { deselected: false, units: [], promoted: false, readded: false, compared: false },
      promotedUnits: [],
    };
  }

  raise(level: Level, strong: boolean): void {
    const k = this.k;
    if (atLeast(level, 'rewrapping') && level !== 'promoted') k.rewrapSeen = true;
    if (strong) k.strong = maxLevel(k.strong, level);
    k.any = maxLevel(k.any, maxLevel(k.strong, level));
    k.upper = maxLevel(k.upper, k.any);
  }

  contradict(reason: string, units: number[], evidence: Evidence[]): void {
    this.k.contradiction ??= { reason, units, evidence };
  }

  attempt(a: Attempt): void {
    const k = this.k;
    // Refused for the instance before anything was selected or sent: not an attempt at this rotation.
    if (a.unsupported !== undefined) k.autoUnsupported ??= a.unsupported;
    const rotation = isRotationRole(a.role) && a.unsupported === undefined;
    if (rotation) {
      // A command stopped before it acted (pre-check, token, target) says nothing of what came before.
      if (!changedNothing(failureOf(a))) this.#seenRotation = true;
      k.rotationAttempts.push(a);
      // A command that can change registers makes an earlier reading stale.
      k.reading = undefined;
      // auto-mk-rotate generates a fresh random key: before re-encryption began, a new value read
      // earlier (an uncommitted leftover it replaces) no longer names the rotation's new key.
      if (a.role === 'rotate-auto' && !changedNothing(failureOf(a)) && !atLeast(k.any, 'rewrapping') && k.known.newVp !== undefined) {
        k.known = k.known.oldVp === undefined ? {} : { oldVp: k.known.oldVp };
      }
    }
    if (a.command === 'cryptounit-rm' || a.command === 'cryptounit-add') k.reading = undefined;
    this.#lines(a);
    this.#end(a, rotation);
    this.#bookkeeping(a, rotation);
    if (a.role === 'recover' && k.lostCurrent !== undefined) {
      // Run again, the recovery is again unconfirmed until a reading; once OK, it is not advised again.
      const { recovered: _before, ...lost } = k.lostCurrent;
      k.lostCurrent = succeeded(a) ? { ...lost, recovered: a.ok ?? a.start } : lost;
    }
    if (a.reading !== undefined) this.reading(a.reading, { file: a.file, line: a.start.line, text: a.start.text || 'register reading' });
  }

  /** Milestones and progress lines: documented ones raise `strong`, inferred ones only `any`. */
  #lines(a: Attempt): void {
    const k = this.k;
    const m1 = has(a, 'M1');
    const m2 = has(a, 'M2');
    if (m1 !== undefined) {
      bounded(k.m1, m1);
      this.raise('rewrapping', true);
    }
    // "Generating", "Copying", "Committing": under way, not done; nothing is proven committed by them.
    if (a.steps.has('generate') || a.steps.has('copy') || a.steps.has('commit')) this.raise('loaded', false);
    const started = has(a, 'smartcard-started');
    if (a.steps.has('rewrap') || started !== undefined) {
      bounded(k.rewrap, started ?? a.start);
      this.raise('rewrapping', false);
    }
    const keypartRotation = a.role === 'rotate-keyparts' || a.role === 'rotate-smartcard' || a.role === 'rotate-unknown';
    const kind = failureOf(a);
    if (keypartRotation && kind !== 'precheck' && kind !== 'auth' && (a.milestones.length > 0 || kind !== undefined)) {
      // It got past its initial checks: re-encryption may have started.
      this.raise('rewrapping', false);
    }
    if (m2 !== undefined) {
      bounded(k.m2, m2);
      this.raise('rewrapped', true);
    }
    if (a.steps.has('promote')) this.raise('rewrapped', false);
    // The TKE application's success message after M2 is IBM's; the simulator's success line is not.
    const successful = has(a, 'smartcard-successful');
    if (successful !== undefined && atLeast(k.strong, 'rewrapped')) {
      bounded(k.completion, successful);
      this.raise('promoted', true);
    }
    const done = has(a, 'completed') ?? successful;
    if (done !== undefined && atLeast(k.any, 'rewrapped')) {
      bounded(k.completion, done);
      this.raise('promoted', false);
    }
  }

  #end(a: Attempt, rotation: boolean): void {
    const k = this.k;
    if (!rotation) return;
    if (!ended(a)) {
      k.unfinished = a;
      k.upper = maxLevel(k.upper, reachOf(a.role));
      return;
    }
    const ok = succeeded(a);
    // A later command stopped before it changed anything (its initial check, a 401, a wrong target, a
    // "no") tells nothing of how far an unfinished one got: the registers must still be read first.
    if (ok || !(changedNothing(failureOf(a)) || a.declined)) k.unfinished = undefined;
    const m2 = has(a, 'M2');
    const closing = a.ok === undefined || m2 === undefined || a.ok.line >= m2.line;
    if (ok && closing && (a.role === 'rotate-auto' || a.role === 'rotate-keyparts' || a.role === 'rotate-unknown') && m2 !== undefined) {
      // The rotation commands promote the new key themselves after M2; their closing OK says they did.
      bounded(k.completion, a.ok ?? a.start);
      this.raise('promoted', true);
    }
    if (a.role === 'setimm') this.#setimm(a, ok);
    if (a.role === 'load' && ok) this.raise('loaded', true);
    if (a.role === 'commit' && ok && atLeast(k.any, 'loaded')) this.raise('committed', true);
    if (a.role === 'clrnew' && ok) this.#clrnew(a);
    const kind = failureOf(a);
    // A command that failed may have done more than it printed, up to its next documented milestone;
    // one stopped by its initial checks, authentication, targeting or a refusal touched nothing.
    if (!ok && !changedNothing(kind) && !a.declined) k.upper = maxLevel(k.upper, endReach(a.role, k.any));
  }

  #setimm(a: Attempt, ok: boolean): void {
    const k = this.k;
    // Answered no at its warning: it stopped before promoting anything.
    if (a.declined) return;
    if (!atLeast(k.strong, 'rewrapped')) {
      if (ok) this.contradict('cryptounit-mk-setimm ran before re-encryption was shown to be complete (no M2)', [], [a.ok ?? a.start]);
      k.upper = maxLevel(k.upper, 'promoted');
      return;
    }
    if (!ok) {
      k.upper = maxLevel(k.upper, 'promoted');
      return;
    }
    if (k.strong === 'partial') k.partial.promoted = true;
    bounded(k.completion, a.ok ?? a.start);
    this.raise('promoted', true);
  }

  #clrnew(a: Attempt): void {
    const k = this.k;
    if (atLeast(k.any, 'rewrapping') && k.strong !== 'promoted') {
      this.contradict('cryptounit-mk-clrnew cleared the new master key after re-encryption of key storage had started', [], [a.ok ?? a.start]);
      return;
    }
    k.strong = 'untouched';
    k.any = 'untouched';
    k.upper = 'untouched';
    k.known = k.known.oldVp === undefined ? {} : { oldVp: k.known.oldVp };
  }

  #bookkeeping(a: Attempt, rotation: boolean): void {
    const k = this.k;
    const kind = failureOf(a);
    if (kind !== undefined && (rotation || kind !== 'unfinished')) {
      // A 401 again right after a successful login: not an expired token but a missing permission.
      if (kind === 'auth' && k.lastFailure?.kind === 'auth' && k.loginAfterFailure !== undefined) k.permission = failureEvidence(a, kind);
      else if (kind !== 'auth') k.permission = undefined;
      // Not found again right after a successful `ibmcloud target`: not the targeting.
      if (kind === 'target' && k.lastFailure?.kind === 'target' && k.targetedAfterFailure !== undefined) k.targetPersisted = failureEvidence(a, kind);
      else if (kind !== 'target') k.targetPersisted = undefined;
      k.lastFailure = { attempt: a, kind, evidence: failureEvidence(a, kind) };
      k.loginAfterFailure = undefined;
      k.targetedAfterFailure = undefined;
      k.succeededAfterFailure = new Set();
    } else if (k.lastFailure !== undefined && succeeded(a) && a.command !== undefined) {
      k.succeededAfterFailure.add(a.role === 'login' ? 'ibmcloud login' : `ibmcloud tke ${a.command}`);
    }
    if (a.role === 'login' && succeeded(a)) k.loginAfterFailure = a.ok ?? a.start;
    if (a.command === 'target' && a.typed?.startsWith('ibmcloud target') === true && succeeded(a)) k.targetedAfterFailure = a.ok ?? a.start;
    if (!succeeded(a)) return;
    // The recovery from a partial promotion: deselect, promote the rest, re-add, compare.
    if (k.strong === 'partial' || k.partial.deselected) {
      if (a.command === 'cryptounit-rm') {
        k.partial.deselected = true;
        k.partial.units = [...new Set([...k.partial.units, ...k.promotedUnits])].sort((x, y) => x - y);
        k.promotedUnits = [];
      }
      if (a.command === 'cryptounit-add' && k.partial.promoted) k.partial.readded = true;
      if (a.command === 'cryptounit-compare' && k.partial.readded) k.partial.compared = true;
    }
  }

  /** Reconcile a register reading with what the transcripts proved. */
  reading(units: RegisterReading[], evidence: Evidence): void {
    const k = this.k;
    const shape = shapeOf(units);
    const reading: Reading = { units, shape, evidence };
    k.readings.push(reading);
    if (!this.#seenRotation && k.readings.length === 1 && rank(k.any) === 0) {
      // Registers read before any rotation command: their history is not in these transcripts.
      k.upper = 'promoted';
    }
    k.unfinished = undefined;
    k.reading = reading;
    if (shape.kind === 'current-lost' && shape.recoverable && !atLeast(k.any, 'loaded') && (k.upper === 'untouched' || k.upper === 'promoted' || k.registersOnly || !this.#seenRotation)) {
      // No rotation under way: the recovery crypto unit's copy can be put back (auto-mk-recover).
      k.lostCurrent = { units: shape.units, vp: shape.vp, evidence };
      return;
    }
    if (shape.kind === 'mixed' || shape.kind === 'current-lost') {
      const reason = shape.kind === 'mixed' ? shape.reason : 'a current master key register is not Valid (cleared, zeroized or replaced) while a rotation is under way';
      this.contradict(reason, shape.units, [evidence]);
      return;
    }
    k.lostCurrent = undefined;
    if (this.#subsetOfPartial(shape, evidence)) return;
    if (k.known.newVp !== undefined && shape.kind !== 'settled' && !sameVp(k.known.newVp, shape.newVp) && atLeast(k.any, 'rewrapping')) {
      this.contradict('the new registers hold another value than the one key storage was being re-encrypted under', units.map((u) => u.num), [evidence]);
      return;
    }
    const range = rangeOf(shape, k.known);
    // Every new register Empty shows no new key placed: a placement only inferred from its progress
    // lines ("Generating…", not proven by a documented milestone) did not leave one, or went through.
    const placementOnlyInferred = shape.kind === 'settled' && !atLeast(k.any, 'committed');
    const window: LevelRange = { low: placementOnlyInferred ? k.strong : k.any, high: k.upper };
    const hit = range === undefined ? undefined : intersect(window, range);
    if (range === undefined || hit === undefined) {
      this.contradict(`the registers show ${describeShape(shape)}, which the transcripts rule out`, units.map((u) => u.num), [evidence]);
      return;
    }
    // Settled registers are either untouched or promoted; the transcripts say which.
    const pinned = shape.kind === 'settled' && hit.low !== hit.high ? settle(hit, k.any) : hit;
    k.strong = maxLevel(k.strong, shape.kind === 'settled' ? pinned.low : range.low);
    k.any = placementOnlyInferred && pinned.low === 'untouched' ? k.strong : maxLevel(k.any, pinned.low);
    k.upper = pinned.high;
    k.known = learn(k.known, shape, pinned.low);
    if (shape.kind === 'partial') {
      // Promoted units among the selected ones must be deselected (again) before the next setimm.
      k.promotedUnits = shape.promoted;
      k.partial.deselected = false;
    }
    if (shape.kind === 'settled' && pinned.low === 'promoted' && k.completion.length === 0) k.completion.push(evidence);
  }

  /** After deselecting promoted units, a reading lists only one side of the partial promotion. */
  #subsetOfPartial(shape: RegisterShape, evidence: Evidence): boolean {
    const k = this.k;
    if (!k.partial.deselected || k.known.oldVp === undefined || k.known.newVp === undefined) return false;
    if (shape.kind === 'committed') return sameVp(shape.oldVp, k.known.oldVp) && sameVp(shape.newVp, k.known.newVp);
    if (shape.kind !== 'settled' || !sameVp(shape.vp, k.known.newVp)) return false;
    // The units left selected all hold the new key as current: their promotion is done, even when
    // the setimm that did it was never seen to end (the app died while it ran).
    if (!k.partial.promoted) {
      k.partial.promoted = true;
      bounded(k.completion, evidence);
      this.raise('promoted', true);
    }
    return true;
  }
}

function settle(hit: LevelRange, any: Level): LevelRange {
  const level: Level = rank(any) <= rank('loaded') && hit.low === 'untouched' ? 'untouched' : 'promoted';
  return { low: level, high: level };
}

function describeShape(shape: RegisterShape): string {
  switch (shape.kind) {
    case 'settled':
      return 'every new register Empty and one current value';
    case 'placing':
      return 'a new master key not yet committed everywhere';
    case 'committed':
      return 'a committed new master key not yet promoted';
    case 'partial':
      return `units ${shape.promoted.join(', ')} already promoted and the others not`;
    case 'current-lost':
      return 'a current register that is not Valid';
    case 'mixed':
      return shape.reason;
  }
}

/**
 * Where auto-mk-rotate refused the instance and no auto-mk-rotate ever ran on it, a rotation in the
 * auto flow goes on with key part files, IBM's other flow for such instances: the advice and
 * interlocks follow that flow.
 */
function afterRefusal(attempts: readonly Attempt[], flow: Flow, autoRan: boolean): { flow: Flow; evidence: Evidence } | undefined {
  if (flow !== 'auto' || autoRan) return undefined;
  const refused = attempts.find((a) => a.unsupported !== undefined)?.unsupported;
  return refused === undefined ? undefined : { flow: 'keyparts', evidence: refused.evidence };
}

/** Fold the attempts (and a final reading given apart, e.g. `--registers`) into what is known. */
export function gatherKnowledge(
  attempts: readonly Attempt[],
  givenFlow: Flow | undefined,
  registers: { units: RegisterReading[]; file: string } | undefined,
): Knowledge {
  const sawM1 = attempts.some((a) => has(a, 'M1') !== undefined);
  const detected = detectFlow(attempts, sawM1);
  const flow = afterRefusal(attempts, givenFlow ?? detected.flow, sawM1 || (detected.flow === 'auto' && detected.evidence !== undefined));
  const fold = new Fold(flow?.flow ?? givenFlow ?? detected.flow, flow?.evidence ?? detected.evidence);
  for (const a of attempts) fold.attempt(a);
  if (registers !== undefined) fold.reading(registers.units, { file: registers.file, line: 0, text: 'register reading' });
  const k = fold.k;
  k.registersOnly = k.readings.length > 0 && k.rotationAttempts.every((a) => changedNothing(failureOf(a)));
  if (k.lastFailure?.kind === 'precheck') {
    for (const p of k.lastFailure.attempt.prechecks) {
      k.precheckEvidence.push(p.evidence);
      if (p.check !== undefined && !k.failedChecks.includes(p.check)) k.failedChecks.push(p.check);
    }
  }
  k.failedCommand = typedOf(k.lastFailure?.attempt);
  return k;
}
