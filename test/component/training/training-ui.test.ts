import { fireEvent, render, screen } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import AdvisorHint from '../../../renderer/src/lib/training/AdvisorHint.svelte';
import BriefingView from '../../../renderer/src/lib/training/BriefingView.svelte';
import ChoicePicker from '../../../renderer/src/lib/training/ChoicePicker.svelte';
import ConsequenceView from '../../../renderer/src/lib/training/ConsequenceView.svelte';
import ScenarioPicker from '../../../renderer/src/lib/training/ScenarioPicker.svelte';
import SessionSummary from '../../../renderer/src/lib/training/SessionSummary.svelte';
import TrainingBanner from '../../../renderer/src/lib/training/TrainingBanner.svelte';
import { MESSAGES } from '../../../renderer/src/lib/i18n/messages.js';
import { TRAINING_CHOICES } from '../../../shared/training/choices.js';
import type { ConsequenceView as Consequence, ScenarioView } from '../../../shared/training/view.js';
import { setupMessages } from '../console/setup.js';

beforeAll(setupMessages);

const scenario: ScenarioView = {
  id: 'm1-not-m2',
  title: { en: 'Re-encryption interrupted', ja: '再暗号化の中断' },
  briefing: { en: 'The connection dropped.', ja: '接続が切れました。' },
  simScenario: 'default',
  flow: 'auto',
  keys: 300,
  faults: ['mid-rewrap'],
  restart: false,
  goal: 'complete',
  source: 'shipped',
  file: 'm1-not-m2.json',
};
const choices = TRAINING_CHOICES.map(({ id, typed, changesRegisters, needsUnits }) => ({ id, typed, changesRegisters, needsUnits }));
const units = [{ num: 1, type: 'OPERATIONAL' as const, selected: true, current: { state: 'Valid' as const, vp: 'aa11' }, new: { state: 'Empty' as const, vp: '' } }];

