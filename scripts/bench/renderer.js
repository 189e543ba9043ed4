// Renderer benchmarks: in Chromium through `mkra serve --demo`, the browser's first contentful paint
// (the static shell; beside it that of a bare static page loaded alternately, the baseline), the time
// until Home shows its mode (the browser's paint of it, else the app's mark) and the time until the
// start has loaded everything (body[data-ready-at]); and the gzip size of the renderer bundle.
// Targets: under 1 s each here, under 250 KB. docs/ui.md, "Startup"; docs/performance.md.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--disable-gpu',
];

/** Start `mkra serve --demo` on a random port; resolves with { url, stop }. */
export async function startServe(root, env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'mkra-bench-'));
  const child = spawn(process.execPath, [join(root, 'bin', 'mkra.js'), 'serve', '--demo', '--data-dir', dataDir], {
    env: { ...process.env, MKRA_SIM_TIME_SCALE: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /Listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  return {
    url,
    dataDir,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The mark the app sets when Home first shows data (HOME_SHOWN_MARK in renderer/src/lib/app-state.svelte.ts). */
const HOME_SHOWN_MARK = 'mkra:home-shown';

// Runs before the page's own scripts: keep the browser's paint entry of Home's mode (elementtiming="home-mode").
function observeModePaint() {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.identifier === 'home-mode' && globalThis.__mkraModePaint === undefined)
        globalThis.__mkraModePaint = entry.renderTime || entry.loadTime;
    }
  }).observe({ type: 'element', buffered: true });
}

/** The start's timings of the page as loaded, in ms since navigation (runs in the page). */
function startTimings(homeShownMark) {
  const fcp = performance.getEntriesByName('first-contentful-paint', 'paint')[0];
  const mark = performance.getEntriesByName(homeShownMark, 'mark')[0];
  return {
    fcp: fcp?.startTime ?? null,
    homePaint: globalThis.__mkraModePaint ?? null,
    homeMark: mark?.startTime ?? null,
  };
}

/** A bare static page on 127.0.0.1, the baseline of the paint rows: what this Chromium needs to paint anything here now. */
async function startBarePage() {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title></head><body><p>A bare page.</p></body></html>';
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, stop: () => server.close() };
}

const median = (values) => {
  const known = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  return known.length === 0 ? null : +known[Math.floor(known.length / 2)].toFixed(1);
};

/** Run the renderer benchmarks and return their results. */
export async function benchRenderer(root) {
  const assets = walk(join(root, 'dist', 'renderer')).filter((f) => /\.(js|css|html)$/.test(f));
  const gzipBytes = assets.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  const server = await startServe(root);
  const bare = await startBarePage();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const samples = [];
  const fcp = [];
  const home = [];
  const bareFcp = [];
  try {
    const context = await browser.newContext();
    await context.addInitScript(observeModePaint);
    const page = await context.newPage();
    await page.goto(server.url); // sets the cookie; later loads measure a normal start
    const app = new URL('/', server.url).href;
    for (let i = 0; i < 7; i++) {
      // The bare page and the app alternately, so both see the same load on the machine.
      await page.goto(bare.url);
      bareFcp.push((await page.evaluate(startTimings, HOME_SHOWN_MARK)).fcp);
      await page.goto(app);
      await page.waitForSelector('body[data-app-state="ready"]');
      samples.push(Number(await page.locator('body').getAttribute('data-ready-at')));
      const t = await page.evaluate(startTimings, HOME_SHOWN_MARK);
      fcp.push(t.fcp);
      home.push(t.homePaint ?? t.homeMark);
    }
  } finally {
    await browser.close();
    server.stop();
    bare.stop();
  }
  samples.sort((a, b) => a - b);
  return [
    {
      name: `renderer first contentful paint (median of 7, ms; a bare page here ${median(bareFcp)} ms)`,
      value: median(fcp),
      target: '< 1000 ms',
    },
    { name: 'renderer time until Home shows its mode (median of 7, ms)', value: median(home), target: '< 1000 ms' },
    { name: 'renderer time to first render (median of 7, ms)', value: samples[3], target: '< 1000 ms' },
    { name: 'renderer bundle gzip size (KB)', value: +(gzipBytes / 1024).toFixed(1), target: '< 250 KB' },
  ];
}
