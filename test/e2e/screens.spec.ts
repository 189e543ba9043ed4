import type { Locator, Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seriousViolations } from './a11y.js';
import { answerUntilDone, confirmChecklist, consoleRoot, go, nav } from './driver.js';
import { test, expect, type DemoServer } from './fixtures.js';

const SCREENS = [
  { id: 'home', name: 'Home', ja: 'ホーム' },
  { id: 'overview', name: 'Overview', ja: '概要' },
  { id: 'precheck', name: 'Pre-checks', ja: '事前チェック' },
  { id: 'rotation', name: 'Rotation', ja: 'ローテーション' },
  { id: 'history', name: 'History', ja: '履歴' },
  { id: 'keyfiles', name: 'Key files', ja: '鍵ファイル' },
  { id: 'reports', name: 'Reports', ja: 'レポート' },
] as const;

async function ready(page: Page, server: DemoServer): Promise<void> {
  await page.goto(server.url);
  await expect(page.locator('body[data-app-state="ready"]')).toBeAttached();
}

/** Reset the simulator through the demo controls on Home, then run the pre-checks for a flow. */
async function precheck(
  page: Page,
  scenario: string,
  flow: 'auto' | 'keyparts' = 'auto',
  keys?: number,
): Promise<void> {
  await go(page, 'Home');
  await page.getByTestId('scenario').selectOption(scenario);
  if (keys !== undefined) await page.getByTestId('keys').fill(String(keys));
  await page.getByTestId('reset-sim').click();
  // The scenario may already read the same name before the reset: wait for the reset's own report.
  await expect(page.getByTestId('demo-controls').getByRole('status')).toContainText(
    `The simulator was reset to ${scenario}`,
  );
  await go(page, 'Pre-checks');
  await page.getByLabel(flow === 'auto' ? /Recovery crypto units/ : /Master key part files/).check();
  await page.getByTestId('run-prechecks').click();
  await expect(page.getByTestId('precheck-summary')).toBeVisible();
  // The run ends with a read of the simulator's status; the progress line then goes and the screen
  // moves up, so a click aimed before that can land beside its target: wait for the run's end.
  await expect(page.getByTestId('run-prechecks')).toBeEnabled();
}

