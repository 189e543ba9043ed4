import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PHASES } from '../../shared/classifier/types.js';
import { FAULT_POINTS } from '../../shared/sim/faults.js';
import { seriousViolations } from './a11y.js';
import {
  answerUntilDone,
  armFault,
  beginTraining,
  chooseInTraining,
  clickToRun,
  exerciseNumber,
  SHOTS,
  startRotation,
} from './driver.js';
import { test, expect } from './fixtures.js';

const SCENARIO_DIR = 'training/scenarios';

async function shoot(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('training-banner')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // The shell's sticky DEMO banner would otherwise be drawn mid-page in a full-page shot.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/training-${name}.png`, fullPage: true });
}

/** Open a scenario from the Training screen, check its briefing, and begin it in guided mode. */
function beginGuided(page: Page, url: string, id: string, briefing: string): Promise<void> {
  return beginTraining(page, url, id, briefing, 'guided');
}

/**
 * What an exam must not show before the answer: the catalogue's fault points, the classifier's
 * phases (ids and English names) and the scenarios' titles, which name them.
 */
function giveaways(): RegExp[] {
  const titles = readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => (JSON.parse(readFileSync(join(SCENARIO_DIR, f), 'utf8')) as { title: { en: string } }).title.en);
  const consoleEn = JSON.parse(readFileSync('renderer/src/lib/i18n/en/console.json', 'utf8')) as {
    phase: Record<string, string>;
  };
  const phaseNames = Object.values(consoleEn.phase);
  expect(phaseNames).toContain('Re-encryption interrupted');
  const words = [...FAULT_POINTS, ...PHASES.filter((p) => p !== 'completed'), ...phaseNames, ...titles];
  const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Whole words only: `auth` is not found in "authentication".
  return words.map((w) => new RegExp('(^|[^\\w-])' + escape(w) + '($|[^\\w-])'));
}

/** The page's visible text, its title and every aria-label, aria-description and title attribute. */
async function shownText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [
      document.title,
      document.body.innerText,
      ...[...document.querySelectorAll('[aria-label], [aria-description], [title]')].map((e) =>
        ['aria-label', 'aria-description', 'title'].map((a) => e.getAttribute(a) ?? '').join(' '),
      ),
    ].join('\n'),
  );
}

async function expectNoGiveaway(page: Page, where: string): Promise<void> {
  const text = await shownText(page);
  const found = giveaways().filter((re) => re.test(text));
  expect(found.map(String), `${where} names a phase or fault`).toEqual([]);
}

/**
 * The answers of the training channels as the page receives them over the browser host's
 * WebSocket (shared/ipc/frames.ts): what the renderer could show, hidden or not.
 */
function trainingAnswers(page: Page): string[] {
  const answers: string[] = [];
  const channels = new Map<number, string>();
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => {
      const frame = JSON.parse(String(f.payload)) as { type: string; id: number; channel: string };
      if (frame.type === 'invoke') channels.set(frame.id, frame.channel);
    });
    ws.on('framereceived', (f) => {
      const text = String(f.payload);
      const frame = JSON.parse(text) as { type: string; id?: number };
      if (frame.type === 'result' && channels.get(frame.id ?? -1)?.startsWith('training:')) answers.push(text);
    });
  });
  return answers;
}

/** The keys lost the header counts (the training simulator's, on the Training screen). */
async function headerLost(page: Page): Promise<number> {
  const counts = page.locator('header').getByTestId('keystore');
  await expect(counts).toContainText("Training simulator's key storage");
  return Number(await counts.getAttribute('data-lost'));
}

