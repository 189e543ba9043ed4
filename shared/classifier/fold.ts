/**
 * The fold over the attempts, oldest first (knowledge.ts): milestones and progress lines raise the
 * levels, each command's end (or its absence) bounds how far it may have gone, failures and the
 * recovery from a partial promotion are kept, and readings are reconciled (fold-reading.ts).
 */
import { bounded, endReach, ended, failureEvidence, has, reachOf, succeeded } from './attempt-facts.js';
import { reconcileReading } from './fold-reading.js';
import { emptyKnowledge, type Knowledge } from './knowledge-types.js';
import { atLeast, maxLevel, type Level } from './progress.js';
import { changedNothing, failureOf, isRotationRole, type Attempt } from './scan.js';
import type { Evidence, Flow, RegisterReading } from './types.js';

export class Fold {
  readonly k: Knowledge;
  #seenRotation = false;

  constructor(flow: Flow, flowEvidence: Evidence | undefined) {
    this.k = emptyKnowledge(flow, flowEvidence);
  }

  /** A rotation command that may have changed something was seen (a reading after it has a known history). */
  get seenRotation(): boolean {
    return this.#seenRotation;
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
      if (
        a.role === 'rotate-auto' &&
        !changedNothing(failureOf(a)) &&
        !atLeast(k.any, 'rewrapping') &&
        k.known.newVp !== undefined
      ) {
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
    if (a.reading !== undefined)
      this.reading(a.reading, { file: a.file, line: a.start.line, text: a.start.text || 'register reading' });
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
    const keypartRotation =
      a.role === 'rotate-keyparts' || a.role === 'rotate-smartcard' || a.role === 'rotate-unknown';
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
    if (
      ok &&
      closing &&
      (a.role === 'rotate-auto' || a.role === 'rotate-keyparts' || a.role === 'rotate-unknown') &&
      m2 !== undefined
    ) {
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
      if (ok)
        this.contradict(
          'cryptounit-mk-setimm ran before re-encryption was shown to be complete (no M2)',
          [],
          [a.ok ?? a.start],
        );
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
      this.contradict(
        'cryptounit-mk-clrnew cleared the new master key after re-encryption of key storage had started',
        [],
        [a.ok ?? a.start],
      );
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
      if (kind === 'auth' && k.lastFailure?.kind === 'auth' && k.loginAfterFailure !== undefined)
        k.permission = failureEvidence(a, kind);
      else if (kind !== 'auth') k.permission = undefined;
      // Not found again right after a successful `ibmcloud target`: not the targeting.
      if (kind === 'target' && k.lastFailure?.kind === 'target' && k.targetedAfterFailure !== undefined)
        k.targetPersisted = failureEvidence(a, kind);
      else if (kind !== 'target') k.targetPersisted = undefined;
      k.lastFailure = { attempt: a, kind, evidence: failureEvidence(a, kind) };
      k.loginAfterFailure = undefined;
      k.targetedAfterFailure = undefined;
      k.succeededAfterFailure = new Set();
    } else if (k.lastFailure !== undefined && succeeded(a) && a.command !== undefined) {
      k.succeededAfterFailure.add(a.role === 'login' ? 'ibmcloud login' : `ibmcloud tke ${a.command}`);
    }
    if (a.role === 'login' && succeeded(a)) k.loginAfterFailure = a.ok ?? a.start;
    if (a.command === 'target' && a.typed?.startsWith('ibmcloud target') === true && succeeded(a))
      k.targetedAfterFailure = a.ok ?? a.start;
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
    reconcileReading(this, units, evidence);
  }
}
