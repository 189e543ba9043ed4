/**
 * The recogniser's known TKE lines, which end the journal scrubber's redaction window after a
 * password prompt: a line that begins with a milestone (either M2 spelling, any case or spacing) or
 * with a known message. A milestone later in a line proves nothing about the text before it.
 */
import { describe, expect, it } from 'vitest';
import { OutputScrubber, REDACTED } from '../../../electron/backend/journal/index.js';
import { isKnownTkeLine, startsWithMilestone } from '../../../shared/parse/recognise.js';
import {
  M1_DELAY,
  M2_REWRAP,
  M2_REWRAP_SMARTCARD,
  ROTATION_COMPLETED,
  SMARTCARD_ROTATION_STARTED,
  SMARTCARD_ROTATION_SUCCESSFUL,
  STEP_COMMIT,
} from '../../../shared/tke/messages.js';

describe('known TKE lines', () => {
  it('every milestone and known message begins a known line', () => {
    for (const line of [
      M1_DELAY,
      M2_REWRAP,
      M2_REWRAP_SMARTCARD,
      ROTATION_COMPLETED,
      SMARTCARD_ROTATION_STARTED,
      SMARTCARD_ROTATION_SUCCESSFUL,
      STEP_COMMIT,
      'OK',
      'FAILED',
      'Error: x',
    ]) {
      expect(isKnownTkeLine(line), line).toBe(true);
    }
    expect(startsWithMilestone(M1_DELAY.toUpperCase())).toBe(true);
  });

  it('a milestone after other text, or any other line, is not known', () => {
    for (const line of [`hunter2 ${M1_DELAY}`, `s3cret${M2_REWRAP}`, 'hunter2', 'KMS hunter2'])
      expect(isKnownTkeLine(line), line).toBe(false);
  });

  it('the scrubber keeps redacting an echoed answer in front of a milestone, and stops at the milestone line', () => {
    const scrubber = new OutputScrubber();
    scrubber.scrub('Password:');
    expect(scrubber.scrub(`hunter2 ${M2_REWRAP}`)).toBe(REDACTED);
    expect(scrubber.scrub(M2_REWRAP_SMARTCARD)).toBe(M2_REWRAP_SMARTCARD);
    expect(scrubber.scrub('after the window')).toBe('after the window');
  });
});
