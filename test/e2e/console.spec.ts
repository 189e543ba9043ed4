import {
  answerUntilDone,
  clickToRun,
  expectAccessible,
  PASSWORD,
  runKeyPartFlow,
  SHOTS,
  startRotation,
} from './driver.js';
import { test, expect } from './fixtures.js';

test('a full auto rotation through the console: prompts in a dialog, timeline done, finish', async ({
  page,
  server,
}) => {
  const root = await startRotation(page, server);
  let shots = 0;
  await answerUntilDone(page, root, async (kind) => {
    if (kind !== 'password' || shots++ > 0) return;
    const dialog = page.getByTestId('prompt-dialog');
    const input = dialog.getByLabel('Password');
    await expect(input).toHaveAttribute('type', 'password');
    await expect(input).toHaveAttribute('autocomplete', 'off');
    await expect(input).toBeFocused();
    await page.screenshot({ path: `${SHOTS}/console-prompt.png` });
    await expectAccessible(page, 'prompt dialog');
    // Escape closes the dialog only: the command keeps waiting, and the prompt can be reopened.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(root).toHaveAttribute('data-running', 'true');
    await expect(page.locator('[data-step="precheck"]')).toHaveAttribute('data-state', 'running');
    await page.screenshot({ path: `${SHOTS}/console-running.png`, fullPage: true });
    await expectAccessible(page, 'timeline running');
    await page.getByRole('button', { name: 'Answer the prompt' }).click();
    await expect(dialog).toBeVisible();
  });
  await expect(root).toHaveAttribute('data-phase', 'completed');
  for (const step of ['precheck', 'generate', 'copy', 'commit', 'delay', 'rewrap', 'promote', 'done']) {
    await expect(page.locator(`[data-step="${step}"]`)).toHaveAttribute('data-state', 'done');
  }
  await expect(page.locator('[data-milestone="M1"]').first()).toContainText('Delaying 30 seconds');
  await expect(page.locator('[data-milestone="completed"]').first()).toContainText(
    'Master key rotation completed successfully.',
  );
  await expect(page.locator('[data-milestone="completed"]').first()).toBeVisible();
  // The password was never echoed into the log or the page.
  expect(await page.content()).not.toContain(PASSWORD);
  await page.screenshot({ path: `${SHOTS}/console-completed.png`, fullPage: true });
  await expectAccessible(page, 'completed');
  // IBM's steps that follow a rotation are listed under the completed message, with their source.
  const after = page.getByTestId('after-steps');
  await expect(after.locator('[data-item]')).toHaveCount(2);
  await expect(after.locator('[data-item="restart-pkcs11"]')).toContainText('rotate-master-key-key-files.md');
  await expect(after.locator('[data-item="uko-sync"]')).toContainText('uko-introduce-master-key-rotation.md');
  await page.getByTestId('finish-rotation').click();
  await expect(page.getByTestId('completed')).toContainText('journal is closed');
  await expect(page.getByTestId('finish-rotation')).toHaveCount(0);
});

