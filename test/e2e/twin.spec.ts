/**
 * Rehearse on a twin first, as an administrator would: capture a twin of the instance with
 * `mkra twin capture` (the demo simulator is the `ibmcloud` on PATH), rehearse every fault point on
 * the Plan screen, read the summary, then run the real rotation and find the rehearsal in its signed
 * report, verified by `mkra verify`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { FAULT_POINTS } from '../../shared/sim/faults.js';
import { demoPaths } from '../../electron/backend/environment/paths.js';
import {
  answerUntilDone,
  confirmChecklist,
  expectAccessible,
  go,
  resetSimulator,
  runPrechecks,
  shot,
  startFromPlan,
} from './driver.js';
import { test, expect, type DemoServer } from './fixtures.js';

const KEY_PASSWORD = 'Tw1n-Report-Key-e2e';

/** `mkra twin capture` against the server's own simulator, through an `ibmcloud` wrapper on PATH. */
function captureTwin(server: DemoServer, dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'ibmcloud'),
    `#!/bin/sh\nexec "${process.execPath}" "${resolve('bin/ibmcloud-sim.js')}" "$@"\n`,
  );
  chmodSync(join(bin, 'ibmcloud'), 0o755);
  const { simDir, tkeFilesDir } = demoPaths(server.dataDir);
  const out = join(dir, 'twin.json');
  const env = {
    ...process.env,
    PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
    MKRA_SIM_DIR: simDir,
    CLOUDTKEFILES: tkeFilesDir,
  };
  const r = spawnSync(process.execPath, ['bin/mkra.js', 'twin', 'capture', '--out', out], { env, encoding: 'utf8' });
  expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
  return out;
}

test.skip(process.platform === 'win32', 'the ibmcloud wrapper is a POSIX shell script');

