/**
 * The whole UI in Japanese through `mkra serve --demo`: the language is switched to 日本語 from the
 * header, then every screen is walked as an administrator would (a rotation run to its end, a failed
 * manual run pasted into the analysis, a training scenario). On every screen the visible text must
 * hold no English word outside commands, codes and names (`ALLOWED` below, and what `<code>`,
 * `<kbd>`, `<pre>`, `<samp>` and form values show), and no term of the shared glossary
 * (renderer/src/lib/i18n/glossary.json) in a Japanese form other than its own. Screenshots go to
 * test-results/screens/ja-*.png.
 */
import type { Locator, Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import jaConsole from '../../renderer/src/lib/i18n/ja/console.json' with { type: 'json' };
import jaScreens from '../../renderer/src/lib/i18n/ja/screens.json' with { type: 'json' };
import { nextStop, PASSWORD, shot, startFromPlan } from './driver.js';
import { FAULT_POINTS } from '../../shared/sim/faults.js';
import { SCENARIOS } from '../../shared/sim/scenarios.js';
import { variantsIn } from '../glossary.js';
import { test, expect, type DemoServer } from './fixtures.js';

/**
 * Words that may stay in Latin script on a Japanese screen: product, service and company names, the
 * CLI's own words the UI quotes (register states, milestones), units and standard abbreviations.
 * Anything else in English is a string the catalogues miss.
 */
const ALLOWED = new Set(
  [
    // products, services, standards
    'IBM',
    'Cloud',
    'HPCS',
    'Hyper',
    'Protect',
    'Crypto',
    'Services',
    'TKE',
    'CLI',
    'ibmcloud',
    'tke',
    'mkra',
    'MK',
    'PKCS',
    'GREP',
    'KMS',
    'CRK',
    'UKO',
    'Unified',
    'Key',
    'Orchestrator',
    'API',
    'JSON',
    'PDF',
    'SHA',
    'UTF',
    'EC',
    'RSA',
    'VP',
    'ID',
    'IDs',
    'OS',
    'PATH',
    'PowerShell',
    'script',
    'Shift_JIS',
    'CR',
    'LF',
    'CANCEL',
    'OK',
    'FAILED',
    // register states and milestones as IBM's CLI prints them
    'Empty',
    'Full',
    'Uncommitted',
    'Committed',
    'Valid',
    'Invalid',
    'M1',
    'M2',
    // the simulator's scenario names (ids shown as they are)
    ...SCENARIOS.flatMap((s) => s.name.split('-')),
    // the simulator's fault points (ids)
    ...FAULT_POINTS,
  ].map((w) => w.toLowerCase()),
);

/** Text that is a command, a code, an ID or a file name: skipped whole. */
const CODE_LIKE = [
  /\b[\w-]+:(?:crash|\d+)\b/g, // fault points, sources with a line
  /\bibmcloud(?:\s+(?:tke|login|target|plugin)[\w-]*)?(?:\s+[\w./<>=:-]+)*/g, // a command line
  /\b(?:auto-mk-[\w-]+|cryptounit[\w-]*|sigkey[\w-]*|signserv[\w-]*|mks|cryptounits)\b/g, // TKE subcommands
  /\b[\w.-]+\.(?:json|md|pdf|txt|log|ts|js|png)\b/g, // file names
  /(?:~|\.{0,2})?\/[\w./-]+/g, // paths
  /\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b/gi, // UUIDs
  /\b[0-9A-F]{2}(?:[ :][0-9A-F]{2})+\b/g, // hex groups (VP, SKI)
  /\b[0-9a-f]{6,}\b/gi, // hex values
  /\b[A-Z][A-Z0-9_]{2,}\b/g, // environment variables and constants (CLOUDTKEFILES, TKE_PRIVATE_ADDR)
  /\b[a-z]+(?:-[a-z0-9]+)+\b/g, // ids (after-m1, mid-rewrap, eu-es, scenario ids)
  /https?:\/\/\S+/g, // addresses
  /\bmkra(?:\s+(?:serve|twin|verify|capture|classify|--?[\w-]+))+/g, // the app's own CLI
  /「[^」]*」/g, // IBM's own words, quoted (CLI output such as M1, labels of IBM's UI)
];

/** The visible text of the page, less the content of code elements, form values and hidden parts. */
async function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const SKIP = 'code, kbd, pre, samp, script, style, textarea, [translate="no"]';
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      if (!parent || text === '' || parent.closest(SKIP)) continue;
      if (parent.closest('[hidden], [aria-hidden="true"]')) continue;
      const style = getComputedStyle(parent);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      if (!parent.checkVisibility()) continue;
      out.push(text);
    }
    return out;
  });
}

