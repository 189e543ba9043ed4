/**
 * Signed reports through the UI: a recovery after an injected fault, the report exported
 * from the Reports screen, downloaded, verified by `mkra verify` and by the app's Verify screen,
 * its first page rendered for a person to look at, and every exported byte searched for passwords.
 */
import type { Page } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import {
  answerUntilDone,
  clickToRun,
  expectAccessible,
  go,
  nav,
  PASSWORD,
  shot as pageShot,
  SHOTS,
  startRotation,
} from './driver.js';
import { overdrawIncremental } from '../fixtures/reports/pdf-tamper.js';
import { test, expect } from './fixtures.js';

const shot = (page: Page, name: string) => pageShot(page, `reports-${name}`);

/** The report key's password: the browser host has no OS keystore. */
const KEY_PASSWORD = 'Rep0rt-Key-Secret-e2e';
/** A wrong co-signature password tried first: it must not reach any file either. */
const WRONG_PASSWORD = 'Wr0ng-Admin-Pass';
const FILES = 'test-results/reports-e2e';

/** Every FlateDecode stream of a PDF, inflated (the text drawn in pages lives there). */
function inflatedStreams(pdf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const start = pdf.indexOf('stream', at);
    if (start < 0) return out;
    const body = start + (pdf[start + 6] === 0x0d ? 8 : 7);
    const end = pdf.indexOf('endstream', body);
    if (end < 0) return out;
    try {
      out.push(inflateSync(pdf.subarray(body, end)));
    } catch {
      // not compressed, or not with deflate: the raw bytes are searched anyway
    }
    at = end + 9;
  }
}

