// A command killed by a signal (the simulator's crash, a SIGKILL) is reported by a pty as exit code 0
// with the signal beside it. Nothing the backend decides on an exit may take it for a command that
// ended with OK: its timeline step is interrupted, not done; its exit code in the snapshot is not 0
// (group-commit.test.ts: a register listing it cut short is no reading).
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../electron/backend/journal/index.js';
import { RotationState } from '../../../../electron/backend/rotation/rotation-state.js';
import { effectiveExitCode, killedBySignal } from '../../../../shared/rotation/exit.js';

type Input = { kind: JournalEntry['kind']; data: unknown };
const journal = (inputs: Input[]): JournalEntry[] =>
  inputs.map((e, i) => {
    const chain = { seq: i + 1, time: '2026-12-04T18:20:00.000Z', prev: '0'.repeat(64), hash: '0'.repeat(64) };
    return { ...e, ...chain } as JournalEntry;
  });

const STARTED: Input = {
  kind: 'rotation-started',
  data: { rotationId: 'r-signal', flow: 'auto', mode: 'demo', instanceId: 'aa43af49-a9bf-4ddc-a376-e1d234398287' },
};
/** auto-mk-rotate up to re-encryption progress, then its end as the terminal reported it. */
const rotateUntilRewrap = (finished: { exitCode: number; signal?: string }): Input[] => [
  STARTED,
  { kind: 'command-started', data: { argv: ['tke', 'auto-mk-rotate'], mode: 'demo' } },
  ...[
    'Generating a new random master key in crypto unit 3...',
    'Copying the new master key to the other crypto units...',
    'Committing the new master key...',
    'Delaying 30 seconds to allow server to discover new master key values',
    'Re-encrypted 150 of 300 keys',
  ].map((line) => ({ kind: 'output' as const, data: { line, stream: 'pty' } })),
  { kind: 'command-finished', data: finished },
];

const stateOf = (state: RotationState, id: string) => state.timeline.steps.find((s) => s.id === id)?.state;

describe('a command killed by a signal', () => {
  it('has a non-zero effective exit code whatever its terminal reported; an exit keeps its own code', () => {
    expect(effectiveExitCode(0, undefined)).toBe(0);
    expect(effectiveExitCode(1, undefined)).toBe(1);
    expect(effectiveExitCode(0, 9)).toBe(137);
    expect(effectiveExitCode(0, '9')).toBe(137);
    expect(effectiveExitCode(0, 'SIGKILL')).toBe(137);
    expect(effectiveExitCode(0, 'SIGTERM')).toBe(143);
    expect(effectiveExitCode(0, 'a signal nobody names')).toBe(128);
    expect(effectiveExitCode(2, 9)).toBe(2);
    expect(effectiveExitCode(0, '0')).toBe(0);
    expect(effectiveExitCode(null, null)).toBeNull();
    expect(killedBySignal('')).toBe(false);
    expect(killedBySignal(0)).toBe(false);
    expect(killedBySignal('SIGKILL')).toBe(true);
  });

  it('leaves its running step interrupted, not done, and is no success in the command list', () => {
    const state = new RotationState(null, journal(rotateUntilRewrap({ exitCode: 0, signal: '9' })), true);
    expect(stateOf(state, 'rewrap')).toBe('interrupted');
    expect(state.timeline.steps.filter((s) => s.state === 'running')).toEqual([]);
    expect(stateOf(state, 'promote')).toBe('pending');
    expect(state.snapshot('journal.jsonl').commands.at(-1)?.exitCode).toBe(137);
  });

  it('while the same output ended by exit code 0 marks the step done (the rule above is what differs)', () => {
    const state = new RotationState(null, journal(rotateUntilRewrap({ exitCode: 0 })), true);
    expect(stateOf(state, 'rewrap')).toBe('done');
    expect(state.snapshot('journal.jsonl').commands.at(-1)?.exitCode).toBe(0);
  });
});