test('every screen is reached with the keyboard alone, marked current, and passes axe', async ({ page, server }) => {
  await ready(page, server);
  // The skip link comes first.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the screen' })).toBeFocused();
  for (const screen of SCREENS) {
    const target = nav(page, screen.name);
    for (let i = 0; i < 40 && !(await target.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Shift+Tab');
    await expect(target).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(target).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('main')).toHaveAttribute('data-screen', screen.id);
    // Focus moved to the screen's heading, so the next Tab goes into the screen.
    await expect(page.locator('#screen-heading')).toBeFocused();
    expect(await seriousViolations(page), screen.id).toEqual([]);
  }
});

test('screenshots of each screen at 1280x800 and at 200 % zoom, each with no serious axe violation', async ({
  page,
  server,
}) => {
  const shoot = async (name: string): Promise<void> => {
    // From the top, so the sticky demo banner is drawn where it belongs.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
    expect(await seriousViolations(page), name).toEqual([]);
  };
  await ready(page, server);
  await shoot('home');
  await precheck(page, 'current-mk-mismatch');
  await expect(page.getByTestId('check-current-mk')).toHaveAttribute('data-status', 'fail');
  await shoot('precheck');
  await go(page, 'Overview');
  await expect(page.getByTestId('register-note-current')).toHaveAttribute('data-mismatch', 'true');
  await shoot('overview');
  await page.getByTestId('nav-precheck').click();
  await page.getByTestId('to-plan').click();
  await expect(page.getByTestId('plan-blocked')).toBeVisible();
  await shoot('plan-blocked');
  await precheck(page, 'default');
  await page.getByTestId('to-plan').click();
  await expect(page.getByTestId('start-rotation')).toBeDisabled();
  await shoot('plan');
  await page.getByTestId('rehearse-twin').locator('summary').click();
  await expect(page.getByTestId('twin-rehearse')).toBeDisabled();
  await shoot('plan-rehearse');
  for (const screen of ['rotation', 'history', 'keyfiles'] as const) {
    await go(page, SCREENS.find((s) => s.id === screen)?.name ?? '');
    await shoot(screen);
  }
  // 200 %: a 1280x800 window zoomed to 200 % lays out like a 640x400 CSS viewport.
  await page.setViewportSize({ width: 640, height: 400 });
  await go(page, 'Overview');
  await shoot('overview-200pct');
  await go(page, 'Pre-checks');
  await shoot('precheck-200pct');
});

/** Answer every prompt the console shows (text or password field, or Yes for a y/N) until `done` shows. */
async function answerPrompts(page: Page, done: Locator, answer: (prompt: string) => string): Promise<void> {
  const root = page.getByTestId('rotation-console');
  const dialog = page.getByTestId('prompt-dialog');
  for (let i = 0; i < 20; i++) {
    await expect(done.or(dialog)).toBeVisible();
    if (await done.isVisible()) return;
    // The console counts answers, so a prompt that repeats the same text is not mistaken for the last one.
    const before = Number(await root.getAttribute('data-answered'));
    const field = dialog.locator('#prompt-answer');
    if ((await field.count()) > 0) {
      await field.fill(answer((await dialog.textContent()) ?? ''));
      await field.press('Enter');
    } else {
      await dialog.getByRole('button', { name: 'Yes' }).click();
    }
    await expect(root).toHaveAttribute('data-answered', String(before + 1));
  }
  throw new Error('too many prompts');
}

const FAILURES = [
  { scenario: 'imprint-mode', flow: 'auto', check: 'imprint', fix: 'ibmcloud tke cryptounit-rm', unit: 2 },
  {
    scenario: 'threshold-mismatch',
    flow: 'auto',
    check: 'thresholds',
    fix: 'ibmcloud tke cryptounit-thrhld-set',
    unit: 2,
  },
  { scenario: 'admin-mismatch', flow: 'auto', check: 'admins', fix: 'ibmcloud tke sigkey-sel', unit: 4 },
  {
    scenario: 'current-mk-mismatch',
    flow: 'auto',
    check: 'current-mk',
    fix: 'ibmcloud tke cryptounit-compare',
    unit: 4,
  },
  { scenario: 'new-mk-not-empty', flow: 'auto', check: 'new-mk', fix: 'ibmcloud tke cryptounit-mk-clrnew', unit: 3 },
  { scenario: 'several-instances', flow: 'keyparts', check: 'selection', fix: 'ibmcloud tke cryptounit-rm', unit: 5 },
  { scenario: 'expired-token', flow: 'auto', check: 'auth', fix: 'ibmcloud login', unit: null },
] as const;

for (const f of FAILURES) {
  test(`pre-check failure ${f.scenario}: ${f.check} fails with its fix, and the plan refuses to start`, async ({
    page,
    server,
  }) => {
    await ready(page, server);
    await precheck(page, f.scenario, f.flow);
    const card = page.getByTestId(`check-${f.check}`);
    await expect(card).toHaveAttribute('data-status', 'fail');
    await expect(card.getByTestId(`fix-${f.check}`).getByTestId('fix-command').first()).toHaveText(f.fix);
    if (f.unit !== null) await expect(card.locator(`li[data-unit="${f.unit}"]`)).toHaveAttribute('data-status', 'fail');
    const title = await card.locator('h3').innerText();
    await page.getByTestId('to-plan').click();
    await expect(page.getByTestId('plan-blocked')).toBeVisible();
    await expect(page.getByTestId('start-rotation')).toHaveCount(0);
    if (f.scenario === 'several-instances')
      await expect(page.locator('[data-blocker="several-instances"]')).toBeVisible();
    else await expect(page.locator('[data-blocker="failed"]')).toContainText(title);
  });
}

test("failover crypto units never initialized: not selected, they are not passed unread; once selected, check 3 fails with IBM's initialization", async ({
  page,
  server,
}) => {
  await ready(page, server);
  await precheck(page, 'failover-uninitialised');
  // auto-mk-rotate will select them, but the readings cover selected units only: never a pass unread.
  const selection = page.getByTestId('check-selection');
  await expect(selection).toHaveAttribute('data-status', 'unknown');
  for (const check of ['imprint', 'current-mk']) {
    await expect(page.getByTestId(`check-${check}`)).toHaveAttribute('data-status', 'unknown');
    await expect(page.getByTestId(`check-${check}`).locator('li[data-unit="5"]')).toHaveAttribute(
      'data-status',
      'unknown',
    );
  }
  await expect(selection.getByTestId('fix-command')).toHaveText(['ibmcloud tke cryptounit-add']);
  await page.screenshot({ path: 'test-results/screens/precheck-failover-unselected.png', fullPage: true });
  // The fix runs in the app (a selection changes no register): crypto units 5 and 6 are selected.
  await selection.getByTestId('run-fix').click();
  await go(page, 'Rotation');
  await answerUntilDone(page, consoleRoot(page), undefined, () => '5 6');
  await go(page, 'Pre-checks');
  await page.getByTestId('run-prechecks').click();
  const card = page.getByTestId('check-imprint');
  await expect(card).toHaveAttribute('data-status', 'fail');
  for (const unit of ['5', '6'])
    await expect(card.locator(`li[data-unit="${unit}"]`)).toHaveAttribute('data-status', 'fail');
  await expect(card.locator('li[data-unit="1"]')).toHaveAttribute('data-status', 'pass');
  await expect(selection).toHaveAttribute('data-status', 'pass');
  const fix = card.getByTestId('fix-imprint');
  await expect(fix.getByTestId('fix-command')).toHaveText([
    'ibmcloud tke cryptounit-rm',
    'ibmcloud tke cryptounit-admin-add',
    'ibmcloud tke cryptounit-thrhld-set',
    'ibmcloud tke cryptounit-add',
    'ibmcloud tke auto-mk-recover',
  ]);
  await expect(fix).toContainText('Initialize crypto unit 5, 6 like the other crypto units');
  await expect(fix).toContainText('Transfer the current master key from the recovery crypto unit to crypto unit 5, 6');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/screens/precheck-failover-uninitialised.png', fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('language').selectOption('ja');
  await expect(fix).toContainText('暗号装置 5, 6 を他の暗号装置と同じように初期化します');
  await page.getByTestId('to-plan').click();
  await expect(page.locator('[data-blocker="failed"]')).toBeVisible();
  await expect(page.getByTestId('start-rotation')).toHaveCount(0);
});

test("a cleared current master key: the fix is IBM's recover page (select, compare, auto-mk-recover), explained in both languages", async ({
  page,
  server,
}) => {
  await ready(page, server);
  await precheck(page, 'current-mk-cleared');
  const card = page.getByTestId('check-current-mk');
  await expect(card).toHaveAttribute('data-status', 'fail');
  await expect(card.locator('li[data-unit="1"]')).toHaveAttribute('data-status', 'fail');
  const fix = card.getByTestId('fix-current-mk');
  await expect(fix.getByTestId('fix-command')).toHaveText([
    'ibmcloud tke cryptounit-add',
    'ibmcloud tke cryptounit-compare',
    'ibmcloud tke auto-mk-recover',
  ]);
  await expect(fix).toContainText('The current master key register of crypto unit 1 is not Valid');
  // The read-only steps run in the app; auto-mk-recover changes registers, so it is not offered here.
  await expect(fix.getByTestId('run-fix')).toHaveCount(2);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/screens/precheck-current-key-cleared.png', fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('language').selectOption('ja');
  await expect(fix).toContainText('暗号装置 1 の現行マスター鍵レジスターが Valid ではありません');
});

test('an expired token is fixed with the in-app login, answered in the console, and the pre-check then passes', async ({
  page,
  server,
}) => {
  await ready(page, server);
  await precheck(page, 'expired-token');
  await page.getByTestId('check-auth').getByTestId('run-fix').click();
  await page.getByRole('button', { name: 'Go to the Rotation screen' }).click();
  await answerPrompts(page, page.locator('[data-testid="rotation-console"][data-running="false"]'), (prompt) =>
    prompt.includes('Email') ? 'admin@example.com' : 'secret',
  );
  await go(page, 'Pre-checks');
  await page.getByTestId('run-prechecks').click();
  await expect(page.getByTestId('check-auth')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('token-left')).toContainText(/5\d min/);
});

test('the token warning appears when the estimate approaches the token lifetime', async ({ page, server }) => {
  await ready(page, server);
  await precheck(page, 'default', 'auto', 200_000);
  await expect(page.getByTestId('estimate')).toContainText('1 h 07 min');
  await expect(page.getByTestId('token-warning')).toBeVisible();
});

test('the plan gates Start on the typed instance ID; the rotation runs and History re-opens it read-only', async ({
  page,
  server,
}) => {
  await ready(page, server);
  await precheck(page, 'default');
  await page.getByTestId('to-plan').click();
  await expect(page.locator('[data-transition="delay"]')).toBeVisible();
  const instanceId = (await page.getByTestId('plan-instance').textContent()) ?? '';
  const start = page.getByTestId('start-rotation');
  await expect(start).toBeDisabled();
  await page.getByTestId('confirmation').fill('deadbeef');
  await expect(start).toBeDisabled();
  await page.getByTestId('confirmation').fill(instanceId.slice(0, 8));
  await page.getByTestId('operator').fill('Alice Admin');
  // IBM's conditions that no command can check are confirmed one by one.
  await expect(start).toBeDisabled();
  await confirmChecklist(page);
  await expect(start).toBeEnabled();
  await start.click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'rotation');
  await answerPrompts(page, page.getByTestId('completed'), () => 'passw0rd');
  await page.getByTestId('finish-rotation').click();
  await expect(page.getByTestId('completed')).toContainText('journal is closed');
  await go(page, 'History');
  const row = page.getByTestId('history-row').first();
  await expect(row).toContainText('recovery units');
  await expect(row).toContainText('verified');
  // Nothing failed: a plain "completed", never "after recovery", with the plan's operator.
  await expect(row.getByTestId('history-outcome')).toContainText('completed');
  await expect(row.getByTestId('history-recovered')).toHaveCount(0);
  await expect(row).toContainText('Operator: Alice Admin');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/screens/history.png', fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
  await row.getByRole('button', { name: /Open read-only/ }).click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'rotation');
  await expect(page.getByTestId('rotation-console')).toBeVisible();
  await expect(page.getByTestId('run-primary')).toHaveCount(0);
  await expect(page.getByTestId('completed')).toBeVisible();
});

