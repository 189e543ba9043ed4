import { describe, expect, it } from 'vitest';
import { journalStory, type JournalEntry, type JournalEntryInput } from '../../../../electron/backend/journal/index.js';

/** Entries as a journal would hold them; the envelope does not matter to the story. */
function entries(...inputs: JournalEntryInput[]): JournalEntry[] {
  return inputs.map(
    (input, i) => ({ ...input, seq: i + 1, time: '2026-11-28T20:15:00.000Z', prev: '0', hash: '0' }) as JournalEntry,
  );
}

const start: JournalEntryInput = {
  kind: 'rotation-started',
  data: { rotationId: 'r', flow: 'auto', mode: 'demo', host: 'h', user: 'u', operator: 'Ada' },
};
const run = (exitCode: number | null): JournalEntryInput[] => [
  { kind: 'command-started', data: { argv: ['tke', 'x'], mode: 'demo' } },
  { kind: 'command-finished', data: { exitCode } },
];
const unit = (num: number, vp: string) => ({
  num,
  type: 'OPERATIONAL' as const,
  current: { state: 'Valid' as const, vp },
  new: { state: 'Empty' as const, vp: '' },
});

describe('journalStory', () => {
  it('counts a failed command and the failure phase of a rotation completed after recovery', () => {
    const story = journalStory(
      entries(
        start,
        ...run(1),
        { kind: 'classification', data: { phase: 'rewrap-interrupted', next: [], forbidden: [] } },
        ...run(0),
        { kind: 'classification', data: { phase: 'completed', next: [], forbidden: [] } },
        { kind: 'registers', data: { units: [unit(1, 'bbbb'), unit(2, 'bbbb')] } },
        { kind: 'rotation-finished', data: { outcome: 'completed' } },
      ),
    );
    expect(story).toEqual({ failedCommands: 1, failurePhases: 1, keysLost: 0, currentVp: 'bbbb' });
  });

  it('counts a command interrupted (no end journaled) once the rotation is finished, and a signal', () => {
    const started: JournalEntryInput = { kind: 'command-started', data: { argv: ['tke', 'x'], mode: 'demo' } };
    expect(journalStory(entries(start, started, ...run(null))).failedCommands).toBe(2);
    // Still running in an open rotation: not (yet) a failure.
    expect(journalStory(entries(start, started)).failedCommands).toBe(0);
    expect(
      journalStory(entries(start, started, { kind: 'rotation-finished', data: { outcome: 'abandoned' } }))
        .failedCommands,
    ).toBe(1);
  });

  it('knows no count of keys lost unless the rotation completed, and no VP when the units differ', () => {
    const story = journalStory(
      entries(
        start,
        ...run(0),
        { kind: 'registers', data: { units: [unit(1, 'aaaa'), unit(2, 'bbbb')] } },
        { kind: 'rotation-finished', data: { outcome: 'closed (indeterminate)' } },
      ),
    );
    expect(story).toEqual({ failedCommands: 0, failurePhases: 0, keysLost: null, currentVp: null });
  });
});
