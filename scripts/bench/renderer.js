// Renderer benchmarks: time to first render in Chromium through `mkra serve --demo`, and the
// gzip size of the renderer bundle. Targets: under 1 s here, under 250 KB.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--disable-gpu'];

/** Start `mkra serve --demo` on a random port; resolves with { url, stop }. */
export async function startServe(root, env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'mkra-bench-'));
  const child = spawn(process.execPath, [join(root, 'bin', 'mkra.js'), 'serve', '--demo', '--data-dir', dataDir], { env: { ...process.env, MKRA_SIM_TIME_SCALE: '0', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /Listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  return { url, dataDir, stop: () => { child.kill('SIGTERM'); rmSync(dataDir, { recursive: true, force: true }); } };
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Run the renderer benchmarks and return their results. */
export async function benchRenderer(root) {
  const assets = walk(join(root, 'dist', 'renderer')).filter((f) => /\.(js|css|html)$/.test(f));
  const gzipBytes = assets.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  const server = await startServe(root);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const samples = [];
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url); // sets the cookie; later loads measure a normal start
    for (let i = 0; i < 7; i++) {
      await page.reload();
      await page.waitForSelector('body[data-app-state="ready"]');
      samples.push(Number(await page.locator("body").getAttribute("data-ready-at")));
    }
  } finally {
    await browser.close();
    server.stop();
  }
  samples.sort((a, b) => a - b);
  return [
    { name: 'renderer time to first render (median of 7, ms)', value: samples[3], target: '< 1000 ms' },
    { name: 'renderer bundle gzip size (KB)', value: +(gzipBytes / 1024).toFixed(1), target: '< 250 KB' },
  ];
}
