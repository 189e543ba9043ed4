/** The readable (non-JSON) form of a classification, for people at a terminal. */
import { INDETERMINATE_CAUSE_WORDS, type Classification, type Phase } from './types.js';

const PHASE_WORDS: Record<Phase, string> = {
  'no-rotation': 'No rotation has changed key storage: nothing to recover.',
  'auth-expired': 'The last command failed because the access token expired; nothing was changed by it.',
  'precheck-failed': 'The last command stopped at its initial state checks; nothing was changed by it.',
  'failed-before-new-key':
    'The rotation stopped before re-encryption could start (no M1, and no committed new master key): key storage is untouched.',
  'rewrap-interrupted':
    'Re-encryption of key storage started (or may have started) and did not finish: M2 was not seen.',
  'rewrap-complete': 'Key storage is re-encrypted under the new master key (M2 seen); only promotion remains.',
  'partially-promoted': 'Key storage is re-encrypted and some crypto units are already promoted.',
  completed: 'The rotation completed.',
  indeterminate:
    'The state cannot be determined safely from this evidence: change nothing; read the registers, and escalate if they contradict the transcripts.',
};

/** Render a classification as plain text: phase in words (and why indeterminate), numbered steps, refusals, evidence. */
export function formatClassification(c: Classification): string {
  const lines: string[] = [];
  const flow = {
    auto: 'recovery crypto units, auto-mk-rotate',
    keyparts: 'key part files, cryptounit-mk-rotate',
    smartcard: 'smart cards, TKE application',
  }[c.flow];
  lines.push(`Phase: ${c.phase} (${flow})`);
  lines.push(PHASE_WORDS[c.phase]);
  // Which indeterminate it is: missing evidence a reading settles, or a contradiction to escalate.
  if (c.indeterminateCause !== undefined)
    lines.push(`Why indeterminate: ${INDETERMINATE_CAUSE_WORDS[c.indeterminateCause]} (${c.indeterminateCause}).`);
  lines.push('');
  if (c.stop !== undefined) lines.push(`STOP: ${c.stop}`);
  else if (c.next.length === 0) lines.push('Next: nothing to run.');
  else {
    lines.push('Next, in this order:');
    c.next.forEach((a, i) => {
      lines.push(`  ${i + 1}. ${a.command}`);
      lines.push(`     ${a.why}`);
    });
  }
  if (c.unitsToDeselect.length > 0) lines.push(`Crypto units to deselect: ${c.unitsToDeselect.join(', ')}`);
  if (c.unitsToReselect !== undefined) lines.push(`Crypto units to select again: ${c.unitsToReselect.join(', ')}`);
  if (c.failedChecks.length > 0) lines.push(`Failed pre-checks: ${c.failedChecks.join(', ')}`);
  lines.push('');
  if (c.forbidden.length === 0) lines.push('Forbidden: none.');
  else {
    lines.push('Do NOT run:');
    for (const a of c.forbidden) {
      lines.push(`  - ${a.command}`);
      lines.push(`    ${a.why}`);
    }
  }
  lines.push('');
  lines.push('Evidence:');
  if (c.evidence.length === 0) lines.push('  (none)');
  for (const e of c.evidence) lines.push(`  ${e.file}:${e.line}: ${e.text}`);
  return `${lines.join('\n')}\n`;
}