function mkraVerify(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['bin/mkra.js', 'verify', ...args], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('after a recovery: export a co-signed report from the UI, download it, verify it with mkra verify and in the app', async ({
  page,
  server,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(FILES, { recursive: true });

  // A rotation that fails after M1 and is recovered through the advisor, then finished.
  const root = await startRotation(page, server, { fault: 'after-m1' });
  await answerUntilDone(page, root);
  await expect(root).toHaveAttribute('data-phase', 'rewrap-interrupted');
  await clickToRun(root, page.getByTestId('advisor-next'));
  // The recovery command asks for the signature key's password, so it is seen running first.
  await expect(root).toHaveAttribute('data-running', 'true');
  await answerUntilDone(page, root);
  await expect(root).toHaveAttribute('data-phase', 'completed');
  await page.getByTestId('finish-rotation').click();
  await expect(page.getByTestId('completed')).toContainText('journal is closed');
  const rotationId = (await page.locator('[data-testid="rotation-console"] .meta').textContent())?.match(
    /\S+-\S+/,
  )?.[0];

  // Reports: keyboard users land on the heading.
  await go(page, 'Reports');
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'reports');
  await expect(page.locator('#screen-heading')).toBeFocused();
  await expect(page.locator('#screen-heading')).toHaveText('Signed reports');
  const form = page.getByTestId('export-form');
  await expect(form.getByLabel('Rotation')).toBeVisible();
  const chosen = await form.getByLabel('Rotation').inputValue();
  if (rotationId) expect(chosen).toContain(rotationId.replace(/[^\w-]/g, ''));
  // The browser host has no OS keystore and the key does not exist yet: the export asks for the
  // report key password twice (it creates the key), and the public key waits for that first export.
  await expect(page.getByTestId('key-not-created')).toBeVisible();
  const keyPassword = form.getByLabel('Report key password', { exact: true });
  const keyRepeat = form.getByLabel('Repeat the report key password');
  await keyPassword.fill(KEY_PASSWORD);
  await keyRepeat.fill('something else');
  await expect(page.getByTestId('export-submit')).toBeDisabled();
  await keyPassword.fill('');
  await keyRepeat.fill('');
  await expect(keyPassword).toBeVisible();
  await expect(keyPassword).toHaveAttribute('type', 'password');
  await expect(keyPassword).toHaveAttribute('autocomplete', 'off');
  await shot(page, 'initial');
  await expectAccessible(page, 'reports screen');

  // A first export with a wrong co-signature password fails; no field keeps a password afterwards.
  await form.getByLabel('Operator name (optional)').fill('E2E Operator');
  await form.getByLabel('Co-sign with a TKE administrator signature key').check();
  await expect(form.getByLabel('Signature key file').locator('option')).not.toHaveCount(0);
  const adminPassword = form.getByLabel('Password of the signature key file');
  await expect(adminPassword).toHaveAttribute('type', 'password');
  await expect(adminPassword).toHaveAttribute('autocomplete', 'off');
  await adminPassword.fill(WRONG_PASSWORD);
  await keyPassword.fill(KEY_PASSWORD);
  await keyRepeat.fill(KEY_PASSWORD);
  await page.getByTestId('export-submit').click();
  await expect(page.getByTestId('export-error')).toContainText('wrong password');
  await expect(page.getByTestId('export-error')).toBeFocused();
  await expect(page.getByTestId('export-key-password-asked')).toHaveCount(0);
  await expect(adminPassword).toHaveValue('');
  await expect(keyPassword).toHaveValue('');
  // Signing opened the report key first, so that attempt created it: no second typing from now on.
  await expect(keyRepeat).toHaveCount(0);
  await shot(page, 'export-failed');
  await expectAccessible(page, 'export failed');

  // Second export, submitted from the keyboard.
  await adminPassword.fill(PASSWORD);
  await keyPassword.fill(KEY_PASSWORD);
  await keyPassword.press('Enter');
  const result = page.getByTestId('export-result');
  await expect(result).toBeVisible();
  await expect(page.locator('#rp-export-done')).toBeFocused();
  await expect(keyPassword).toHaveValue('');
  await expect(adminPassword).toHaveValue('');
  const fingerprint = (await page.getByTestId('export-fingerprint').getAttribute('data-fingerprint')) ?? '';
  const adminSki = (await page.getByTestId('export-admin-ski').getAttribute('data-ski')) ?? '';
  expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
  expect(adminSki).toMatch(/^[0-9a-f]{64}$/);
  expect(await page.content()).not.toContain(PASSWORD);
  expect(await page.content()).not.toContain(KEY_PASSWORD);
  await shot(page, 'exported');
  await expectAccessible(page, 'exported');

  // Download both files as the administrator would.
  const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pdf').click()]);
  expect(pdfDownload.suggestedFilename()).toMatch(/-report\.pdf$/);
  const pdfPath = join(FILES, pdfDownload.suggestedFilename());
  await pdfDownload.saveAs(pdfPath);
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-json').click()]);
  expect(jsonDownload.suggestedFilename()).toMatch(/-report\.json$/);
  const jsonPath = join(FILES, jsonDownload.suggestedFilename());
  await jsonDownload.saveAs(jsonPath);
  const pdf = readFileSync(pdfPath);
  const json = readFileSync(jsonPath);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

  // mkra verify: valid, signed by the key the app showed, co-signed, pinned when asked.
  const cli = mkraVerify([pdfPath]);
  expect(cli.status, cli.out).toBe(0);
  expect(cli.out).toContain('VALID');
  expect(cli.out).toContain(fingerprint);
  expect(cli.out).toContain(adminSki);
  expect(mkraVerify(['--key', fingerprint, pdfPath]).status).toBe(0);
  expect(mkraVerify(['--key', fingerprint, jsonPath]).status).toBe(0);
  expect(mkraVerify(['--key', 'f'.repeat(64), pdfPath]).status).toBe(1);
  const payload = (JSON.parse(json.toString('utf8')) as { payload: { mode: string; rotationId: string } }).payload;
  expect(payload.mode).toBe('demo');

  // The first page, for a person to look at.
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdfPath,
    `${SHOTS}/report-ui-page1`,
  ]);

  // No password typed during the rotation or the export is in any exported byte.
  for (const [name, bytes] of [
    ['pdf', pdf],
    ['json', json],
    ...inflatedStreams(pdf).map((s, i) => [`pdf stream ${i}`, s] as const),
  ] as const) {
    for (const secret of [PASSWORD, KEY_PASSWORD, WRONG_PASSWORD]) {
      expect(bytes.includes(secret), `${secret} in ${name}`).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (UTF-16) in ${name}`).toBe(false);
    }
  }

  // The public key the auditors pin: the same fingerprint as the export.
  await page.getByTestId('key-password').fill(KEY_PASSWORD);
  await page.getByTestId('key-show').click();
  await expect(page.getByTestId('key-fingerprint')).toHaveAttribute('data-fingerprint', fingerprint);
  await expect(page.getByTestId('key-pem')).toHaveValue(/BEGIN PUBLIC KEY/);
  await expect(page.getByTestId('key-pin-command')).toHaveText(`mkra verify --key ${fingerprint} report.pdf`);
  const [pemDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('key-download').click()]);
  const pemPath = join(FILES, 'report-key.pem');
  await pemDownload.saveAs(pemPath);
  expect(mkraVerify(['--key', pemPath, pdfPath]).status).toBe(0);
  await shot(page, 'public-key');
  await expectAccessible(page, 'public key');

  // The app's own Verify screen: pinned, then not pinned, then a changed file, then garbage.
  const verify = page.getByTestId('report-verify');
  await verify.getByLabel('Report file (.pdf or .json)').setInputFiles(pdfPath);
  await verify.getByLabel('Expected report key fingerprint (optional)').fill(fingerprint.toUpperCase());
  await verify.getByRole('button', { name: 'Verify' }).click();
  const verdict = page.getByTestId('verify-result');
  await expect(verdict).toHaveAttribute('data-status', 'valid');
  await expect(verdict).toHaveAttribute('data-pinned', 'true');
  await expect(verdict).toHaveAttribute('data-pages', 'identical');
  await expect(page.locator('#rp-verify-result')).toBeFocused();
  await expect(page.getByTestId('verify-fingerprint')).toHaveAttribute('data-fingerprint', fingerprint);
  await expect(page.getByTestId('verify-admin-ski')).toContainText(adminSki.slice(0, 8));
  await expect(page.getByTestId('verify-summary')).toContainText('Mode: DEMO');
  await shot(page, 'verify-valid');
  await expectAccessible(page, 'verify valid');

  await verify.getByLabel('Expected report key fingerprint (optional)').fill('');
  await verify.getByRole('button', { name: 'Verify' }).click();
  await expect(verdict).toHaveAttribute('data-pinned', 'false');
  await expect(page.getByTestId('verify-pin')).toContainText('Not pinned');
  await shot(page, 'verify-unpinned');

  const changed = Buffer.from(json);
  const at = changed.indexOf('E2E Operator');
  changed[at] = 'F'.charCodeAt(0);
  const changedPath = join(FILES, 'changed-report.json');
  writeFileSync(changedPath, changed);
  expect(mkraVerify([changedPath]).status).toBe(1);
  await verify.getByLabel('Report file (.pdf or .json)').setInputFiles(changedPath);
  await verify.getByRole('button', { name: 'Verify' }).click();
  await expect(verdict).toHaveAttribute('data-status', 'invalid');
  await expect(page.getByTestId('verify-verdict')).toContainText('Not valid');
  await shot(page, 'verify-invalid');
  await expectAccessible(page, 'verify invalid');

  // The PDF's outcome overdrawn in an incremental update: the signed JSON inside is intact, the pages are not.
  const forgedPath = join(FILES, 'forged-pages.pdf');
  writeFileSync(forgedPath, await overdrawIncremental(pdf, 'Outcome: completed', 'Outcome: failed'));
  expect(mkraVerify([forgedPath]).status).toBe(1);
  await verify.getByLabel('Report file (.pdf or .json)').setInputFiles(forgedPath);
  await verify.getByRole('button', { name: 'Verify' }).click();
  await expect(verdict).toHaveAttribute('data-problem', 'pages-differ');
  await expect(page.getByTestId('verify-problem')).toContainText('The visible pages do not match the signed content');
  await shot(page, 'verify-forged-pages');
  await expectAccessible(page, 'verify forged pages');

  await verify
    .getByLabel('Report file (.pdf or .json)')
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a report') });
  await verify.getByRole('button', { name: 'Verify' }).click();
  await expect(verdict).toHaveAttribute('data-status', 'unreadable');
  await expect(page.getByTestId('verify-verdict')).toContainText('Not a readable report');
  await shot(page, 'verify-unreadable');

  // 200 % zoom (640 CSS px wide) and Japanese.
  await page.setViewportSize({ width: 640, height: 400 });
  await shot(page, '640');
  await expectAccessible(page, 'reports at 200 %');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('combobox', { name: /Language|言語/ }).selectOption('ja');
  await expect(page.locator('#screen-heading')).toHaveText('署名付きレポート');
  await expect(nav(page, 'レポート')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('verify-verdict')).toContainText('読み取れるレポートではありません');
  await shot(page, 'ja');
  await expectAccessible(page, 'reports in Japanese');
});
