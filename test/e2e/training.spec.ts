import type { Page } from '@playwright/test';
import { seriousViolations } from './a11y.js';
import { beginTraining, chooseInTraining } from './driver.js';
import { test, expect } from './fixtures.js';

const SHOTS = 'test-results/screens';

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

test('a trainee plays an exam scenario through mkra serve --demo: briefing, decision, consequence, summary', async ({
  page,
  server,
}) => {
  await page.goto(server.url);
  await expect(page.locator('body[data-app-state="ready"]')).toBeAttached();
  await page.getByTestId('nav-training').click();
  await expect(page.getByTestId('nav-training')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('scenario-m1-not-m2')).toBeVisible();

  // Keyboard only from here: the scenario card, the exam mode and the start button.
  await page.getByTestId('scenario-m1-not-m2').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('training-briefing')).toContainText('Re-encryption interrupted');
  await page.getByTestId('mode-exam').check();
  await shoot(page, 'briefing');

  await page.getByTestId('training-begin').focus();
  await page.keyboard.press('Enter');
  const decision = page.getByTestId('training-decision');
  await expect(decision).toBeVisible();
  await expect(page.getByTestId('training-log')).toContainText('Delaying 30 seconds');
  await expect(page.getByTestId('training-advisor')).toHaveCount(0);
  await page.getByTestId('choice-auto-mk-rotate').check();
  await shoot(page, 'decision');

  await page.getByTestId('choice-run').focus();
  await page.keyboard.press('Enter');
  const consequence = page.getByTestId('training-consequence');
  await expect(consequence).toContainText('Not the right action');
  await expect(page.getByTestId('keys-lost')).toContainText(/\d+ of 300 keys lost for good/);
  await expect(consequence).toContainText('ibmcloud tke cryptounit-mk-rotate');
  await shoot(page, 'consequence');

  // Re-running auto-mk-rotate completed the rotation (with keys lost), so the scenario is over.
  await expect(page.getByTestId('consequence-next')).toHaveText('See the session summary');
  await page.getByTestId('consequence-next').click();
  const summary = page.getByTestId('training-summary');
  await expect(summary).toContainText('m1-not-m2');
  await expect(summary).toContainText('wrong (expected cryptounit-mk-rotate)');
  await page.getByTestId('summary-key-password').fill('training report key');
  await page.getByTestId('summary-export').click();
  await expect(page.getByTestId('summary-exported')).toContainText('-training-report.json');
  await shoot(page, 'summary');
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
  await expect(summary).toContainText('lost-current-key');
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
