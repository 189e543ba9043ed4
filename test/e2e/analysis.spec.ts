/**
 * "My rotation failed in a terminal" end to end through `mkra serve --demo`: a manual
 * `auto-mk-rotate` run in the administrator's own terminal (the simulator executable on the
 * server's demo state, failing after M1) is pasted into the app, classified with its evidence line,
 * confirmed with a register reading, adopted, recovered in the console and reported; auto-mk-rotate
 * stays refused throughout. Screenshots go to test-results/screens/analysis-*.png.
 */
import type { Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  answerUntilDone,
  clickToRun,
  expectAccessible,
  nav,
  PASSWORD,
  resetSimulator,
  shot as pageShot,
} from './driver.js';
import { test, expect, type DemoServer } from './fixtures.js';

/** A screenshot of the analysis story, checked for accessibility as it is taken. */
async function shot(page: Page, name: string): Promise<void> {
  await pageShot(page, `analysis-${name}`);
  await expectAccessible(page, name);
}

const KEY_PASSWORD = 'Analysis-Rep0rt-Key-e2e';
const M1 = 'Delaying 30 seconds to allow server to discover new master key values';

/** The administrator's own terminal: the simulator on the server's demo state, stdin piped. */
function manualRun(server: DemoServer, fault: string): string {
  const simDir = join(server.dataDir, 'demo', 'sim');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    MKRA_SIM_DIR: simDir,
    CLOUDTKEFILES: join(simDir, 'tkefiles'),
    MKRA_SIM_TIME_SCALE: '0',
    MKRA_SIM_FAULT: fault,
  };
  const r = spawnSync(process.execPath, ['bin/ibmcloud-sim.js', 'tke', 'auto-mk-rotate'], {
    env,
    input: `${PASSWORD}\n${PASSWORD}\n`,
    encoding: 'utf8',
  });
  expect(r.status).toBe(1);
  return r.stdout;
}

/** Force auto-mk-rotate through "Run another command": the backend must refuse it. */
async function expectAutoRefused(page: Page): Promise<void> {
  const other = page.locator('details.other');
  if ((await other.getAttribute('open')) === null) await other.locator('summary').click();
  await page.getByLabel('Command', { exact: true }).selectOption('auto-mk-rotate');
  await page.getByTestId('run-other').click();
  await expect(page.getByTestId('console-refusal')).toContainText('auto-mk-rotate is refused');
  await expect(page.getByTestId('rotation-console')).toHaveAttribute('data-running', 'false');
}