/** The English words of a text, once commands, codes, IDs and names are taken out. */
function englishWords(text: string): string[] {
  let rest = text;
  for (const pattern of CODE_LIKE) rest = rest.replace(pattern, ' ');
  return (rest.match(/[A-Za-z][A-Za-z']+/g) ?? []).filter((w) => !ALLOWED.has(w.toLowerCase()));
}

/** Check the screen now shown, and keep its screenshot as ja-<name>.png. */
async function check(page: Page, name: string): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  const texts = await visibleText(page);
  const english = [
    ...new Set(
      texts.flatMap((t) => (englishWords(t).length > 0 ? [`${englishWords(t).join(' ')}  ←  ${t.slice(0, 100)}`] : [])),
    ),
  ];
  await shot(page, `ja-${name}`);
  expect.soft(english, `English words on the Japanese ${name} screen`).toEqual([]);
  expect.soft([...new Set(texts.flatMap((t) => variantsIn(t)))], `glossary variants on the ${name} screen`).toEqual([]);
}

const navTo = async (page: Page, item: string) => {
  await page.getByTestId(`nav-${item}`).click();
  await expect(page.getByTestId(`nav-${item}`)).toHaveAttribute('aria-current', 'page');
};

/** Answer the running command's prompts in Japanese (the scenarios' password, "はい") until it ends. */
async function answerInJapanese(page: Page, root: Locator): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const kind = await nextStop(root);
    if (kind === null) return;
    const dialog = page.getByTestId('prompt-dialog');
    await expect(dialog).toBeVisible();
    if (i === 0) await check(page, 'console-prompt');
    const before = Number(await root.getAttribute('data-answered'));
    if (kind === 'password') {
      await dialog.getByLabel(jaConsole.prompt.passwordLabel).fill(PASSWORD);
      await dialog.getByLabel(jaConsole.prompt.passwordLabel).press('Enter');
    } else if (kind === 'confirm') {
      await dialog.getByRole('button', { name: jaConsole.prompt.yes, exact: true }).click();
    } else {
      await dialog.getByRole('button', { name: jaConsole.prompt.send, exact: true }).click();
    }
    await expect(root).toHaveAttribute('data-answered', String(before + 1));
  }
  throw new Error('the command kept prompting');
}

/** The administrator's own terminal: auto-mk-rotate on the server's simulator, failing after M1. */
function failedManualRun(server: DemoServer): string {
  const simDir = join(server.dataDir, 'demo', 'sim');
  const r = spawnSync(process.execPath, ['bin/ibmcloud-sim.js', 'tke', 'auto-mk-rotate'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      MKRA_SIM_DIR: simDir,
      CLOUDTKEFILES: join(simDir, 'tkefiles'),
      MKRA_SIM_TIME_SCALE: '0',
      MKRA_SIM_FAULT: 'after-m1',
    },
    input: `${PASSWORD}\n${PASSWORD}\n`,
    encoding: 'utf8',
  });
  expect(r.status).toBe(1);
  return r.stdout;
}

test('every screen in Japanese: no English outside commands and names, one term per glossary entry', async ({
  page,
  server,
}) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.goto(server.url);
  await expect(page.locator('body[data-app-state="ready"]')).toBeAttached();
  await page.getByTestId('language').selectOption({ label: '日本語' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByTestId('nav-home')).toHaveText('ホーム');

  // Home, with the simulator reset to the default scenario from its controls.
  await page.getByTestId('scenario').selectOption('default');
  await page.getByTestId('reset-sim').click();
  await expect(page.getByTestId('demo-controls').getByRole('status')).toContainText('default');
  await check(page, 'home');

  await navTo(page, 'overview');
  await check(page, 'overview');
  await navTo(page, 'keyfiles');
  await check(page, 'keyfiles');

  // Pre-checks for the recovery crypto unit flow, then the plan.
  await navTo(page, 'precheck');
  await page.getByLabel(jaScreens.precheck.flowAuto).check();
  await page.getByTestId('run-prechecks').click();
  await expect(page.getByTestId('precheck-summary')).toBeVisible();
  await expect(page.getByTestId('run-prechecks')).toBeEnabled();
  await check(page, 'precheck');
  await page.getByTestId('to-plan').click();
  const instance = (await page.getByTestId('plan-instance').textContent()) ?? '';
  await check(page, 'plan');

  // The rotation console: before, at the first prompt, and after the completed rotation.
  for (const box of await page.getByTestId('plan-checklist').getByRole('checkbox').all()) await box.check();
  await page.getByTestId('confirmation').fill(instance.slice(0, 8));
  const root = await startFromPlan(page);
  await answerInJapanese(page, root);
  await expect(page.getByTestId('finish-rotation')).toBeVisible();
  await check(page, 'console-completed');
  await page.getByTestId('finish-rotation').click();
  await expect(page.getByTestId('finish-rotation')).toBeHidden();
  await check(page, 'console-finished');

  await navTo(page, 'history');
  await expect(page.getByRole('table')).toBeVisible();
  await check(page, 'history');
  await navTo(page, 'reports');
  await check(page, 'reports');

  // Training: the list, a briefing, a first decision and its consequence.
  await page.getByTestId('nav-training').click();
  await check(page, 'training-list');
  await page.getByTestId('scenario-m1-and-m2').click();
  await expect(page.getByTestId('training-briefing')).toBeVisible();
  await check(page, 'training-briefing');
  await page.getByTestId('mode-guided').check();
  await page.getByTestId('training-begin').click();
  await expect(page.getByTestId('training-decision')).toBeVisible();
  await check(page, 'training-decision');
  await page.getByTestId('choice-form').getByRole('radio').first().check();
  await page.getByTestId('choice-run').click();
  await expect(page.getByTestId('training-consequence')).toBeVisible();
  await check(page, 'training-consequence');

  // Analysis of a failed manual run, pasted.
  await navTo(page, 'home');
  await page.getByTestId('open-analysis').click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'analysis');
  await check(page, 'analysis-empty');
  await page.locator('textarea').first().fill(failedManualRun(server));
  await page.getByTestId('analysis-run').click();
  await expect(page.getByTestId('analysis-screen')).toHaveAttribute('data-phase', 'rewrap-interrupted');
  await check(page, 'analysis-findings');
  await page.getByTestId('analysis-read-registers').click();
  await expect(page.getByTestId('analysis-unit-4')).toBeVisible();
  await check(page, 'analysis-registers');
});
