import { seriousViolations } from './a11y.js';
import { test, expect } from './fixtures.js';

test('the first screen shows demo mode, the key files directory and the version', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.locator('body[data-app-state="ready"]')).toBeAttached();
  // The one-time token left the address bar for an HttpOnly cookie.
  expect(page.url()).toBe(`${server.origin}/`);
  await expect(page.getByTestId('mode')).toHaveAttribute('data-mode', 'demo');
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  await expect(page.getByTestId('tke-files')).toContainText(server.dataDir);
  await expect(page.getByTestId('tke-files')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('version')).toHaveText(/^\d+\.\d+\.\d+/);
  await page.screenshot({ path: 'test-results/screens/first-screen.png', fullPage: true });
});

test('the language switch changes every visible string to Japanese', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.locator('body[data-app-state="ready"]')).toBeAttached();
  await page.getByTestId('language').selectOption('ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('MK ローテーション・アシスタント');
  await expect(page.getByTestId('demo-banner')).toContainText('デモ・モード');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.screenshot({ path: 'test-results/screens/first-screen-ja.png', fullPage: true });
});

test('the first screen has no serious or critical accessibility violations', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.locator('body[data-app-state="ready"]')).toBeAttached();
  expect(await seriousViolations(page)).toEqual([]);
});