test('a manual run that failed after M1: pasted, classified, read, adopted, recovered, reported', async ({
  page,
  server,
}) => {
  await resetSimulator(page, server);
  const output = manualRun(server, 'after-m1');
  const m1Line = output.split('\n').findIndex((l) => l.includes(M1)) + 1;
  expect(m1Line).toBeGreaterThan(0);

  // The entry on the first screen, then the analysis screen with focus on its heading.
  await expect(page.getByTestId('analyse-entry')).toBeVisible();
  await shot(page, 'entry');
  await page.getByTestId('open-analysis').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'analysis');
  await expect(page.locator('#screen-heading')).toBeFocused();

  await page.getByLabel('Terminal output (paste)').fill(output);
  await page.getByTestId('analysis-run').press('Enter');
  const screenRoot = page.getByTestId('analysis-screen');
  await expect(screenRoot).toHaveAttribute('data-phase', 'rewrap-interrupted');
  await expect(page.getByTestId('advisor-phase')).toHaveText('Re-encryption interrupted');
  const evidence = page.getByTestId('advisor-evidence');
  await expect(evidence.locator('li', { hasText: `pasted output:${m1Line}` })).toContainText(M1);
  await expect(page.getByTestId('forbidden-auto-mk-rotate')).toBeVisible();
  await shot(page, 'findings');

  await page.getByTestId('analysis-read-registers').click();
  await expect(page.getByTestId('analysis-unit-4')).toContainText('Full Committed');
  await expect(screenRoot).toHaveAttribute('data-phase', 'rewrap-interrupted');
  await expect(evidence).toContainText('ibmcloud tke cryptounit-mks (read by the app)');
  await shot(page, 'registers');

  await page.getByTestId('analysis-adopt').click();
  await expect(page.getByTestId('analysis-adopted')).toBeVisible();
  await expect(page.getByTestId('analysis-confirm')).toBeDisabled();
  await shot(page, 'review');
  await page.getByTestId('analysis-reviewed').focus();
  await page.keyboard.press('Space');
  await page.getByTestId('analysis-confirm').press('Enter');

  // The guided recovery continues in the console, with the imported evidence.
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'rotation');
  await expect(nav(page, 'Rotation')).toHaveAttribute('aria-current', 'page');
  const root = page.getByTestId('rotation-console');
  await expect(root).toHaveAttribute('data-phase', 'rewrap-interrupted');
  await expect(page.getByTestId('advisor-evidence')).toContainText(`pasted output:${m1Line}`);
  await expect(page.getByTestId('advisor-next')).toContainText('ibmcloud tke cryptounit-mk-rotate');
  await expectAutoRefused(page);
  await shot(page, 'console-refused');

  for (let i = 0; i < 4 && (await root.getAttribute('data-phase')) !== 'completed'; i++) {
    await clickToRun(root, page.getByTestId('advisor-next'));
    await expect(root).toHaveAttribute('data-running', 'true');
    await answerUntilDone(page, root);
    if ((await root.getAttribute('data-phase')) !== 'completed') await expectAutoRefused(page);
  }
  await expect(root).toHaveAttribute('data-phase', 'completed');
  await expectAutoRefused(page);
  await shot(page, 'console-completed');
  await page.getByTestId('finish-rotation').click();
  await expect(page.getByTestId('completed')).toContainText('journal is closed');

  // Signed report: exported from the Reports screen, verified by mkra verify, imported part marked.
  await nav(page, 'Reports').click();
  const form = page.getByTestId('export-form');
  await form.getByLabel('Report key password', { exact: true }).fill(KEY_PASSWORD);
  await form.getByLabel('Repeat the report key password').fill(KEY_PASSWORD);
  await page.getByTestId('export-submit').click();
  await expect(page.getByTestId('export-result')).toBeVisible();
  await shot(page, 'report');
  const reportsDir = join(server.dataDir, 'reports');
  const [rotationId = ''] = readdirSync(reportsDir);
  const jsonName = readdirSync(join(reportsDir, rotationId)).find((f) => f.endsWith('-report.json')) ?? '';
  const jsonPath = join(reportsDir, rotationId, jsonName);
  const verify = spawnSync(process.execPath, ['bin/mkra.js', 'verify', jsonPath], { encoding: 'utf8' });
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  const signed = readFileSync(jsonPath, 'utf8');
  expect(signed).toContain('pasted output');
  expect(signed).toContain(`[imported pasted output:${m1Line}]`);
  expect(signed).not.toContain(PASSWORD);
});

test('unusable and huge input get clear messages; the findings read in Japanese at 200 %', async ({ page, server }) => {
  await resetSimulator(page, server);
  await page.getByTestId('open-analysis').click();
  await page.getByTestId('analysis-run').click();
  await expect(page.getByTestId('analysis-problems')).toContainText('Nothing to analyse');
  await page.getByTestId('analysis-files').setInputFiles([
    {
      name: 'core.dump',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 17)),
    },
  ]);
  await page.getByTestId('analysis-run').click();
  await expect(page.getByTestId('analysis-problems').locator('[data-code="binary"]')).toContainText(
    'core.dump is a binary file',
  );
  await shot(page, 'problems');
  await page.getByRole('button', { name: 'Remove core.dump' }).click();

  // A 40 MB paste is kept out of the text box and refused before anything is sent.
  const paste = (size: number) =>
    page.getByTestId('analysis-paste').evaluate((el, n) => {
      const body = `${'Re-encrypted 1 of 300 keys\n'.repeat(Math.floor(n / 27))}Delaying 30 seconds to allow server to discover new master key values\nFAILED\n`;
      const data = new DataTransfer();
      data.setData('text/plain', body);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, size);
  await paste(40 * 1024 * 1024);
  await expect(page.getByTestId('analysis-big-paste')).toContainText('MB');
  await page.getByTestId('analysis-run').click();
  await expect(page.getByTestId('analysis-problems').locator('[data-code="too-large"]')).toContainText(
    'limit is 32.0 MB',
  );
  await page.getByRole('button', { name: 'Remove pasted output' }).click();

  // 20 MB is analysed, with the page responsive meanwhile.
  await paste(20 * 1024 * 1024);
  await page.getByTestId('analysis-run').click();
  await expect(page.getByTestId('analysis-screen')).toHaveAttribute('data-phase', 'rewrap-interrupted', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('analysis-files-table')).toContainText('pasted output');
  await page.setViewportSize({ width: 640, height: 500 });
  await page.getByRole('combobox', { name: /Language|言語/ }).selectOption('ja');
  await expect(page.getByTestId('advisor-phase')).toHaveText('再暗号化が中断');
  await expect(page.locator('#screen-heading')).toHaveText('失敗した実行を分析');
  await shot(page, 'ja-640');
});
