/**
 * History tells a recovered rotation's story, Home leads with the rotation (planned or unfinished),
 * and the operator name entered in the plan reaches the signed report.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  answerUntilDone,
  clickToRun,
  confirmChecklist,
  expectAccessible,
  go,
  resetSimulator,
  armFault,
  nav,
  runPrechecks,
  shot,
  SHOTS,
  startFromPlan,
  startRotation,
} from './driver.js';
import { test, expect } from './fixtures.js';

const OPERATOR = 'Hanako Operator';
const KEY_PASSWORD = 'Hist0ry-Report-Key';
const FILES = 'test-results/history-e2e';

/** The one primary action in the screen (Home shows exactly one). */
const primaries = (page: Page) => page.locator('main button.primary');

test('Home leads with Plan a rotation, then with the open rotation; History tells the recovery; the plan operator reaches the report', async ({
  page,
  server,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(FILES, { recursive: true });

  // Nothing open, nothing unfinished: planning a rotation is Home's primary action, analysis comes second.
  await resetSimulator(page, server);
  await expect(primaries(page)).toHaveCount(1);
  await expect(primaries(page)).toHaveText('Plan a rotation');
  await expect(page.getByTestId('open-analysis')).not.toHaveClass(/primary/);
  const planBox = await page.getByTestId('plan-entry').boundingBox();
  const analyseBox = await page.getByTestId('analyse-entry').boundingBox();
  expect(planBox && analyseBox && planBox.y < analyseBox.y).toBe(true);
  await shot(page, 'home-plan');
  await expectAccessible(page, 'home with nothing open');
  await page.getByTestId('plan-rotation').click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'precheck');

  // A rotation planned with an operator name, failing after M1.
  await armFault(page, 'after-m1');
  await runPrechecks(page);
  await page.getByTestId('to-plan').click();
  const instance = (await page.getByTestId('plan-instance').textContent()) ?? '';
  await page.getByTestId('operator').fill(OPERATOR);
  await confirmChecklist(page);
  await page.getByTestId('confirmation').fill(instance.slice(0, 8));
  const root = await startFromPlan(page);
  await answerUntilDone(page, root);
  await expect(root).toHaveAttribute('data-phase', 'rewrap-interrupted');

  // Home now leads with the open rotation, first, as its only primary action.
  await go(page, 'Home');
  await expect(page.getByTestId('rotation-open')).toBeVisible();
  await expect(page.getByTestId('plan-entry')).toHaveCount(0);
  await expect(primaries(page)).toHaveCount(1);
  await expect(primaries(page)).toHaveText('Go to the rotation');
  const openBox = await page.getByTestId('rotation-open').boundingBox();
  const analyseAfter = await page.getByTestId('analyse-entry').boundingBox();
  expect(openBox && analyseAfter && openBox.y < analyseAfter.y).toBe(true);
  await shot(page, 'home-open-rotation');
  await primaries(page).click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'rotation');

  // The advisor's recovery, then finish.
  await clickToRun(root, page.getByTestId('advisor-next'));
  await answerUntilDone(page, root);
  await expect(root).toHaveAttribute('data-phase', 'completed');
  await page.getByTestId('finish-rotation').click();
  await expect(page.getByTestId('completed')).toContainText('journal is closed');

  // History: the recovery is told, with the counts from the journal, the new VP and the operator.
  await go(page, 'History');
  const row = page.getByTestId('history-row').first();
  await expect(row.getByTestId('history-recovered')).toHaveText(
    'completed after recovery: 1 failed command, 0 keys lost',
  );
  await expect(row.getByTestId('history-vp')).toContainText('New master key VP');
  expect(await row.getByTestId('history-vp').getAttribute('data-vp')).toMatch(/^[0-9a-fA-F]{8,}$/);
  await expect(row).toContainText(`Operator: ${OPERATOR}`);
  await shot(page, 'history-recovered');
  await expectAccessible(page, 'history after a recovery');

  // Its report: the Report link opens the export with this rotation chosen and the plan's operator.
  const rotationId = (await row.getAttribute('data-rotation-id')) ?? '';
  await row.getByTestId('history-report').click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'reports');
  const form = page.getByTestId('export-form');
  await expect(form.getByLabel('Rotation')).toHaveValue(rotationId);
  const operator = form.getByLabel('Operator name (optional)');
  await expect(operator).toHaveValue(OPERATOR);
  await expect(operator).toHaveAttribute('readonly', '');
  // The browser host has no OS keystore: the first export creates the report key.
  await form.getByLabel('Report key password', { exact: true }).fill(KEY_PASSWORD);
  await form.getByLabel('Repeat the report key password').fill(KEY_PASSWORD);
  await page.getByTestId('export-submit').click();
  await expect(page.getByTestId('export-result')).toBeVisible();
  // The key exists now: nothing speaks of a first use any more.
  await expect(page.getByTestId('report-key')).not.toContainText(/first use/i);
  await expect(page.getByTestId('report-export')).not.toContainText(/first use/i);
  await shot(page, 'history-report-exported');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-json').click()]);
  const jsonPath = join(FILES, download.suggestedFilename());
  await download.saveAs(jsonPath);
  const payload = (JSON.parse(readFileSync(jsonPath, 'utf8')) as { payload: { operator: string | null } }).payload;
  expect(payload.operator).toBe(OPERATOR);

  // The PDF of a recovered rotation, every page, for a person to look at.
  const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pdf').click()]);
  const pdfPath = join(FILES, pdfDownload.suggestedFilename());
  await pdfDownload.saveAs(pdfPath);
  execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, `${SHOTS}/history-report-page`]);
  const verified = execFileSync(process.execPath, ['bin/mkra.js', 'verify', pdfPath], { encoding: 'utf8' });
  expect(verified).toContain('VALID');
});