test('a trainee plays an exam scenario through mkra serve --demo: no phase or fault is named before the answer, the summary scores', async ({
  page,
  server,
}) => {
  const answers = trainingAnswers(page);
  await page.goto(server.url);
  await expect(page.locator('body[data-app-state="ready"]')).toBeAttached();
  await page.getByTestId('nav-training').click();
  await expect(page.getByTestId('nav-training')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('scenario-m1-not-m2')).toBeVisible();
  // Practice names the scenarios; the exam, chosen before a scenario, does not, and is not sent them.
  await expect(page.getByTestId('scenario-m1-not-m2')).toContainText('Re-encryption interrupted (M1, not M2)');
  expect(answers.join('\n')).toContain('Re-encryption interrupted (M1, not M2)');
  answers.length = 0;
  await page.getByTestId('list-mode-exam').check();
  const exercise = `exercise-${exerciseNumber('m1-not-m2')}`;
  await expect(page.getByTestId(exercise)).toHaveText(/Exam scenario \d+/);
  await expect(page.locator('[data-testid^="scenario-"]')).toHaveCount(0);
  await expectNoGiveaway(page, 'the exam’s scenario list');
  await shoot(page, 'exam-list');

  // Every scenario's exam briefing, then the one played.
  const cards = page.locator('[data-testid^="exercise-"]');
  const ids = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  expect(ids.length).toBeGreaterThan(10);
  for (const id of ids) {
    await page.getByTestId(id).click();
    await expect(page.getByTestId('training-briefing')).toContainText('Exam scenario');
    await expectNoGiveaway(page, `the exam briefing of ${id}`);
    await page.getByRole('button', { name: 'Back to the scenarios' }).click();
  }

  // Keyboard only from here: the scenario card and the start button.
  await page.getByTestId(exercise).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('mode-exam')).toBeChecked();
  await expect(page.getByTestId('training-briefing')).toContainText('did not go as planned');
  await shoot(page, 'briefing');

  await page.getByTestId('training-begin').focus();
  await page.keyboard.press('Enter');
  const decision = page.getByTestId('training-decision');
  await expect(decision).toBeVisible();
  await expect(page.getByTestId('training-log')).toContainText('Delaying 30 seconds');
  await expect(page.getByTestId('training-advisor')).toHaveCount(0);
  await page.getByTestId('choice-auto-mk-rotate').check();
  await expectNoGiveaway(page, 'the exam’s decision page');
  await expect(decision).toContainText('0 lost');
  expect(await headerLost(page)).toBe(0);
  await shoot(page, 'decision');
  // Nothing the page was sent for the exam so far names the answer (the list, the start, the state).
  expect(answers.length).toBeGreaterThanOrEqual(2);
  const sent = answers.join('\n');
  expect(sent).toContain('"exercise"');
  expect(
    giveaways()
      .filter((re) => re.test(sent))
      .map(String),
    'the exam’s answers before the choice name a phase or fault',
  ).toEqual([]);

  await page.getByTestId('choice-run').focus();
  await page.keyboard.press('Enter');
  const consequence = page.getByTestId('training-consequence');
  await expect(consequence).toContainText('Not the right action');
  await expect(page.getByTestId('keys-lost')).toContainText(/\d+ of 300 keys lost for good/);
  await expect(consequence).toContainText('ibmcloud tke cryptounit-mk-rotate');
  // One count of keys lost: the header says what the page says.
  const lost = Number(/(\d+) of 300 keys lost/.exec((await page.getByTestId('keys-lost').textContent()) ?? '')?.[1]);
  expect(lost).toBeGreaterThan(0);
  expect(await headerLost(page)).toBe(lost);
  await shoot(page, 'consequence');

  // Re-running auto-mk-rotate completed the rotation (with keys lost), so the scenario is over.
  await expect(page.getByTestId('consequence-next')).toHaveText('See the session summary');
  await page.getByTestId('consequence-next').click();
  const summary = page.getByTestId('training-summary');
  // Named by its title now that it is answered, with the session's total score.
  await expect(page.getByTestId('summary-title')).toHaveText('Re-encryption interrupted (M1, not M2)');
  await expect(summary).not.toContainText('m1-not-m2');
  await expect(summary).toContainText('wrong (expected cryptounit-mk-rotate)');
  await expect(page.getByTestId('summary-total')).toContainText(`0 of 1 decisions right, 0 % · ${lost} keys lost`);
  expect(await headerLost(page)).toBe(lost);
  await page.getByTestId('summary-key-password').fill('training report key');
  await page.getByTestId('summary-export').click();
  await expect(page.getByTestId('summary-exported')).toContainText('-training-report.json');
  await shoot(page, 'summary');
});