test('key files: listing with administrators matched, a right and a wrong password', async ({ page, server }) => {
  await ready(page, server);
  await precheck(page, 'default');
  await go(page, 'Key files');
  const sig = page.getByTestId('keyfile-1.sigkey');
  await expect(sig).toContainText('admin1');
  await expect(sig).toContainText('P-521 EC');
  await expect(sig.getByTestId('admin-units')).toHaveText('1, 2, 3, 4');
  await sig.getByRole('button', { name: 'Check password (1.sigkey)' }).click();
  const field = sig.getByTestId('password');
  await expect(field).toHaveAttribute('type', 'password');
  await expect(field).toHaveAttribute('autocomplete', 'off');
  await field.fill('wrong-password');
  await field.press('Enter');
  await expect(sig.getByTestId('password-result')).toHaveAttribute('data-result', 'wrong');
  await expect(field).toHaveValue('');
  await field.fill('passw0rd');
  await field.press('Enter');
  await expect(sig.getByTestId('password-result')).toHaveAttribute('data-result', 'right');
  await expect(field).toHaveValue('');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/screens/keyfiles.png', fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
});

/** Start `mkra serve --demo` on a given data directory (so a test can restart the app on it). */
async function serve(dataDir: string): Promise<DemoServer> {
  const child = spawn(process.execPath, ['bin/mkra.js', 'serve', '--demo', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, MKRA_SIM_TIME_SCALE: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Listening on (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`mkra serve exited with ${code}: ${out}`)));
  });
  return { url, origin: new URL(url).origin, dataDir, process: child };
}

