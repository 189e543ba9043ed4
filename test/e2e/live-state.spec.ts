/**
 * The console never shows a false state: the timeline follows the output as it comes, a command that
 * died is shown interrupted (never running), a backend that died is said at once and every control
 * is disabled, and a list that could not be loaded is never shown as empty. Latencies are measured
 * in the page (live-recorder.ts: MutationObserver and performance.now()), never by sleeping.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import {
  answerUntilDone,
  clickToRun,
  consoleRoot,
  go,
  PASSWORD,
  runKeyPartFlow,
  SHOTS,
  startRotation,
} from './driver.js';
import { expect, test, testWithEnv } from './fixtures.js';
import { crash, enabledControls, lagProblems, recorder, serveOn, type Recording } from './live-recorder.js';

/** The simulator's waits at a fifth of real time: 200 ms per unit step, a 6 s discovery delay. */
const slow = testWithEnv({ MKRA_SIM_TIME_SCALE: '0.2' });
/**
 * The bound the task sets between a line appearing and the timeline showing it. Generous against
 * the few milliseconds it takes (one WebSocket frame, one render): a busy machine must not fail it.
 */
const LIVE_MS = 500;

const recording = (page: Page) => page.evaluate(() => window.__live);

function expectLive(rec: Recording, steps: string[]): void {
  const { problems, steps: covered } = lagProblems(rec, LIVE_MS);
  expect(problems).toEqual([]);
  for (const step of steps) expect(covered, `a recognised line of step ${step} was drawn`).toContain(step);
}

slow('auto-mk-rotate: every recognised line moves the timeline at once, with progress', async ({ page, server }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.addInitScript(recorder);
  const root = await startRotation(page, server);
  await answerUntilDone(page, root);
  await expect(root).toHaveAttribute('data-phase', 'completed');
  const rec = await recording(page);
  expectLive(rec, ['generate', 'copy', 'commit', 'delay', 'rewrap', 'promote', 'done']);
  // The pre-check step is the command's own (it runs before any line), and progress was shown as it came.
  expect(rec.states.some((s) => s.running === 'precheck')).toBe(true);
  const progress = rec.states.filter((s) => s.running === 'rewrap' && s.done !== null).map((s) => s.done);
  expect(progress.length).toBeGreaterThan(1);
  expect(progress).toEqual([...progress].sort((a, b) => (a ?? 0) - (b ?? 0)));
  // While the pre-checks read the units, the screen said which read runs, n of N.
  const said = rec.running.map((r) => r.said);
  for (const [n, read] of [
    'cryptounits',
    'cryptounit-thrhlds',
    'cryptounit-admins',
    'cryptounit-mks',
    'sigkeys',
  ].entries())
    expect(said).toContain(`◐ Pre-check ${n + 1} of 5: ibmcloud tke ${read}`);
  await page.screenshot({ path: `${SHOTS}/live-auto-completed.png` });
});

slow('key-part files: load, commit, re-encryption and promotion move live', async ({ page, server }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.addInitScript(recorder);
  const root = await startRotation(page, server, { scenario: 'key-parts', flow: 'keyparts' });
  await runKeyPartFlow(page, root);
  await expect(root).toHaveAttribute('data-phase', 'completed');
  const rec = await recording(page);
  expectLive(rec, ['rewrap', 'promote', 'done']);
  // Loading and committing have no line of their own: their commands move the timeline.
  for (const step of ['load', 'commit']) expect(rec.states.some((s) => s.running === step)).toBe(true);
});

/** Answer the prompts as an administrator would until `until` is in the page (the command runs on). */
async function answerUntil(page: Page, root: Locator, until: Locator): Promise<void> {
  for (let i = 0; i < 12; i++) {
    await expect
      .poll(async () => (await root.getAttribute('data-prompt')) !== null || (await until.count()) > 0, {
        timeout: 120_000,
      })
      .toBe(true);
    if ((await until.count()) > 0) return;
    const kind = await root.getAttribute('data-prompt');
    const dialog = page.getByTestId('prompt-dialog');
    const before = Number(await root.getAttribute('data-answered'));
    if (kind === 'password') {
      await dialog.getByLabel('Password').fill(PASSWORD);
      await dialog.getByLabel('Password').press('Enter');
    } else if (kind === 'confirm') await dialog.getByRole('button', { name: 'Yes' }).click();
    else await dialog.getByRole('button', { name: 'Send' }).click();
    await expect(root).toHaveAttribute('data-answered', String(before + 1));
  }
  throw new Error('the command kept prompting');
}