test('rehearse every fault point on a twin, then the real rotation: its signed report lists the rehearsal', async ({
  page,
  server,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'mkra-e2e-twin-'));
  try {
    await resetSimulator(page, server, 'default');
    const twinPath = captureTwin(server, dir);
    const sha = createHash('sha256').update(readFileSync(twinPath)).digest('hex');

    await runPrechecks(page);
    await page.getByTestId('to-plan').click();

    const panel = page.getByTestId('rehearse-twin');
    await panel.locator('summary').click();
    await expect(page.getByTestId('twin-rehearse')).toBeDisabled();
    // The app's own capture reads what mkra twin capture read: the same twin but for its time and versions.
    await page.getByTestId('twin-capture').click();
    await expect(page.getByTestId('twin-captured')).toContainText('1 instance(s), 4 crypto unit(s)');
    await expect(page.getByTestId('twin-rehearse')).toBeEnabled();
    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('twin-save').click()]);
    expect(saved.suggestedFilename()).toMatch(/^twin-\d{8}-\d{6}\.json$/);
    const appTwinPath = join(dir, 'app-twin.json');
    await saved.saveAs(appTwinPath);
    const comparable = (path: string) => {
      const { capturedAt: _at, cli: _cli, ...rest } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      return rest;
    };
    expect(comparable(appTwinPath)).toEqual(comparable(twinPath));
    // Rehearse on the file mkra twin capture wrote.
    await page.getByTestId('twin-file').setInputFiles(twinPath);
    // Every fault point is ticked by default; a crash at each point is rehearsed too.
    for (const point of FAULT_POINTS) await expect(panel.locator(`input[value="${point}"]`)).toBeChecked();
    await page.getByTestId('twin-crash').check();
    await page.getByTestId('twin-rehearse').click();
    const result = page.getByTestId('twin-result');
    await expect(result).toBeVisible();
    const rows = result.locator('tbody tr');
    await expect(rows).toHaveCount(FAULT_POINTS.length);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-fault')))).toEqual(
      FAULT_POINTS.map((p) => `${p}:crash`),
    );
    await expect(result).toContainText(
      `Recovered from ${FAULT_POINTS.length} of ${FAULT_POINTS.length} faults; 0 keys lost.`,
    );
    await expect(result).toContainText(sha.slice(0, 16));
    await expect(page.getByTestId('twin-prechecks')).toHaveAttribute('data-failed', '0');
    // The first command the advisor gave after the crash mid re-encryption is a register reading.
    await expect(result.locator('tr[data-fault="mid-rewrap:crash"] td').nth(2).locator('code').first()).toHaveText(
      'ibmcloud tke cryptounit-mk',
    );
    // Where the ceremony asked for a decision, and how long the rehearsal took.
    await expect(result.locator('tr[data-fault="mid-setimm:crash"] [data-testid="twin-decisions"]')).toContainText(
      'ibmcloud tke cryptounit-rm: crypto units',
    );
    await expect(page.getByTestId('twin-took')).toHaveText(/^Rehearsed in \d+\.\d s\.$/);
    await shot(page, 'plan-rehearsed');
    await expectAccessible(page, 'rehearsal summary');

    // The real rotation on the instance the twin was captured from.
    const instance = (await page.getByTestId('plan-instance').textContent()) ?? '';
    await confirmChecklist(page);
    await page.getByTestId('confirmation').fill(instance.slice(0, 8));
    const root = await startFromPlan(page);
    await answerUntilDone(page, root);
    await expect(root).toHaveAttribute('data-phase', 'completed');
    await page.getByTestId('finish-rotation').click();
    await expect(page.getByTestId('completed')).toContainText('journal is closed');

    await go(page, 'Reports');
    const form = page.getByTestId('export-form');
    await form.getByLabel('Report key password', { exact: true }).fill(KEY_PASSWORD);
    await form.getByLabel('Repeat the report key password').fill(KEY_PASSWORD);
    await page.getByTestId('export-submit').click();
    await expect(page.getByTestId('export-result')).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-json').click()]);
    const jsonPath = join(dir, download.suggestedFilename());
    await download.saveAs(jsonPath);

    const verify = spawnSync(process.execPath, ['bin/mkra.js', 'verify', jsonPath], { encoding: 'utf8' });
    expect(verify.status, `${verify.stdout}${verify.stderr}`).toBe(0);
    expect(verify.stdout).toContain('VALID');
    const rehearsed = verify.stdout.split('\n').filter((l) => l.includes('Rehearsed on a twin first'));
    expect(rehearsed, verify.stdout).toHaveLength(1);
    expect(rehearsed[0]).toContain(`twin sha256 ${sha}`);
    expect(rehearsed[0]).toContain(`faults rehearsed: ${FAULT_POINTS.map((p) => `${p}:crash`).join(', ')}`);
    expect(rehearsed[0]).toContain(
      `outcome: recovered from ${FAULT_POINTS.length} of ${FAULT_POINTS.length}, 0 keys lost`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a twin brought to a training room is loaded from Home in demo mode; a file that is not a twin changes nothing', async ({
  page,
  server,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'mkra-e2e-twin-'));
  try {
    await resetSimulator(page, server, 'twin-source');
    const twinPath = captureTwin(server, dir);
    await resetSimulator(page, server, 'default');
    await expect(page.getByTestId('demo-scenario')).toContainText('default');

    const form = page.getByTestId('load-twin');
    await expect(page.getByTestId('load-twin-submit')).toBeDisabled();
    const notTwin = join(dir, 'notes.json');
    writeFileSync(notTwin, '{"kind": "notes"}');
    await page.getByTestId('load-twin-file').setInputFiles(notTwin);
    await page.getByTestId('load-twin-submit').click();
    await expect(page.getByRole('region', { name: 'Messages' })).toContainText('This is not a twin file');
    await expect(page.getByRole('region', { name: 'Messages' })).toContainText('Nothing was changed.');
    await expect(page.getByTestId('demo-scenario')).toContainText('default');

    // Keys per instance: the twin-source instance has two instances.
    await page.getByTestId('keys').fill('70');
    await page.getByTestId('load-twin-file').setInputFiles(twinPath);
    await page.getByTestId('load-twin-submit').click();
    await expect(page.getByTestId('demo-controls').getByRole('status')).toContainText(
      'Simulator reset to the twin captured',
    );
    await expect(page.getByTestId('demo-scenario')).not.toContainText('default');
    await expect(page.getByText('total 140')).toBeVisible();
    await shot(page, 'home-twin-loaded');
    await expectAccessible(page, 'twin loaded');
    await expect(form).toBeVisible();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
