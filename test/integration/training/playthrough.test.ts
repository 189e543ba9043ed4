import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { verifyJournal, journalPath } from '../../../electron/backend/journal/index.js';
import { loadScenarioLibrary } from '../../../electron/backend/training/library.js';
import { ScenarioRun } from '../../../electron/backend/training/scenario-run.js';
import { choiceForAdvice } from '../../../shared/training/index.js';

const library = await loadScenarioLibrary();
const dir = mkdtempSync(join(tmpdir(), 'mkra-training-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the shipped library', () => {
  test('loads without problems and covers the recovery table, every failing pre-check, auth and a crash with restart', () => {
    expect(library.problems).toEqual([]);
    const ids = library.scenarios.map((s) => s.scenario.id);
    for (const id of ['neither-milestone', 'm1-not-m2', 'm1-and-m2', 'partial-promotion', 'token-expired-mid-rotation', 'crash-mid-rewrap-restart', 'lost-current-key']) expect(ids).toContain(id);
    const sims = new Set(library.scenarios.map((s) => s.scenario.simScenario));
    for (const sim of ['private-only', 'failover-uninitialised', 'pkcs11-keystores', 'expired-token', 'imprint-mode', 'threshold-mismatch', 'admin-mismatch', 'current-mk-mismatch', 'new-mk-not-empty', 'several-instances', 'key-parts', 'current-mk-cleared']) expect(sims).toContain(sim);
  });
});

describe.each(library.scenarios.map((l) => [l.scenario.id, l] as const))('%s', (_id, loaded) => {
  test('guided: following the advisor reaches the goal with zero keys lost, and the expected first action is the advice', async () => {
    const run = await ScenarioRun.start({ loaded, mode: 'guided', journalDir: dir });
    const offered = run.choices().map((c) => c.id);
    expect(choiceForAdvice(run.adviceForTests().next[0]?.command, offered)).toBe(loaded.scenario.expected);
    for (let i = 0; i < loaded.scenario.maxSteps && !run.done; i++) {
      const choice = choiceForAdvice(run.adviceForTests().next[0]?.command, offered);
      expect(choice).not.toBeNull();
      if (choice) await run.choose(choice);
    }
    expect(run.score).toMatchObject({ outcome: 'completed', keysLost: 0, firstActionCorrect: true });
    const journal = await verifyJournal(journalPath(dir, run.rotationId));
    expect(journal.ok).toBe(true);
    expect(journal.entries[0]).toMatchObject({ kind: 'rotation-started', data: { mode: 'training' } });
    expect(journal.entries.filter((e) => e.kind === 'command-started').every((e) => e.kind === 'command-started' && e.data.mode === 'training')).toBe(true);
    // The milestones printed are journaled as such, found by the same recogniser as in a rotation.
    const printed = (text: string) => journal.entries.filter((e) => e.kind === 'output' && e.data.line.includes(text)).length;
    const journaled = (id: string) => journal.entries.filter((e) => e.kind === 'milestone' && e.data.id === id).length;
    expect(journaled('M1')).toBe(printed('Delaying 30 seconds'));
    expect(journaled('M2')).toBe(printed('KMS CRK rewrap successful'));
  });

  test('exam: the destructive choice is carried out and its loss is shown', async () => {
    const run = await ScenarioRun.start({ loaded, mode: 'exam', journalDir: dir });
    expect(run.view().advice).toBeNull();
    const consequence = await run.choose(loaded.scenario.destructive);
    expect(consequence.step.correct).toBe(false);
    expect(consequence.adviceBefore.next[0]?.command).toBeTruthy();
    if (loaded.scenario.destructiveLosesKeys) {
      expect(consequence.step.keysLost).toBeGreaterThan(0);
      expect(consequence.keystoreAfter.lost - consequence.keystoreBefore.lost).toBe(consequence.step.keysLost);
      expect(consequence.lossWhy).toMatch(/can never be decrypted again/);
    } else {
      expect(consequence.step.keysLost).toBe(0);
    }
    const score = await run.end();
    expect(score.firstActionCorrect).toBe(false);
    expect(score.keysLost).toBe(consequence.step.keysLost);
  });
});

test('guided mode keeps the interlocks: a forbidden command is refused', async () => {
  const loaded = library.scenarios.find((s) => s.scenario.id === 'm1-not-m2');
  if (!loaded) throw new Error('missing scenario');
  const run = await ScenarioRun.start({ loaded, mode: 'guided', journalDir: dir });
  await expect(run.choose('auto-mk-rotate')).rejects.toThrow(/refused/);
  expect(run.view().keystore.lost).toBe(0);
  await run.end();
});

test('the instructor pauses a scenario and injects a fault for the next command', async () => {
  const loaded = library.scenarios.find((s) => s.scenario.id === 'neither-milestone');
  if (!loaded) throw new Error('missing scenario');
  const run = await ScenarioRun.start({ loaded, mode: 'guided', journalDir: dir });
  run.pause(true);
  await expect(run.choose('auto-mk-rotate')).rejects.toThrow(/paused/);
  run.pause(false);
  expect(() => run.injectFault('nowhere')).toThrow(/Unknown fault/);
  run.injectFault('mid-rewrap');
  const c = await run.choose('auto-mk-rotate');
  expect(c.step.exitCode).toBe(1);
  expect(run.adviceForTests().phase).toBe('rewrap-interrupted');
  await run.end();
});

test('a smart-card rotation is recovered with the TKE application’s actions: the CLI is not offered, and guided mode refuses a premature Set immediate', async () => {
  const loaded = library.scenarios.find((s) => s.scenario.id === 'smartcard-rotate-interrupted');
  if (!loaded) throw new Error('missing scenario');
  const run = await ScenarioRun.start({ loaded, mode: 'guided', journalDir: dir });
  expect(run.adviceForTests().next[0]?.command).toBe('TKE application: Rotate');
  // The log names the application's actions, not the CLI commands the simulator ran for them.
  expect(run.view().log.filter((l) => l.kind === 'command').map((l) => l.text)).toEqual(['TKE application: Load', 'TKE application: Commit', 'TKE application: Rotate']);
  await expect(run.choose('cryptounit-mk-rotate')).rejects.toThrow(/not offered in this scenario: a smart-card rotation is recovered in the TKE application/);
  await expect(run.choose('app-set-immediate')).rejects.toThrow(/^TKE application: Set immediate is refused: M2/);
  const consequence = await run.choose('app-rotate');
  expect(consequence.step).toMatchObject({ correct: true, keysLost: 0, command: 'TKE application: Rotate' });
  expect(run.score).toMatchObject({ outcome: 'completed', keysLost: 0 });
});