slow(
  'a backend killed mid-rotation: banner within 2 s, every control disabled; resumed, no step runs; read, re-encryption interrupted',
  async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 800 });
    const dataDir = mkdtempSync(join(tmpdir(), 'mkra-e2e-live-'));
    try {
      // 30 s of discovery delay at this scale: the rotation is surely mid-way when it is killed.
      const first = await serveOn(dataDir, { MKRA_SIM_TIME_SCALE: '1' });
      await page.addInitScript(recorder);
      const root = await startRotation(page, first);
      await answerUntil(page, root, page.locator('[data-step="delay"][data-state="running"]'));
      await expect(page.locator('[data-step="delay"]')).toHaveAttribute('data-state', 'running');
      await page.screenshot({ path: `${SHOTS}/live-delay-running.png` });
      const killedAt = await page.evaluate(() => performance.now());
      await crash(first);
      await expect(page.getByTestId('connection-lost')).toBeVisible();
      const shownAt = (await recording(page)).banner.find((b) => b.shown)?.t ?? Infinity;
      // Within 2 s of the kill (measured in the page; the socket closes as the process dies).
      expect(shownAt - killedAt).toBeLessThan(2000);
      await expect(page.getByTestId('connection-lost')).toHaveAttribute('role', 'alert');
      expect(await enabledControls(page, ['retry-now'])).toEqual([]);
      await expect(page.getByTestId('console-link-lost')).toBeVisible();
      await expect(page.getByText('Running: ibmcloud tke auto-mk-rotate')).toHaveCount(0);
      await page.screenshot({ path: `${SHOTS}/live-connection-lost.png` });

      const again = await serveOn(dataDir);
      try {
        await page.goto(again.url);
        await expect(page.locator('body[data-app-state="ready"]')).toBeAttached();
        await page
          .getByTestId('resume-offer')
          .getByRole('button', { name: /Resume/ })
          .click();
        await expect(consoleRoot(page)).toHaveAttribute('data-running', 'false');
        await expect(page.locator('[data-step="delay"]')).toHaveAttribute('data-state', 'interrupted');
        await expect(page.locator('[data-state="running"]')).toHaveCount(0);
        await expect(page.getByTestId('interrupted-note')).toContainText('recovery advisor');
        await expect(page.getByTestId('delay-countdown')).toHaveCount(0);
        // The killed command's end was not seen: how far it got is missing, nothing contradicts. The
        // state is indeterminate (every change refused) and says so; the one next action is a reading.
        const root = consoleRoot(page);
        await expect(root).toHaveAttribute('data-phase', 'indeterminate');
        const advisor = page.getByTestId('advisor');
        await expect(advisor).toHaveAttribute('data-cause', 'unfinished');
        await expect(page.getByTestId('advisor-phase')).toHaveText(
          "Indeterminate — the last command's end was not seen",
        );
        await expect(page.getByTestId('advisor-stop')).toContainText('Read the registers first');
        await expect(page.getByTestId('advisor-stop')).not.toContainText('IBM Cloud support');
        await expect(page.getByTestId('advisor-next')).toHaveText('Run ibmcloud tke cryptounit-mk');
        await expect(page.getByTestId('forbidden-auto-mk-rotate').getByRole('button')).toBeDisabled();
        await expect(page.getByTestId('forbidden-cryptounit-mk-rotate').getByRole('button')).toBeDisabled();
        await page.screenshot({ path: `${SHOTS}/live-resumed-interrupted.png` });
        await advisor.screenshot({ path: `${SHOTS}/live-resumed-advisor.png` });

        // The reading settles it: every new register committed, none promoted, M1 seen: IBM's
        // re-encryption interrupted, recovered with cryptounit-mk-rotate; auto-mk-rotate stays refused.
        await clickToRun(root, page.getByTestId('advisor-next'));
        await expect(root).toHaveAttribute('data-phase', 'rewrap-interrupted');
        await expect(page.getByTestId('advisor-phase')).toHaveText('Re-encryption interrupted');
        await expect(page.getByTestId('advisor-next')).toContainText('ibmcloud tke cryptounit-mk-rotate');
        await expect(page.getByTestId('forbidden-auto-mk-rotate').getByRole('button')).toBeDisabled();
        await page.screenshot({ path: `${SHOTS}/live-resumed-read.png` });
      } finally {
        await crash(again);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
);

test('History never says "no rotation" when its request failed; the link comes back by itself', async ({
  page,
  server,
}) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  let mode: 'pass' | 'fail' | 'drop' = 'pass';
  // Between page and backend: answer `rotation:list` with a failure, or drop the link when it is asked.
  await page.routeWebSocket(/\/api$/, (ws) => {
    const upstream = ws.connectToServer();
    ws.onMessage((message) => {
      const text = String(message);
      if (mode !== 'pass' && text.includes('"channel":"rotation:list"')) {
        const { id } = JSON.parse(text) as { id: number };
        const error = { code: 'failed', message: 'The journal directory could not be read.' };
        if (mode === 'fail') ws.send(JSON.stringify({ type: 'result', id, result: { ok: false, error } }));
        else void ws.close();
        mode = 'pass';
        return;
      }
      upstream.send(message);
    });
    upstream.onMessage((message) => ws.send(message));
  });
  await page.addInitScript(recorder);
  await page.goto(server.url);
  await expect(page.locator('body[data-app-state="ready"]')).toBeAttached();

  mode = 'fail';
  await go(page, 'History');
  await expect(page.getByTestId('history-error')).toContainText(
    'Could not load the rotation history — The journal directory could not be read.',
  );
  await expect(page.getByTestId('history-empty')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/live-history-failed.png` });

  mode = 'drop';
  const droppedAt = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Refresh' }).click();
  // Reconnected (the backend is alive): the banner goes and History is asked again, truly empty now.
  await expect(page.getByTestId('history-empty')).toBeVisible();
  await expect(page.getByTestId('connection-lost')).toHaveCount(0);
  const rec = await recording(page);
  const lostAt = rec.banner.find((b) => b.shown)?.t ?? Infinity;
  const backAt = rec.banner.find((b) => !b.shown && b.t > lostAt)?.t ?? Infinity;
  expect(backAt).toBeLessThan(Infinity);
  const said = rec.history.filter((h) => h.t >= droppedAt);
  expect(said.map((h) => h.said)).toContain('history-error:Could not load the rotation history — connection lost');
  // Never "no rotation" while the link was down.
  expect(said.filter((h) => h.said.startsWith('history-empty') && h.t < backAt)).toEqual([]);
});
