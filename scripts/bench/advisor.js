/* global document, MutationObserver -- these run inside the page (page.evaluate) */
// Advisor benchmark: time from a failure's last output line to the advisor's recommendation on
// screen. A second client drives the demo backend over the host's WebSocket (fault after-m1);
// the page, on the Rotation screen, notes when the advisor shows the recommendation.
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import { CHROMIUM_ARGS, startServe } from './renderer.js';

function client(url, token) {
  const origin = new URL(url).origin;
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/api`, {
    headers: { Origin: origin, Cookie: `mkra_token=${token}` },
  });
  let id = 0;
  const pending = new Map();
  const listeners = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data));
    if (frame.type === 'result') pending.get(frame.id)?.(frame.result);
    if (frame.type === 'event') for (const l of listeners) l(frame.event, frame.payload);
  });
  const invoke = (channel, payload) =>
    new Promise((resolve, reject) => {
      const n = ++id;
      pending.set(n, (r) => (r.ok ? resolve(r.value) : reject(new Error(r.error.message))));
      ws.send(JSON.stringify({ type: 'invoke', id: n, channel, payload }));
    });
  return {
    ready: new Promise((r) => ws.once('open', r)),
    invoke,
    on: (l) => listeners.push(l),
    close: () => ws.close(),
  };
}

/** Median latency over a few failed rotations. */
/** Watch the page for the advisor's recommendation of an interrupted re-encryption; stamps its time. */
async function watchAdvisor(page) {
  await page.evaluate(() => {
    const seen = () => {
      const advisor = document.querySelector(
        '[data-testid="advisor"][data-phase="rewrap-interrupted"] [data-testid="advisor-next"]',
      );
      if (advisor && !globalThis.__advisorAt) globalThis.__advisorAt = Date.now();
    };
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

/**
 * Fail an auto-mk-rotate after M1 over the API; resolves with the time of that command's last
 * output line. rotation:start runs a register reading first (commands of its own, with lines and
 * exits): only the lines and the exit of the auto-mk-rotate run count.
 */
async function failAfterM1(api) {
  let rotateRun;
  let lastLineAt = 0;
  let exited;
  const done = new Promise((r) => (exited = r));
  api.on((event, payload) => {
    if (event === 'rotation:updated' && payload.running?.argv?.includes('auto-mk-rotate'))
      rotateRun = payload.running.runId;
    if (event === 'rotation:line' && payload.runId === rotateRun) lastLineAt = Date.now();
    if (event === 'rotation:exit' && payload.runId === rotateRun) exited();
    if (event === 'rotation:updated' && payload.running?.prompt)
      void api.invoke('rotation:answer-prompt', {
        runId: payload.running.runId,
        text: payload.running.prompt.secret ? 'passw0rd' : 'y',
        secret: payload.running.prompt.secret,
      });
  });
  await api.invoke('demo:reset', { scenario: 'default' });
  await api.invoke('demo:set-fault', { fault: 'after-m1' });
  await api.invoke('rotation:start', { flow: 'auto', confirmed: ['pkcs11-keystores', 'api-quiet'] });
  await api.invoke('rotation:run-command', { argv: ['tke', 'auto-mk-rotate'] });
  await done;
  if (lastLineAt === 0) throw new Error('advisor bench: the auto-mk-rotate run printed no line');
  return lastLineAt;
}

/** One sample: a fresh server and browser, the Rotation screen open, a failure after M1. */
async function oneSample(root) {
  const server = await startServe(root);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector('body[data-app-state="ready"]');
    await page
      .getByRole('link', { name: 'Rotation' })
      .or(page.getByRole('button', { name: 'Rotation', exact: true }))
      .first()
      .click();
    await watchAdvisor(page);
    const api = client(server.url, new URL(server.url).searchParams.get('token'));
    await api.ready;
    const lastLineAt = await failAfterM1(api);
    await page.waitForFunction(() => globalThis.__advisorAt, null, { timeout: 15_000 });
    const sample = (await page.evaluate(() => globalThis.__advisorAt)) - lastLineAt;
    api.close();
    return sample;
  } finally {
    await browser.close();
    server.stop();
  }
}

export async function benchAdvisor(root) {
  const samples = [];
  for (let i = 0; i < 5; i++) samples.push(await oneSample(root));
  samples.sort((a, b) => a - b);
  return [
    {
      name: "failure's last output line to the advisor's recommendation on screen (median of 5, ms)",
      value: samples[2],
      target: '< 200 ms',
    },
  ];
}