test('History open in a second window follows a demo rotation: the row reads completed once it finishes, without navigating', async ({
  page,
  context,
  server,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  const root = await startRotation(page, server);

  // A second window on the same backend, on History while the rotation runs.
  const history = await context.newPage();
  await history.goto(server.url);
  await expect(history.locator('body[data-app-state="ready"]')).toBeAttached();
  await go(history, 'History');
  const row = history.getByTestId('history-row').first();
  await expect(row.getByTestId('history-outcome')).toContainText('unfinished');
  await expect(row.getByTestId('history-report')).toHaveCount(0);

  // The first window runs the rotation to its end and closes it.
  await answerUntilDone(page, root);
  await expect(root).toHaveAttribute('data-phase', 'completed');
  await page.getByTestId('finish-rotation').click();
  await expect(page.getByTestId('completed')).toContainText('journal is closed');

  // History, never left, now tells the finished rotation, with its report offered.
  await expect(row.getByTestId('history-outcome')).toContainText('completed');
  await expect(row.getByTestId('history-outcome')).not.toContainText('unfinished');
  await expect(row.getByTestId('history-report')).toBeVisible();
  await expect(row.getByTestId('history-vp')).toContainText('New master key VP');
  await expect(nav(history, 'History')).toHaveAttribute('aria-current', 'page');
  await expect(history.getByTestId('history-row')).toHaveCount(1);
  await shot(history, 'history-follows-finish');
});

test('a refresh of History that fails keeps the rows last read, with the failure said above them', async ({
  page,
  context,
  server,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  const root = await startRotation(page, server);

  // The second window's link answers `rotation:list` with a failure while `fail` is set.
  const history = await context.newPage();
  let fail = false;
  await history.routeWebSocket(/\/api$/, (ws) => {
    const upstream = ws.connectToServer();
    ws.onMessage((message) => {
      const text = String(message);
      if (fail && text.includes('"channel":"rotation:list"')) {
        const { id } = JSON.parse(text) as { id: number };
        const error = { code: 'failed', message: 'The journal directory could not be read.' };
        ws.send(JSON.stringify({ type: 'result', id, result: { ok: false, error } }));
        return;
      }
      upstream.send(message);
    });
    upstream.onMessage((message) => ws.send(message));
  });
  await history.goto(server.url);
  await expect(history.locator('body[data-app-state="ready"]')).toBeAttached();
  await go(history, 'History');
  const row = history.getByTestId('history-row').first();
  await expect(row.getByTestId('history-outcome')).toContainText('unfinished');

  fail = true;
  await answerUntilDone(page, root);
  await page.getByTestId('finish-rotation').click();
  await expect(page.getByTestId('completed')).toContainText('journal is closed');
  await expect(history.getByTestId('history-error')).toContainText(
    'Could not load the rotation history — The journal directory could not be read.',
  );
  await expect(history.getByTestId('history-row')).toHaveCount(1);
  await expect(history.getByTestId('history-empty')).toHaveCount(0);
  await shot(history, 'history-refresh-failed');

  // Asked again once the journal reads: the failure goes and the row tells the finished rotation.
  fail = false;
  await history.getByRole('button', { name: 'Refresh' }).click();
  await expect(history.getByTestId('history-error')).toHaveCount(0);
  await expect(row.getByTestId('history-outcome')).toContainText('completed');
});