test('an exam after a workstation crash: the restart is shown, the crash point and phase are not', async ({
  page,
  server,
}) => {
  await beginTraining(page, server.url, 'crash-mid-rewrap-restart', '', 'exam');
  await expect(page.getByTestId('training-log')).toContainText('the workstation crashed');
  await expectNoGiveaway(page, 'the exam’s decision page after a crash');
});

test('in the demo console a fault is injected twice in a row, the second a crash after a finished rotation', async ({
  page,
  server,
}) => {
  // First: a failure after M1, recovered as the advisor says, and the rotation finished.
  let root = await startRotation(page, server, { fault: 'after-m1' });
  await answerUntilDone(page, root);
  await expect(root).toHaveAttribute('data-phase', 'rewrap-interrupted');
  await clickToRun(root, page.getByTestId('advisor-next'));
  await answerUntilDone(page, root);
  await expect(root).toHaveAttribute('data-phase', 'completed');
  await page.getByTestId('finish-rotation').click();
  await expect(page.getByTestId('completed')).toContainText('journal is closed');
  // The finished rotation is shown, and the fault control with it; the fault it held was used up.
  await expect(page.getByTestId('training-fault')).toBeVisible();
  await expect(page.getByTestId('training-armed')).toHaveAttribute('data-fault', '');
  await armFault(page, 'mid-rewrap:crash');
  await expect(page.getByTestId('training-armed')).toContainText('will crash at mid-rewrap');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/training-console-rearmed.png`, fullPage: true });

  // Second: the next rotation's command dies mid re-encryption, as in a workstation crash.
  root = await startRotation(page, server, { fault: 'mid-rewrap:crash' });
  await answerUntilDone(page, root);
  // A command that died says nothing of how far it got: the advisor has the registers read first.
  await expect(root).toHaveAttribute('data-phase', 'indeterminate');
  await expect(page.getByTestId('advisor')).toContainText('ended without OK or FAILED');
  await expect(page.getByTestId('advisor-next')).toContainText(/ibmcloud tke cryptounit-mk(?!-)/);
  // The crash used the fault up; the control is there for the next one.
  await expect(page.getByTestId('training-armed')).toHaveAttribute('data-fault', '');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/training-console-crash.png`, fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
});

test('the Japanese briefing is shown in Japanese', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.locator('body[data-app-state="ready"]')).toBeAttached();
  await page.getByTestId('language').selectOption('ja');
  await page.getByTestId('nav-training').click();
  await page.getByTestId('scenario-crash-mid-rewrap-restart').click();
  await expect(page.getByTestId('training-briefing')).toContainText('ワークステーションの電源が落ちました');
  await expect(page.getByTestId('training-banner')).toContainText('シミュレーターのみ');
});

test('a lost current master key: in guided mode the trainee copies it back from a recovery unit and confirms it', async ({
  page,
  server,
}) => {
  await beginGuided(page, server.url, 'lost-current-key', 'was cleared by mistake');
  // The advisor names IBM's recover command, and the app offers it.
  await expect(page.getByTestId('training-advisor')).toContainText('ibmcloud tke auto-mk-recover');
  await shoot(page, 'lost-key-decision');
  await page.getByTestId('choice-auto-mk-recover').check();
  await page.getByTestId('choice-run').click();
  const consequence = page.getByTestId('training-consequence');
  await expect(consequence).toContainText('Correct: this was the right action.');
  await expect(page.getByTestId('keys-lost')).toContainText('No key lost: 300 of 300 keys usable.');
  await page.getByTestId('consequence-next').click();
  // What is left is to see that it worked: a register reading, after which nothing remains to do.
  await expect(page.getByTestId('training-advisor')).toContainText('ibmcloud tke cryptounit-mk');
  await page.getByTestId('choice-cryptounit-mk').check();
  await page.getByTestId('choice-run').click();
  await expect(consequence).toContainText('Correct: this was the right action.');
  await expect(page.getByTestId('consequence-next')).toHaveText('See the session summary');
  await page.getByTestId('consequence-next').click();
  const summary = page.getByTestId('training-summary');
  await expect(summary).toContainText('A current master key was cleared');
  await expect(summary).toContainText('completed');
  await shoot(page, 'lost-key-summary');
});

