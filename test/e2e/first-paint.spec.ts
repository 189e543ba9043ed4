/**
 * The start (docs/ui.md, "Startup"): the shell is painted from the static HTML before any script
 * runs, the app keeps the same layout until the backend's first answer, and nothing before that
 * answer shows a state (no empty list, no "not run yet", no mode). No durations are asserted: the
 * machine is shared (npm run bench measures them).
 */
import type { Page } from '@playwright/test';
import { SHOTS } from './driver.js';
import { test, expect } from './fixtures.js';

const NAV = ['Home', 'Overview', 'Pre-checks', 'Rotation', 'History', 'Key files', 'Reports'];
/** The one text the main area may hold before the first answer (shown only after a long wait). */
const WAITING = 'Connecting to the app backend…';

/** Boxes of the shell's parts, in CSS pixels, to compare the static shell with the app's. */
function shellBoxes(page: Page): Promise<Record<string, number[] | null>> {
  return page.evaluate(() => {
    const parts = [
      'header',
      'header h1',
      'header .tagline',
      'nav',
      'nav li:first-child',
      'nav li:last-child',
      'main',
      '.skeleton-card:last-child',
    ];
    return Object.fromEntries(
      parts.map((selector) => {
        const box = document.querySelector(selector)?.getBoundingClientRect();
        return [selector, box ? [box.x, box.y, box.width, box.height] : null];
      }),
    );
  });
}

/** The shell is there and shows no state of the app: title, navigation, a busy main area holding only shapes. */
async function expectShellWithoutState(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('MK Rotation Assistant');
  await expect(page.locator('.tagline')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await expect(nav).toBeVisible();
  await expect(nav.getByRole('button')).toHaveText(NAV);
  const main = page.locator('main');
  await expect(main).toHaveAttribute('aria-busy', 'true');
  await expect(main.locator('.skeleton-card').first()).toBeVisible();
  expect(['', WAITING]).toContain(((await main.textContent()) ?? '').trim());
  await expect(page.getByTestId('mode')).toHaveCount(0);
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
  await expect(page.getByTestId('keystore')).toHaveCount(0);
  await expect(page.getByText(/no rotation|not run yet|nothing read|not set|not found/i)).toHaveCount(0);
}

test('the static HTML alone paints the shell: title and navigation, a skeleton, no state', async ({
  browser,
  server,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await expectShellWithoutState(page);
    await page.screenshot({ path: `${SHOTS}/first-paint.png` });
  } finally {
    await context.close();
  }
});

test("until the backend answers the app keeps the static shell's layout and shows no state; then Home shows its mode", async ({
  browser,
  page,
  server,
}) => {
  // The static shell's layout, for comparison.
  const still = await browser.newContext({ javaScriptEnabled: false });
  const staticPage = await still.newPage();
  await staticPage.goto(server.url);
  const staticBoxes = await shellBoxes(staticPage);
  await still.close();

  // Hold the requests the page sends to the backend until the test lets them through: the
  // simulator's status apart from the rest.
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let releaseStatus: () => void = () => undefined;
  const statusReleased = new Promise<void>((resolve) => (releaseStatus = resolve));
  const requests: string[] = [];
  await page.routeWebSocket(/\/api$/, (ws) => {
    const backend = ws.connectToServer();
    ws.onMessage(async (message) => {
      const channel = String((JSON.parse(String(message)) as { channel?: string }).channel);
      requests.push(channel);
      await (channel === 'demo:get-status' ? statusReleased : released);
      backend.send(message);
    });
  });
  await page.goto(server.url);
  // The app has mounted (its skeleton carries the connecting message) and asked for its first data.
  await expect(page.getByTestId('startup-wait')).toBeAttached();
  await expect.poll(() => requests).toEqual(['app:get-bootstrap']);
  await expectShellWithoutState(page);
  const appBoxes = await shellBoxes(page);
  for (const [part, box] of Object.entries(staticBoxes)) {
    expect(box, part).not.toBeNull();
    const other = appBoxes[part];
    expect(other, part).not.toBeNull();
    box?.forEach((value, i) =>
      expect(Math.abs(value - (other?.[i] ?? Infinity)), `${part} [x, y, width, height][${i}]`).toBeLessThanOrEqual(1),
    );
  }
  await page.screenshot({ path: `${SHOTS}/first-paint-app.png` });

  release();
  // Home with its mode on the one answer; the simulator's status is asked for only now and its
  // places are held by shapes of about its size, so nothing moves when it arrives.
  await expect(page.getByTestId('mode')).toHaveAttribute('data-mode', 'demo');
  await expect.poll(() => requests).toEqual(['app:get-bootstrap', 'demo:get-status']);
  await expect(page.getByTestId('demo-controls-place')).toBeVisible();
  const workstation = page.getByRole('region', { name: 'Workstation' });
  const before = await workstation.boundingBox();
  releaseStatus();
  await expect(page.locator('body[data-app-state="ready"]')).toBeAttached();
  await expect(page.getByTestId('demo-controls')).toBeVisible();
  await expect(page.getByTestId('keystore')).toBeVisible();
  expect(await workstation.boundingBox()).toEqual(before);
});

test('Home shows its mode after load and marks when it did', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByTestId('mode')).toHaveAttribute('data-mode', 'demo');
  await expect(page.getByTestId('mode')).toContainText('Demo — simulator');
  await expect(page.locator('main')).not.toHaveAttribute('aria-busy', 'true');
  await expect(page.locator('body[data-app-state="ready"]')).toBeAttached();
  expect(await page.evaluate(() => performance.getEntriesByName('mkra:home-shown', 'mark').length)).toBe(1);
  await expect(page.getByTestId('keystore')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/first-paint-ready.png` });
});
