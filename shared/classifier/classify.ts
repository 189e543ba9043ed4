/** The classifier's entry point: transcripts (+ flow, + registers) to a `Classification`. */
import { SIGNING_SERVICE_FIXES } from '../precheck/fixes.js';
import { SIGKEY_SEL, withArgv, withRefusedArgv } from './commands.js';
import { decide } from './decide.js';
import { forbiddenFor } from './forbidden.js';
import { selfChecked } from './self-check.js';
import { describeUnit } from './describe.js';
import { gatherKnowledge, type Knowledge } from './knowledge.js';
import { scanTranscripts } from './scan.js';
import { smartcardForbidden, smartcardNext } from './smartcard.js';
import type { AdviceStep, Classification, ClassifyInput, Evidence } from './types.js';

const MAX_EVIDENCE = 40;
const MAX_ATTEMPT_STARTS = 10;
const MAX_READINGS = 3;

function transcriptEvidence(k: Knowledge): Evidence[] {
  const out: Evidence[] = [];
  const starts = k.rotationAttempts.filter((a) => a.start.text !== '').map((a) => a.start);
  out.push(...starts.slice(0, MAX_ATTEMPT_STARTS));
  if (starts.length > MAX_ATTEMPT_STARTS) out.push(...starts.slice(-1));
  out.push(...k.m1, ...k.m2, ...k.rewrap);
  out.push(...k.completion);
  if (k.lastFailure !== undefined) out.push(k.lastFailure.evidence);
  out.push(...k.precheckEvidence);
  if (k.loginAfterFailure !== undefined) out.push(k.loginAfterFailure);
  if (k.contradiction !== undefined) out.push(...k.contradiction.evidence.filter((e) => e.line > 0));
  return out;
}

/** The units of the latest readings (and the contradiction's reason), as evidence lines. */
function registerEvidence(k: Knowledge): Evidence[] {
  const out: Evidence[] = [];
  if (k.contradiction !== undefined) {
    const at = k.contradiction.evidence[0];
    out.push({
      file: at?.file ?? 'registers',
      line: at?.line ?? 0,
      text: `register reading contradicts the transcripts: ${k.contradiction.reason}`,
    });
  }
  for (const r of k.readings.slice(-MAX_READINGS)) {
    for (const u of r.units)
      out.push({ file: r.evidence.file, line: u.line ?? r.evidence.line, text: describeUnit(u) });
  }
  return out;
}

/**
 * Each line cited once, where it was first cited: an attempt's command line is both its start and,
 * when its end was not seen, its failure (annotated "output ends before OK or FAILED"); of two
 * citations of a line, a later one replaces the first only when it extends it (it says more), so an
 * output line is quoted as it is rather than as a note about its file. Line 0 is no line (a register
 * file read as JSON, a contradiction's reason): told apart by the text.
 */
function dedupe(evidence: readonly Evidence[], order: ReadonlyMap<string, number>): Evidence[] {
  const cited = new Map<string, Evidence>();
  for (const e of evidence) {
    const key = e.line > 0 ? `${e.file}\u0000${e.line}` : `${e.file}\u0000${e.line}\u0000${e.text}`;
    const first = cited.get(key);
    // A Map keeps the place of a key's first insertion when its value is replaced.
    if (first === undefined || e.text.startsWith(first.text)) cited.set(key, e);
  }
  return [...cited.values()].sort(
    (a, b) =>
      (order.get(a.file) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.file) ?? Number.MAX_SAFE_INTEGER) ||
      a.line - b.line,
  );
}

/**
 * With a signing service the sigkey commands do nothing [hs-crypto: signing-service.md]: a fix that
 * selects signature keys becomes the signing service's (SIGNSERVKEYS, cryptounit-admin-add).
 */
function signingServiceNext(next: readonly AdviceStep[]): AdviceStep[] {
  const out = next.flatMap((a) =>
    a.command === SIGKEY_SEL ? SIGNING_SERVICE_FIXES.map(({ command, why }) => ({ command, why })) : [a],
  );
  return out.filter((a, i) => out.findIndex((b) => b.command === a.command) === i);
}

/** Classify a failed (or finished) rotation from its transcripts and an optional register reading. */
export function classify(input: ClassifyInput): Classification {
  const attempts = scanTranscripts(input.transcripts);
  const registers =
    input.registers === undefined ? undefined : { units: input.registers, file: input.registersFile ?? 'registers' };
  const k = gatherKnowledge(attempts, input.flow, registers);
  // A signing service's error line proves the CLI signs through one (only it prints them).
  const signing = input.signingService === true || attempts.some((a) => a.signserv !== undefined);
  // With a signing service sigkey-sel does nothing: having run it fixes nothing.
  if (signing) k.succeededAfterFailure.delete(SIGKEY_SEL);
  const decision = selfChecked(decide(k), () => forbiddenFor(k, 'indeterminate'));
  const order = new Map<string, number>();
  input.transcripts.forEach((t, i) => {
    if (!order.has(t.file)) order.set(t.file, i);
  });
  const evidence = dedupe(transcriptEvidence(k), order).slice(0, MAX_EVIDENCE);
  evidence.push(...dedupe(registerEvidence(k), order).slice(0, MAX_EVIDENCE));
  // Key order is part of the `mkra classify --json` contract.
  return {
    phase: decision.phase,
    flow: k.flow,
    next: (k.flow === 'smartcard'
      ? smartcardNext(decision.next)
      : signing
        ? signingServiceNext(decision.next)
        : decision.next
    ).map(withArgv),
    forbidden: (k.flow === 'smartcard' ? smartcardForbidden(decision.forbidden) : decision.forbidden).map(
      withRefusedArgv,
    ),
    evidence,
    unitsToDeselect: decision.unitsToDeselect,
    failedChecks:
      decision.phase === 'precheck-failed' && decision.failedChecks.length === 0 && k.registersOnly
        ? ['new-mk']
        : decision.failedChecks,
    ...(decision.unitsToReselect.length > 0 ? { unitsToReselect: decision.unitsToReselect } : {}),
    ...(decision.stop === undefined ? {} : { stop: decision.stop }),
    // Every indeterminate decision names its cause, and only those do (decide.ts, self-check.ts).
    ...(decision.cause === undefined ? {} : { indeterminateCause: decision.cause }),
  };
}