test('failure after M1: the advisor recovers with cryptounit-mk-rotate and auto-mk-rotate is refused', async ({
  page,
  server,
}) => {
  const root = await startRotation(page, server, { fault: 'after-m1' });
  await answerUntilDone(page, root);
  await expect(root).toHaveAttribute('data-phase', 'rewrap-interrupted');
  const advisor = page.getByTestId('advisor');
  await expect(page.getByTestId('advisor-phase')).toHaveText('Re-encryption interrupted');
  await expect(page.getByTestId('advisor-next')).toContainText('ibmcloud tke cryptounit-mk-rotate');
  await expect(page.getByTestId('advisor-evidence')).toContainText(
    'Delaying 30 seconds to allow server to discover new master key values',
  );
  await expect(page.getByTestId('advisor-evidence')).toContainText(/journal#\d+ ibmcloud tke auto-mk-rotate:\d+/);
  await expect(page.getByTestId('forbidden-auto-mk-rotate').getByRole('button')).toBeDisabled();
  await expect(
    page.locator('[data-step="delay"], [data-step="rewrap"]').filter({ has: page.getByText('failed') }),
  ).toHaveCount(1);
  // The evidence link of the M1 line brings it into view in the log.
  await page
    .getByTestId('advisor-evidence')
    .locator('li', { hasText: 'Delaying 30 seconds' })
    .getByTestId('evidence-log-line')
    .click();
  await expect(page.locator('[data-milestone="M1"].highlighted')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/console-advisor.png`, fullPage: true });
  await expectAccessible(page, 'advisor');

  // A trainer forces the forbidden command: the backend refuses it and says why.
  await page.locator('details.other summary').click();
  await page.getByLabel('Command', { exact: true }).selectOption('auto-mk-rotate');
  await page.getByTestId('run-other').click();
  await expect(page.getByTestId('console-refusal')).toContainText('auto-mk-rotate is refused');
  await expect(root).toHaveAttribute('data-phase', 'rewrap-interrupted');

  await clickToRun(root, page.getByTestId('advisor-next'));
  await answerUntilDone(page, root);
  await expect(root).toHaveAttribute('data-phase', 'completed');
  await expect(advisor).toHaveCount(0);
  await expect(page.getByTestId('finish-rotation')).toBeVisible();
});

test('partial promotion: registers read, promoted units deselected, the rest promoted', async ({ page, server }) => {
  const root = await startRotation(page, server, { fault: 'mid-setimm' });
  await answerUntilDone(page, root);
  await expect(root).not.toHaveAttribute('data-phase', 'completed');
  let sawUnits = false;
  let sawReselect = false;
  for (let i = 0; i < 10 && (await root.getAttribute('data-phase')) !== 'completed'; i++) {
    const next = (await page.getByTestId('advisor-next').textContent()) ?? '';
    if ((await root.getAttribute('data-phase')) === 'partially-promoted' && next.includes('cryptounit-rm')) {
      sawUnits = true;
      await expect(page.getByTestId('advisor-units')).toContainText('Crypto unit');
      await page.screenshot({ path: `${SHOTS}/console-partial.png`, fullPage: true });
      await expectAccessible(page, 'partial promotion');
    }
    await clickToRun(root, page.getByTestId('advisor-next'));
    await answerUntilDone(page, root, async (kind) => {
      if (kind !== 'units') return;
      // Deselecting the promoted units, then selecting them again: both prefilled and explained.
      const units = page.getByTestId('prompt-dialog').getByLabel('Answer');
      await expect(units).not.toHaveValue('');
      const reselect = next.includes('cryptounit-add');
      if (reselect) sawReselect = true;
      await expect(page.getByTestId(reselect ? 'reselect-explain' : 'deselect-explain')).toBeVisible();
    });
  }
  expect(sawReselect).toBe(true);
  expect(sawUnits).toBe(true);
  await expect(root).toHaveAttribute('data-phase', 'completed');
  // The log followed the output to its last line.
  const total = await page.getByTestId('log').getAttribute('data-count');
  await expect(page.locator(`[data-line="${total}"]`)).toBeVisible();
});

test('the console reads at 200 % zoom and in Japanese', async ({ page, server }) => {
  const root = await startRotation(page, server, { fault: 'after-m1' });
  await answerUntilDone(page, root);
  await expect(root).toHaveAttribute('data-phase', 'rewrap-interrupted');
  await page.setViewportSize({ width: 640, height: 400 });
  await page.screenshot({ path: `${SHOTS}/console-advisor-640.png`, fullPage: true });
  await expectAccessible(page, 'advisor at 200 %');
  await page.getByRole('combobox', { name: /Language|言語/ }).selectOption('ja');
  await expect(page.getByTestId('advisor-phase')).toHaveText('再暗号化が中断');
  await page.screenshot({ path: `${SHOTS}/console-advisor-ja.png`, fullPage: true });
});

test('the key-part flow through the console: load two parts, commit, rotate, finish', async ({ page, server }) => {
  // Starting the rotation runs its first command, the load.
  const root = await startRotation(page, server, { scenario: 'key-parts', flow: 'keyparts' });
  await runKeyPartFlow(page, root);
  await expect(root).toHaveAttribute('data-phase', 'completed');
  await expect(page.getByTestId('log')).toContainText('KMS CRK rewrap successful');
  await expect(page.getByTestId('after-steps').locator('[data-item]')).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/console-keyparts-completed.png` });
  await expectAccessible(page, 'key-part flow completed');
  await page.getByTestId('finish-rotation').click();
  await expect(page.getByTestId('completed')).toBeVisible();
});

test('the log stays virtualised with 100 000 lines: few rows in the page, the end reachable', async ({
  page,
  server,
}) => {
  // A rotation whose journal already holds 100 000 output lines (an imported capture: 50 entries).
  const { createImportedJournal } = await import('../../electron/backend/rotation/imported-journal.js');
  const lines = Array.from({ length: 100_000 }, (_, i) => `Re-encrypted ${i + 1} of 100000 keys`);
  const journal = await createImportedJournal(
    server.dataDir,
    {
      flow: 'auto',
      files: [{ name: 'big.txt', sha256: 'a'.repeat(64), bytes: 3_000_000, encoding: 'utf-8', format: 'plain', lines }],
      note: 'e2e: 100 000 lines',
    },
    'demo',
  );
  await journal.close();
  await page.goto(server.url);
  await expect(page.locator('body[data-app-state="ready"]')).toBeAttached();
  await page.getByRole('navigation').getByRole('button', { name: 'History', exact: true }).click();
  const started = Date.now();
  await page
    .getByRole('button', { name: /Open read-only/ })
    .first()
    .click();
  const log = page.getByTestId('log');
  await expect(log).toHaveAttribute('data-count', '100000', { timeout: 60_000 });
  await expect(page.locator('[data-line="100000"]')).toBeVisible();
  console.log(`[log] 100 000 lines loaded and shown at the end in ${Date.now() - started} ms`);
  expect(await page.locator('.line').count()).toBeLessThan(300);
  // Scrolling to the top and back by keyboard keeps the page responsive and the rows few.
  const list = page.getByTestId('log-lines');
  // Keys act once the list has focus and has settled after its last layout: retry until they do.
  await expect(async () => {
    await list.focus();
    await page.keyboard.press('Home');
    await expect(page.locator('[data-line="1"]')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(async () => {
    await list.focus();
    await page.keyboard.press('End');
    await expect(page.locator('[data-line="100000"]')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  expect(await page.locator('.line').count()).toBeLessThan(300);
});
