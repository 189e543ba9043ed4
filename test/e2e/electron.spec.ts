import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Electron binary, if this machine has one (the electron package downloads it lazily). */
function electronBinary(): { path: string | null; reason: string } {
  if (process.env.ELECTRON_BINARY) {
    return existsSync(process.env.ELECTRON_BINARY)
      ? { path: process.env.ELECTRON_BINARY, reason: '' }
      : { path: null, reason: `ELECTRON_BINARY=${process.env.ELECTRON_BINARY} does not exist` };
  }
  const pkg = join('node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile))
    return {
      path: null,
      reason:
        'no Electron binary on this machine (node_modules/electron was installed without its binary; it cannot be downloaded here)',
    };
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { path: binary, reason: '' }
    : { path: null, reason: `the Electron binary ${binary} is missing` };
}

const binary = electronBinary();
if (!binary.path)
  console.log(
    `[electron e2e] skipped: ${binary.reason}. The browser e2e tests through mkra serve --demo cover the renderer.`,
  );

test('the desktop window opens hardened and shows the first screen', async () => {
  test.skip(!binary.path, binary.reason);
  const app = await electron.launch({
    executablePath: binary.path ?? undefined,
    args: ['.', '--demo'],
    env: { ...process.env, MKRA_SIM_TIME_SCALE: '0' },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.locator('body[data-app-state="ready"]')).toBeAttached();
    await expect(page.getByTestId('mode')).toHaveAttribute('data-mode', 'demo');
    // No Node in the page, only the bridge object.
    const globals = await page.evaluate(() => ({
      require: 'require' in globalThis,
      process: 'process' in globalThis,
      bridge: 'mkra' in globalThis,
    }));
    expect(globals).toEqual({ require: false, process: false, bridge: true });
    // window.open is denied and navigation away is blocked.
    await page.evaluate(() => globalThis.open('https://example.com'));
    await page.evaluate(() => (globalThis.location.href = 'https://example.com/'));
    expect(app.windows()).toHaveLength(1);
    expect(page.url()).toBe('app://mkra/index.html');
    await page.screenshot({ path: 'test-results/screens/electron-first-screen.png' });
  } finally {
    await app.close();
  }
});