test('a smart-card rotation: only the TKE application’s actions are offered, and its Rotate completes the recovery', async ({
  page,
  server,
}) => {
  await beginGuided(page, server.url, 'smartcard-rotate-interrupted', 'the TKE CLI cannot sign with the smart cards');
  const picker = page.getByTestId('choice-form');
  await expect(page.getByTestId('training-advisor')).toContainText('TKE application: Rotate');
  // The CLI cannot sign with smart cards: none of its commands is offered.
  await expect(picker).not.toContainText('ibmcloud tke');
  await expect(picker).toContainText('TKE application: Set immediate');
  await shoot(page, 'smartcard-decision');
  await page.getByTestId('choice-app-rotate').check();
  await page.getByTestId('choice-run').click();
  await expect(page.getByTestId('training-consequence')).toContainText('Correct: this was the right action.');
  await expect(page.getByTestId('keys-lost')).toContainText('No key lost: 300 of 300 keys usable.');
  await expect(page.getByTestId('consequence-next')).toHaveText('See the session summary');
});

test('a signing service: sigkey-sel does nothing, the trainee lists the keys in SIGNSERVKEYS and the rotation completes', async ({
  page,
  server,
}) => {
  await beginGuided(page, server.url, 'signing-service-short', 'signs through a signing service');
  const advisor = page.getByTestId('training-advisor');
  const consequence = page.getByTestId('training-consequence');
  const run = async (choice: string): Promise<void> => {
    await chooseInTraining(page, choice);
  };
  // The advice never sends the administrator to sigkey-sel: with a signing service it does nothing.
  await expect(advisor).toContainText('ibmcloud tke cryptounit-compare');
  await expect(advisor).not.toContainText('ibmcloud tke sigkey-sel');
  await expect(advisor).toContainText('sigkey-sel does nothing here');
  await expect(page.getByTestId('choice-signservkeys-edit')).toBeVisible();
  await shoot(page, 'signing-service-decision');
  // The trap, tried: the registers and the key list stay as they were, and it is not the right action.
  await run('sigkey-sel');
  await expect(consequence).not.toContainText('Correct: this was the right action.');
  await expect(page.getByTestId('keys-lost')).toContainText('No key lost: 300 of 300 keys usable.');
  await page.getByTestId('consequence-next').click();
  await expect(advisor).toContainText('ibmcloud tke cryptounit-compare');
  for (const step of ['cryptounit-compare', 'cryptounit-admins']) {
    await run(step);
    await expect(consequence).toContainText('Correct: this was the right action.');
    await page.getByTestId('consequence-next').click();
  }
  await expect(advisor).toContainText('SIGNSERVKEYS');
  await run('signservkeys-edit');
  await expect(consequence).toContainText('Correct: this was the right action.');
  await page.getByTestId('consequence-next').click();
  await expect(advisor).toContainText('ibmcloud tke auto-mk-rotate');
  await run('auto-mk-rotate');
  await expect(consequence).toContainText('Correct: this was the right action.');
  await expect(page.getByTestId('keys-lost')).toContainText('No key lost: 300 of 300 keys usable.');
  await shoot(page, 'signing-service-completed');
  await expect(page.getByTestId('consequence-next')).toHaveText('See the session summary');
});