test('after a restart, an unfinished rotation is offered for resuming and opens on the Rotation screen', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mkra-e2e-resume-'));
  try {
    const first = await serve(dataDir);
    await ready(page, first);
    await precheck(page, 'default');
    await page.getByTestId('to-plan').click();
    const instanceId = (await page.getByTestId('plan-instance').textContent()) ?? '';
    await confirmChecklist(page);
    await page.getByTestId('confirmation').fill(instanceId.slice(0, 8));
    await page.getByTestId('start-rotation').click();
    await expect(page.getByTestId('prompt-dialog')).toBeVisible();
    // The app dies in the middle of the rotation, then starts again on the same data.
    const exited = new Promise((resolve) => first.process.once('exit', resolve));
    first.process.kill('SIGKILL');
    await exited;
    const again = await serve(dataDir);
    try {
      await ready(page, again);
      const offer = page.getByTestId('resume-offer');
      await expect(offer.getByRole('heading', { name: 'An unfinished rotation was found' })).toBeVisible();
      // Home leads with it: Resume is the one primary action, and Plan a rotation is not offered.
      await expect(page.locator('main button.primary')).toHaveCount(1);
      await expect(page.locator('main button.primary')).toHaveText(/Resume/);
      await expect(page.getByTestId('plan-entry')).toHaveCount(0);
      await page.screenshot({ path: 'test-results/screens/resume.png', fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      await offer.getByRole('button', { name: /Resume/ }).click();
      await expect(page.locator('main')).toHaveAttribute('data-screen', 'rotation');
      await expect(page.getByTestId('rotation-console')).toBeVisible();
    } finally {
      const stopped = new Promise((resolve) => again.process.once('exit', resolve));
      again.process.kill('SIGTERM');
      await stopped;
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the language switch turns every screen Japanese', async ({ page, server }) => {
  await ready(page, server);
  await precheck(page, 'default');
  await page.getByTestId('language').selectOption('ja');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  const headings: Record<string, string> = {
    overview: 'インスタンスの概要',
    precheck: '事前チェック',
    history: '履歴',
    keyfiles: '鍵ファイル',
  };
  for (const screen of SCREENS) {
    await nav(page, screen.ja).click();
    await expect(nav(page, screen.ja)).toHaveAttribute('aria-current', 'page');
    const heading = headings[screen.id];
    if (heading) await expect(page.locator('#screen-heading')).toHaveText(heading);
    await expect(page.getByTestId('demo-banner')).toContainText('デモ・モード');
  }
  await nav(page, '事前チェック').click();
  await expect(page.getByTestId('check-auth')).toContainText('合格');
  await page.screenshot({ path: 'test-results/screens/precheck-ja.png', fullPage: true });
  await nav(page, '概要').click();
  await expect(page.getByTestId('register-note-current')).toContainText('一致');
  await page.screenshot({ path: 'test-results/screens/overview-ja.png', fullPage: true });
});
