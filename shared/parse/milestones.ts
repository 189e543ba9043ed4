/**
 * Milestones in TKE output (docs/domain.md), part of the one recogniser (recognise.ts re-exports all
 * of this): found anywhere in a line, whatever its case, spacing or punctuation (`squash`), so a
 * prefix, a suffix or a no-break space cannot hide them.
 */
import { CATALOGUE } from '../tke/catalogue.js';

/**
 * M1 and M2 as in docs/domain.md; `smartcard-started` / `smartcard-successful` are the TKE
 * application's rotation messages; `completed` is the simulator's success line, which IBM does not
 * publish (an inferred string: it can add caution, never prove completion on its own).
 */
export type Milestone = 'M1' | 'M2' | 'smartcard-started' | 'smartcard-successful' | 'completed';

/** Whether a milestone's text comes from a public IBM source or is inferred (see the catalogue). */
export const MILESTONE_SOURCED: Readonly<Record<Milestone, boolean>> = {
  M1: true,
  M2: true,
  'smartcard-started': true,
  'smartcard-successful': true,
  completed: false,
};

/** Lower case with everything but letters and digits removed: spacing, punctuation and case drop out. */
export function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

// In the order they are looked for: M1 before M2, `successful` before `started`.
const KEYS: readonly (readonly [Milestone, string])[] = [
  ['M1', squash(CATALOGUE.m1.text)],
  // The part both spellings share (`KMS CRK ...` on the CLI, `MKS CRK ...` in the TKE application).
  ['M2', squash(CATALOGUE.m2.text).replace(/^kms/, '')],
  ['smartcard-successful', squash(CATALOGUE.smartcardSuccessful.text)],
  ['smartcard-started', squash(CATALOGUE.smartcardStarted.text)],
  ['completed', squash(CATALOGUE.rotationCompleted.text)],
];

/** Words of the milestones: a line without any cannot hold (the first piece of) one. */
export const MILESTONE_WORD = /delay|second|server|discover|master|values|rewrap|success|waiting|setimm|crk|rotation/i;

/** The milestone a squashed line holds, if any. */
export function milestoneIn(squashed: string): Milestone | undefined {
  return KEYS.find(([, key]) => squashed.includes(key))?.[0];
}

/** The milestone a line holds anywhere in it, if any. */
export function milestoneOf(line: string): Milestone | undefined {
  return MILESTONE_WORD.test(line) ? milestoneIn(squash(line)) : undefined;
}

/**
 * The milestones of one terminal line, one per rewrite a bare CR would hide on screen (a milestone
 * there still counts): what the live runner and the training simulator report, in order.
 */
export function lineMilestones(line: string): Milestone[] {
  const out: Milestone[] = [];
  for (const segment of line.includes('\r') ? line.split('\r') : [line]) {
    const milestone = segment.trim() === '' ? undefined : milestoneOf(segment.trim());
    if (milestone !== undefined) out.push(milestone);
  }
  return out;
}

/**
 * True when the line begins with a milestone (after its spacing and punctuation): the strict
 * reading the journal scrubber needs, where a milestone later in a line proves nothing about the
 * text before it.
 */
export function startsWithMilestone(line: string): boolean {
  const squashed = squash(line);
  // M2's key leaves out the `KMS` / `MKS` both spellings begin with.
  const rest = /^(?:kms|mks)crk/.test(squashed) ? squashed.slice(3) : squashed;
  return KEYS.some(([, key]) => squashed.startsWith(key) || rest.startsWith(key));
}

/**
 * A milestone wrapped over consecutive lines (a capture folded at 40 or 60 columns, by word or mid-
 * word): the lines given, oldest first, joined without their spacing. Undefined when none spans them.
 */
export function milestoneAcross(lines: readonly string[]): Milestone | undefined {
  // A piece cut mid-word may hold no whole word of the milestone; the first piece always does.
  if (!MILESTONE_WORD.test(lines[0] ?? '')) return undefined;
  const joined = lines.map(squash).join('');
  const found = milestoneIn(joined);
  // Only a milestone that no single line holds on its own is a wrapped one.
  return found !== undefined && lines.every((l) => milestoneIn(squash(l)) !== found) ? found : undefined;
}