describe('training UI', () => {
  it('the banner says training touches no real ibmcloud, in both languages', async () => {
    render(TrainingBanner);
    expect(screen.getByTestId('training-banner').textContent).toMatch(/TRAINING.*real ibmcloud/);
    await locale.set('ja');
    expect(screen.getByTestId('training-banner').textContent).toContain('シミュレーターのみ');
    await locale.set('en');
  });

  it('the advisor lists commands refused for one reason together, the reason once', () => {
    const cli = 'A smart-card rotation is recovered in the TKE application.';
    render(AdvisorHint, {
      advice: {
        phase: 'rewrap-interrupted',
        next: [{ command: 'TKE application: Rotate', why: 'M2 was not printed', argv: null }],
        forbidden: [
          { command: 'TKE application: Set immediate', why: 'M2 was not seen', argv: null },
          { command: 'ibmcloud tke auto-mk-rotate', why: cli, argv: ['tke', 'auto-mk-rotate'] },
          { command: 'ibmcloud tke cryptounit-mk-load', why: cli, argv: ['tke', 'cryptounit-mk-load'] },
          { command: 'ibmcloud tke cryptounit-zeroize', why: cli, argv: ['tke', 'cryptounit-zeroize'] },
        ],
        unitsToDeselect: [],
        unitsToReselect: [],
      },
    });
    const rows = screen.getAllByTestId('refusal').map((r) => r.textContent);
    expect(rows).toEqual([
      'TKE application: Set immediate — M2 was not seen',
      `ibmcloud tke auto-mk-rotate, ibmcloud tke cryptounit-mk-load, ibmcloud tke cryptounit-zeroize — ${cli}`,
    ]);
  });

  it('the scenario list picks a scenario and shows rejected files with their lines', async () => {
    const onpick = vi.fn();
    render(ScenarioPicker, { library: { mode: 'guided', scenarios: [scenario], exercises: [], problems: [{ file: 'bad.json', line: 7, message: 'keys: expected number' }], instructorDir: '/x' }, onpick });
    await fireEvent.click(screen.getByTestId('scenario-m1-not-m2'));
    expect(onpick).toHaveBeenCalledWith({ scenario });
    expect(screen.getByTestId('scenario-problems').textContent).toContain('bad.json:7');
  });

  it('the briefing shows the Japanese text in Japanese and reports the mode chosen', async () => {
    const onmode = vi.fn();
    await locale.set('ja');
    render(BriefingView, { picked: { scenario }, mode: 'guided', busy: false, onmode, onbegin: vi.fn(), onback: vi.fn() });
    expect(screen.getByTestId('training-briefing').textContent).toContain('接続が切れました。');
    await fireEvent.click(screen.getByTestId('mode-exam'));
    expect(onmode).toHaveBeenCalledWith('exam');
    await locale.set('en');
  });

  it('the choice picker offers every command, asks for units for cryptounit-rm and submits', async () => {
    const onchoose = vi.fn();
    render(ChoicePicker, { choices, disabled: false, onchoose });
    expect(screen.getAllByRole('radio')).toHaveLength(TRAINING_CHOICES.length);
    await fireEvent.click(screen.getByTestId('choice-cryptounit-rm'));
    await fireEvent.input(screen.getByTestId('choice-units'), { target: { value: '3 4' } });
    await fireEvent.click(screen.getByTestId('choice-run'));
    expect(onchoose).toHaveBeenCalledWith('cryptounit-rm', [3, 4]);
  });

  it('the consequence shows the keys lost, why, and the right action', () => {
    const consequence: Consequence = {
      step: { choice: 'auto-mk-rotate', command: 'ibmcloud tke auto-mk-rotate', correct: false, rightAction: 'ibmcloud tke cryptounit-mk-rotate', keysLost: 150, exitCode: 0, atMs: 10 },
      refused: null,
      keystoreBefore: { total: 300, usable: 300, lost: 0 },
      keystoreAfter: { total: 300, usable: 150, lost: 150 },
      lossWhy: 'M1 was printed in this rotation.',
      registersBefore: units,
      registersAfter: units,
      adviceBefore: { phase: 'rewrap-interrupted', next: [{ command: 'ibmcloud tke cryptounit-mk-rotate', why: 'restart re-encryption', argv: ['tke', 'cryptounit-mk-rotate'] }], forbidden: [], unitsToDeselect: [], unitsToReselect: [] },
      outputTail: [],
    };
    render(ConsequenceView, { consequence, done: true, onnext: vi.fn() });
    expect(screen.getByTestId('keys-lost').textContent).toContain('150 of 300 keys lost for good.');
    expect(screen.getByTestId('keys-lost').textContent).toContain('M1 was printed');
    expect(screen.getByTestId('training-consequence').textContent).toContain('ibmcloud tke cryptounit-mk-rotate');
  });

  it('the summary lists scores and exports with the key password', async () => {
    const onexport = vi.fn();
    render(SessionSummary, { results: [{ scenarioId: 'm1-not-m2', mode: 'exam', expected: 'cryptounit-mk-rotate', firstAction: 'auto-mk-rotate', firstActionCorrect: false, steps: 1, correctSteps: 0, keysLost: 150, seconds: 4, outcome: 'lost-keys' }], busy: false, exportedPath: null, onexport, onback: vi.fn() });
    expect(screen.getByTestId('training-summary').textContent).toContain('wrong (expected cryptounit-mk-rotate)');
    expect(screen.getByTestId('summary-total').textContent).toContain('0 of 1 decisions right, 0 %');
    await fireEvent.input(screen.getByTestId('summary-key-password'), { target: { value: 'pw' } });
    await fireEvent.click(screen.getByTestId('summary-export'));
    expect(onexport).toHaveBeenCalledWith('en', 'pw');
  });

  it('the summary names each scenario by its title and gives the total score the backend computes', async () => {
    const score = (scenarioId: string, steps: number, correctSteps: number, keysLost: number) => ({
      scenarioId, mode: 'exam' as const, expected: 'cryptounit-mk-rotate' as const, firstAction: 'cryptounit-mk-rotate' as const,
      firstActionCorrect: correctSteps > 0, steps, correctSteps, keysLost, seconds: 4, outcome: keysLost > 0 ? ('lost-keys' as const) : ('completed' as const),
    });
    const other: ScenarioView = { ...scenario, id: 'partial-promotion', title: { en: 'Partial promotion', ja: '一部の昇格' } };
    render(SessionSummary, { results: [score('m1-not-m2', 1, 0, 150), score('partial-promotion', 3, 2, 0), score('m1-not-m2', 5, 5, 0)], scenarios: [scenario, other], busy: false, exportedPath: null, onexport: vi.fn(), onback: vi.fn() });
    expect(screen.getAllByTestId('summary-title').map((t) => t.textContent)).toEqual(['Re-encryption interrupted', 'Partial promotion', 'Re-encryption interrupted']);
    expect(screen.getByTestId('training-summary').textContent).not.toContain('m1-not-m2');
    expect(screen.getByTestId('summary-total').textContent).toMatch(/Total score:\s*7 of 9 decisions right, 78 %\s*· 150 keys lost/);
  });

  it('an exam shows its exercises by number (the backend sends nothing else), practice its scenarios by title', async () => {
    const leaks = /mid-rewrap|Re-encryption interrupted|default|再暗号化/;
    const exercise = { number: 1, flow: 'auto' as const, keys: 300, goal: 'complete' as const, source: 'shipped' as const };
    const onpick = vi.fn();
    const list = render(ScenarioPicker, { library: { mode: 'exam', scenarios: [], exercises: [exercise], problems: [], instructorDir: null }, mode: 'exam', onmode: vi.fn(), onpick });
    expect(screen.getByTestId('exercise-1').textContent).toContain('Exam scenario 1');
    await fireEvent.click(screen.getByTestId('exercise-1'));
    expect(onpick).toHaveBeenCalledWith({ exercise });
    list.unmount();
    const guided = render(ScenarioPicker, { library: { mode: 'guided', scenarios: [scenario], exercises: [], problems: [], instructorDir: null }, mode: 'guided', onmode: vi.fn(), onpick: vi.fn() });
    // Practice keeps the names.
    expect(screen.getByTestId('scenario-m1-not-m2').textContent).toContain('Re-encryption interrupted');
    guided.unmount();
    const briefing = render(BriefingView, { picked: { exercise }, mode: 'exam', busy: false, onmode: vi.fn(), onbegin: vi.fn(), onback: vi.fn() });
    expect(screen.getByTestId('training-briefing').textContent).toContain('Exam scenario 1');
    expect(screen.getByTestId('training-briefing').textContent).not.toMatch(leaks);
    briefing.unmount();
    await locale.set('ja');
    render(BriefingView, { picked: { exercise }, mode: 'exam', busy: false, onmode: vi.fn(), onbegin: vi.fn(), onback: vi.fn() });
    expect(screen.getByTestId('training-briefing').textContent).toContain('試験シナリオ 1');
    expect(screen.getByTestId('training-briefing').textContent).not.toMatch(leaks);
    await locale.set('en');
  });

  it('the consequence counts the keys lost in all, as the header does, and this command’s share', () => {
    const consequence: Consequence = {
      step: { choice: 'cryptounit-mk-setimm', command: 'ibmcloud tke cryptounit-mk-setimm', correct: false, rightAction: null, keysLost: 50, exitCode: 0, atMs: 10 },
      refused: null,
      keystoreBefore: { total: 300, usable: 150, lost: 150 },
      keystoreAfter: { total: 300, usable: 100, lost: 200 },
      lossWhy: 'why',
      registersBefore: units,
      registersAfter: units,
      adviceBefore: { phase: 'rewrap-interrupted', next: [], forbidden: [], unitsToDeselect: [], unitsToReselect: [] },
      outputTail: [],
    };
    render(ConsequenceView, { consequence, done: false, onnext: vi.fn() });
    expect(screen.getByTestId('keys-lost').textContent).toMatch(/200 of 300 keys lost for good.\s*50 of them by this command./);
  });

  it('every English training message has a Japanese one', () => {
    const keys = (tree: unknown, prefix = ''): string[] =>
      typeof tree === 'string' ? [prefix] : Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => keys(v, `${prefix}.${k}`));
    expect(keys(MESSAGES.ja.training).sort()).toEqual(keys(MESSAGES.en.training).sort());
  });
});
