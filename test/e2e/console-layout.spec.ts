/**
 * The console's layout and the app's styling at the window size (1366×800): after every
 * fault point the demo offers, the advisor's next action is fully on the first screen; the Cancel
 * button reads in both themes (its contrast computed from the page's styles, which axe cannot see);
 * the FAILED line is marked and every command has its `$ ibmcloud …` separator; the icon is served;
 * at 200 % zoom the screen's content starts on the first screen. Screenshots under SHOTS.
 */
import type { Locator, Page } from '@playwright/test';
import { FAULT_POINTS } from '../../shared/sim/faults.js';
import { answerUntilDone, go, nextStop, resetSimulator, SHOTS, startRotation } from './driver.js';
import { expect, test } from './fixtures.js';

const VIEWPORT = { width: 1366, height: 800 };

/** An `rgb()`/`rgba()` colour as computed by the browser: its channels 0-255 and alpha 0-1. */
function parseColour(css: string): [number, number, number, number] {
  const m = /rgba?\(([^)]+)\)/.exec(css);
  if (!m?.[1]) throw new Error(`not an rgb colour: ${css}`);
  const [r = 0, g = 0, b = 0, a = 1] = m[1].split(/[\s,/]+/).map(Number);
  return [r, g, b, a];
}

/** WCAG 2 relative luminance of an sRGB colour. */
function luminance([r, g, b]: readonly number[]): number {
  const lin = (c = 0) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio of two opaque colours (1 to 21). */
export function contrastRatio(a: readonly number[], b: readonly number[]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The computed text colour of an element against its own background colour (which must be opaque). */
async function textContrast(locator: Locator): Promise<number> {
  const { color, background } = await locator.evaluate((el) => {
    const style = getComputedStyle(el);
    return { color: style.color, background: style.backgroundColor };
  });
  const fg = parseColour(color);
  const bg = parseColour(background);
  expect(bg[3], `an opaque background (${background})`).toBe(1);
  return contrastRatio(fg, bg);
}

/** The advisor's one next action: its run button, or the instruction when the step is outside the app. */
const nextAction = (page: Page) =>
  page.getByTestId('advisor').locator('[data-testid="advisor-next"], [data-testid="advisor-outside"]').first();

async function expectInFirstView(page: Page, locator: Locator, what: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  expect(box, what).not.toBeNull();
  if (!box) return;
  const size = page.viewportSize() ?? VIEWPORT;
  expect(box.y, `${what}: top`).toBeGreaterThanOrEqual(0);
  expect(box.x, `${what}: left`).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `${what}: bottom inside the ${size.height}-pixel view`).toBeLessThanOrEqual(size.height);
  expect(box.x + box.width, `${what}: right`).toBeLessThanOrEqual(size.width);
}

/** The number of the first log line whose top is inside the list's view. */
function firstShownLine(page: Page): Promise<number> {
  return page.getByTestId('log-lines').evaluate((list) => {
    const top = list.getBoundingClientRect().top;
    const shown = [...list.querySelectorAll<HTMLElement>('[data-line]')]
      .filter((row) => row.getBoundingClientRect().top >= top - 1)
      .map((row) => Number(row.dataset.line));
    return Math.min(...shown);
  });
}

/**
 * Scrolled up, the log offers "Jump to latest"; a resize keeps the line at the top (it never goes
 * back to line 1); the control brings the end back and goes.
 */
async function expectLogKeepsItsPlace(page: Page): Promise<void> {
  const log = page.getByTestId('log');
  const list = page.getByTestId('log-lines');
  await list.scrollIntoViewIfNeeded();
  const box = await list.boundingBox();
  if (!box) throw new Error('no log list');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  await expect(log).toHaveAttribute('data-following', 'false');
  const jump = page.getByTestId('log-jump-latest');
  await expect(jump).toBeVisible();
  const before = await firstShownLine(page);
  expect(before).toBeGreaterThan(1);
  await page.setViewportSize({ width: 900, height: 800 });
  await page.setViewportSize(VIEWPORT);
  // The same line at the top, give or take the one cut by the list's edge; never back to line 1.
  await expect.poll(() => firstShownLine(page)).toBeGreaterThanOrEqual(before - 1);
  expect(await firstShownLine(page)).toBeLessThanOrEqual(before + 1);
  await jump.click();
  await expect(log).toHaveAttribute('data-following', 'true');
  await expect(jump).toBeHidden();
  const count = await log.getAttribute('data-count');
  await expect(page.locator(`[data-line="${count}"]`)).toBeVisible();
}

test.describe('after a failure the advisor comes first', () => {
  for (const fault of FAULT_POINTS) {
    test(`fault ${fault}: the next action is fully inside 1366×800, FAILED is marked, commands are separated`, async ({
      page,
      server,
    }) => {
      await page.setViewportSize(VIEWPORT);
      const root = await startRotation(page, server, { fault });
      await answerUntilDone(page, root);
      await expect(page.getByTestId('advisor')).toBeVisible();
      await expectInFirstView(page, nextAction(page), `next action after ${fault}`);
      // The advisor is first: above the steps and the log.
      const advisorTop = (await page.getByTestId('advisor').boundingBox())?.y ?? Infinity;
      const stepsTop = (await page.locator('[data-step]').first().boundingBox())?.y ?? -Infinity;
      expect(advisorTop).toBeLessThan(stepsTop);
      // The FAILED line is highlighted as the milestones are, and each command has its separator.
      const failed = page.locator('[data-outcome="failed"]').last();
      await expect(failed).toBeVisible();
      await expect(failed).toContainText('FAILED');
      await expect(failed.locator('.tag')).toBeVisible();
      await expect(page.getByTestId('log-command').first()).toHaveText(/^\$\s*ibmcloud tke /);
      await expect(page.getByTestId('log-command').filter({ hasText: 'ibmcloud tke auto-mk-rotate' })).not.toHaveCount(
        0,
      );
      if (fault === 'after-m1') {
        // The first view as the administrator sees it after the failure, in both themes.
        await page.screenshot({ path: `${SHOTS}/layout-after-failure.png` });
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.screenshot({ path: `${SHOTS}/layout-after-failure-dark.png` });
        await page.emulateMedia({ colorScheme: 'light' });
        await expectLogKeepsItsPlace(page);
        // The evidence cites the command's own line (`:1`): its link shows the separator in the log.
        await page
          .getByTestId('advisor-evidence')
          .locator('li', { hasText: /auto-mk-rotate:1(?!\d)/ })
          .getByTestId('evidence-log-line')
          .click();
        const shown = page.locator('[data-line].highlighted');
        await expect(shown).toBeVisible();
        await expect(page.locator('.item', { has: shown }).getByTestId('log-command')).toContainText(
          'ibmcloud tke auto-mk-rotate',
        );
      }
    });
  }
});

test('the Cancel button reads in light and dark (computed contrast ≥ 4.5:1)', async ({ page, server }) => {
  await page.setViewportSize(VIEWPORT);
  const root = await startRotation(page, server);
  // The command waits at its first prompt: close the dialog, the Cancel button is then in view.
  expect(await nextStop(root)).not.toBeNull();
  await expect(page.getByTestId('prompt-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  const cancel = page.getByTestId('cancel-command');
  await expect(cancel).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await cancel.hover();
    expect(await textContrast(cancel), `Cancel, ${scheme}, hovered`).toBeGreaterThanOrEqual(4.5);
    await page.mouse.move(0, 0);
    expect(await textContrast(cancel), `Cancel, ${scheme}`).toBeGreaterThanOrEqual(4.5);
    await page.screenshot({ path: `${SHOTS}/layout-running-${scheme}.png` });
  }
});

test('dark theme: every screen and the static shell paint dark, with readable text', async ({ page, server }) => {
  await page.setViewportSize(VIEWPORT);
  await page.emulateMedia({ colorScheme: 'dark' });
  // The static shell of index.html, before any script: no script may run.
  await page.route('**/*.js', (route) => route.abort());
  await page.goto(server.url);
  await expect(page.locator('main[data-screen="home"]')).toBeVisible();
  const shellBg = parseColour(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
  const rootBg = parseColour(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor));
  expect(luminance(rootBg[3] === 0 ? shellBg : rootBg)).toBeLessThan(0.05);
  await page.screenshot({ path: `${SHOTS}/layout-dark-shell.png` });
  await page.unrouteAll();

  await resetSimulator(page, server);
  const screens = ['Home', 'Overview', 'Pre-checks', 'Rotation', 'History', 'Key files', 'Reports'];
  for (const screen of screens) {
    await go(page, screen);
    const heading = page.locator('#screen-heading, main h2').first();
    await expect(heading).toBeVisible();
    const text = parseColour(await heading.evaluate((el) => getComputedStyle(el).color));
    const bg = parseColour(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor));
    expect(luminance(bg), `${screen}: a dark page`).toBeLessThan(0.05);
    expect(contrastRatio(text, bg), `${screen}: heading contrast`).toBeGreaterThanOrEqual(4.5);
    await page.screenshot({
      path: `${SHOTS}/layout-dark-${screen.toLowerCase().replace(' ', '-')}.png`,
      fullPage: true,
    });
  }
  await page.getByTestId('nav-training').click();
  await page.screenshot({ path: `${SHOTS}/layout-dark-training.png`, fullPage: true });
});

test('the icon is served (no favicon 404)', async ({ page, server }) => {
  await page.goto(server.url);
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toBeTruthy();
  const answer = await page.request.get(new URL(href ?? '', page.url()).href);
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toContain('image/svg+xml');
  const ico = await page.request.get(new URL('/favicon.ico', page.url()).href);
  expect(ico.status()).toBe(200);
});

test('at 200 % zoom (683×400) the chrome is compact: the screen starts in the first view', async ({ page, server }) => {
  await page.setViewportSize({ width: 683, height: 400 });
  await resetSimulator(page, server);
  for (const screen of ['Home', 'Rotation']) {
    await go(page, screen);
    await page.evaluate(() => window.scrollTo(0, 0));
    const heading = page.locator('#screen-heading, main h2').first();
    const box = await heading.boundingBox();
    // The screen's heading and at least half the view below it are the screen's own.
    expect(box?.y ?? Infinity, `${screen}: heading top`).toBeLessThanOrEqual(200);
    await page.screenshot({ path: `${SHOTS}/layout-200pc-${screen.toLowerCase()}.png` });
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SHOTS}/layout-200pc-rotation-dark.png` });
});
