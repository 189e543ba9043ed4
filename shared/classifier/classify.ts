/** The classifier's entry point: transcripts (+ flow, + registers) to a `Classification`. */
import { decide } from './decide.js';
import { gatherFacts, type Facts } from './facts.js';
import { describeUnit, type RegisterVerdict } from './registers-check.js';
import { scanTranscripts } from './scan.js';
import type { Classification, ClassifyInput, Evidence, RegisterReading } from './types.js';

const MAX_EVIDENCE = 40;
const MAX_ATTEMPT_STARTS = 10;

function transcriptEvidence(f: Facts): Evidence[] {
  const out: Evidence[] = [];
  const starts = f.rotationAttempts.filter((a) => a.start.text !== '').map((a) => a.start);
  out.push(...starts.slice(0, MAX_ATTEMPT_STARTS));
  if (starts.length > MAX_ATTEMPT_STARTS) out.push(...starts.slice(-1));
  out.push(...f.m1, ...f.m2);
  if (f.completion !== undefined) out.push(f.completion.evidence);
  if (f.lastFailure !== undefined) out.push(f.lastFailure.evidence);
  out.push(...f.precheckEvidence);
  if (f.loginAfterFailure !== undefined) out.push(f.loginAfterFailure);
  return out;
}

function registerEvidence(
  registers: readonly RegisterReading[],
  verdict: RegisterVerdict | undefined,
  file: string,
): Evidence[] {
  const cite = (nums: readonly number[] | undefined): Evidence[] =>
    registers
      .filter((u) => nums === undefined || nums.includes(u.num))
      .map((u) => ({ file, line: u.line ?? 0, text: describeUnit(u) }));
  if (verdict?.kind === 'contradiction') {
    const units = verdict.units.length > 0 ? verdict.units : undefined;
    return [{ file, line: 0, text: `register reading contradicts the transcripts: ${verdict.reason}` }, ...cite(units)];
  }
  return cite(undefined);
}

function dedupe(evidence: readonly Evidence[], order: ReadonlyMap<string, number>): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of evidence) {
    const key = `${e.file}\u0000${e.line}\u0000${e.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line);
}

/** Classify a failed (or finished) rotation from its transcripts and an optional register reading. */
export function classify(input: ClassifyInput): Classification {
  const attempts = scanTranscripts(input.transcripts);
  const facts = gatherFacts(attempts, input.flow);
  const decision = decide(facts, input.registers);
  const order = new Map<string, number>();
  input.transcripts.forEach((t, i) => {
    if (!order.has(t.file)) order.set(t.file, i);
  });
  const evidence = dedupe(transcriptEvidence(facts), order).slice(0, MAX_EVIDENCE);
  if (input.registers !== undefined) {
    evidence.push(...registerEvidence(input.registers, decision.verdict, input.registersFile ?? 'registers').slice(0, MAX_EVIDENCE));
  }
  // Key order is part of the `mkra classify --json` contract.
  return {
    phase: decision.phase,
    flow: facts.flow,
    next: decision.next,
    forbidden: decision.forbidden,
    evidence,
    unitsToDeselect: decision.unitsToDeselect,
    failedChecks: decision.phase === 'auth-expired' ? ['auth'] : facts.failedChecks,
  };
}
