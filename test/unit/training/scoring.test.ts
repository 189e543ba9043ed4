import { describe, expect, test } from 'vitest';
import { adviceMatches, choiceForAdvice, choicesFor, scoreLine, scoreScenario, sessionTotals, totalLine, TRAINING_CHOICES, type StepRecord } from '../../../shared/training/index.js';

const step = (over: Partial<StepRecord>): StepRecord => ({ choice: 'cryptounit-mk-rotate', command: 'ibmcloud tke cryptounit-mk-rotate', correct: true, rightAction: null, keysLost: 0, exitCode: 0, atMs: 0, ...over });

describe('scoring', () => {
  test('a scenario scores its first action, steps, keys lost and time', () => {
    const score = scoreScenario({ scenarioId: 's', mode: 'exam', expected: 'cryptounit-mk-rotate', steps: [step({ choice: 'auto-mk-rotate', keysLost: 150 }), step({})], startedAt: 1000, endedAt: 43_400, goalReached: true });
    expect(score).toEqual({ scenarioId: 's', mode: 'exam', expected: 'cryptounit-mk-rotate', firstAction: 'auto-mk-rotate', firstActionCorrect: false, steps: 2, correctSteps: 2, keysLost: 150, seconds: 42, outcome: 'lost-keys' });
    const good = scoreScenario({ scenarioId: 't', mode: 'guided', expected: 'cryptounit-mk-rotate', steps: [step({})], startedAt: 0, endedAt: 500, goalReached: true });
    expect(sessionTotals([score, good])).toEqual({ scenarios: 2, firstActionsCorrect: 1, completed: 1, keysLost: 150, steps: 3, correctSteps: 3, percent: 100, seconds: 43 });
  });

  test('the session’s total score counts the decisions the classifier advised, in per cent', () => {
    const play = (steps: StepRecord[]) => scoreScenario({ scenarioId: 's', mode: 'exam', expected: 'cryptounit-mk-rotate', steps, startedAt: 0, endedAt: 0, goalReached: true });
    const wrong = step({ choice: 'auto-mk-rotate', correct: false, keysLost: 150 });
    const scores = [play([wrong]), play([step({}), step({}), step({ correct: false })]), play([step({}), step({}), step({}), step({}), step({})])];
    expect(scores.map((s) => s.correctSteps)).toEqual([0, 2, 5]);
    const totals = sessionTotals(scores);
    expect(totals).toMatchObject({ steps: 9, correctSteps: 7, percent: 78, keysLost: 150 });
    expect(totalLine(totals)).toBe('7 of 9 decisions right, 78 %');
    // No decision yet: no percentage rather than a made-up 0 % or 100 %.
    expect(sessionTotals([]).percent).toBeNull();
    expect(totalLine(sessionTotals([]))).toBe('0 of 0 decisions right');
    expect(scoreLine(scores[1]!)).toContain('3 steps (2 right)');
  });

  test('an ended scenario without its goal is abandoned', () => {
    expect(scoreScenario({ scenarioId: 's', mode: 'exam', expected: 'login', steps: [], startedAt: 0, endedAt: 0, goalReached: false })).toMatchObject({ outcome: 'abandoned', firstAction: null, firstActionCorrect: false });
  });

  test('the exam offers the destructive commands and matches the advisor’s wording', () => {
    const ids = TRAINING_CHOICES.map((c) => c.id);
    for (const id of ['auto-mk-rotate', 'cryptounit-mk-setimm', 'cryptounit-mk-clrnew', 'cryptounit-rm', 'login', 'support'] as const) expect(ids).toContain(id);
    expect(choiceForAdvice('ibmcloud tke cryptounit-mk')).toBe('cryptounit-mk');
    expect(choiceForAdvice('ibmcloud login')).toBe('login');
    expect(adviceMatches('support', 'Open a case with IBM Cloud support')).toBe(true);
    expect(adviceMatches('auto-mk-rotate', 'ibmcloud tke cryptounit-mk-rotate')).toBe(false);
  });

  test('a smart-card rotation offers the TKE application’s actions, named as the advisor names them, and no CLI command', () => {
    const smartcard = choicesFor('smartcard');
    expect(smartcard.filter((c) => c.tool === 'app').map((c) => c.typed)).toEqual([
      'TKE application: Load', 'TKE application: Commit', 'TKE application: Rotate', 'TKE application: Set immediate',
      'TKE application: Remove crypto units', 'TKE application: check the master key registers',
    ]);
    expect(smartcard.some((c) => c.typed.startsWith('ibmcloud '))).toBe(false);
    expect(smartcard.map((c) => c.id)).toContain('support');
    expect(choicesFor('keyparts').map((c) => c.id)).toEqual(expect.arrayContaining(['cryptounit-mk-rotate', 'cryptounit-admin-add', 'support']));
    expect(choicesFor('auto').some((c) => c.tool === 'app')).toBe(false);
    expect(choiceForAdvice('TKE application: Rotate')).toBe('app-rotate');
    expect(choiceForAdvice('TKE application: Set immediate')).toBe('app-set-immediate');
    // The application's actions are not help from outside.
    expect(adviceMatches('support', 'TKE application: Rotate')).toBe(false);
  });
});
