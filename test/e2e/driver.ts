/**
 * Driving the app as an administrator would, shared by the end-to-end specs: navigation, the demo
 * controls, pre-checks → plan → start, and answering the console's prompt dialogs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { seriousViolations } from './a11y.js';
import { expect, type DemoServer } from './fixtures.js';

/** Password of every key file the simulator's scenarios create. */
export const PASSWORD = 'passw0rd';
export const SHOTS = 'test-results/screens';

export const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true });
export const consoleRoot = (page: Page) => page.getByTestId('rotation-console');

/** Open a screen from the navigation and check it is marked current. */
export async function go(page: Page, name: string): Promise<void> {
  await nav(page, name).click();
  await expect(nav(page, name)).toHaveAttribute('aria-current', 'page');
}

export async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(await seriousViolations(page), what).toEqual([]);
}

/** A full-page screenshot taken from the top, so the sticky demo banner is where it belongs. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Open the app and reset the simulator to the default scenario from Home's demo controls. */
export async function resetSimulator(page: Page, server: DemoServer, scenario = 'default'): Promise<void> {
  await page.goto(server.url);
  await expect(page.locator('body[data-app-state="ready"]')).toBeAttached();
  await go(page, 'Home');
  await page.getByTestId('scenario').selectOption(scenario);
  await page.getByTestId('reset-sim').click();
  // The scenario may already read the same name before the reset: wait for the reset's own report.
  await expect(page.getByTestId('demo-controls').getByRole('status')).toContainText(
    `The simulator was reset to ${scenario}`,
  );
}

/**
 * Arm a simulator fault for the next rotation command through the console's training control:
 * `<point>` fails the command there, `<point>:crash` kills it there (as a workstation crash would).
 */
export async function armFault(page: Page, fault: string): Promise<void> {
  await go(page, 'Rotation');
  const training = page.getByTestId('training-fault');
  // Open already when the backend holds a fault (known once its answer is in); open it otherwise.
  await expect(training).toHaveAttribute('data-loaded', 'true');
  if ((await training.getAttribute('open')) === null) await training.locator('summary').click();
  await expect(training.getByLabel('Fail at')).toBeVisible();
  const [point = fault, how] = fault.split(':');
  await training.getByLabel('Fail at').selectOption(point);
  await training.getByTestId('training-crash').setChecked(how === 'crash');
  await training.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('training-armed')).toHaveAttribute('data-fault', fault);
  await expect(page.getByTestId('training-armed')).toContainText(point);
}

/** Run the pre-checks for a flow from the Pre-checks screen and wait for their summary. */
export async function runPrechecks(page: Page, flow: 'auto' | 'keyparts' = 'auto'): Promise<void> {
  await go(page, 'Pre-checks');
  await page.getByLabel(flow === 'keyparts' ? /Master key part files/ : /Recovery crypto units/).check();
  await page.getByTestId('run-prechecks').click();
  await expect(page.getByTestId('precheck-summary')).toBeVisible();
  // The run ends with a read of the simulator's status; the progress line then goes and the screen
  // moves up, so a click aimed before that can land beside its target: wait for the run's end.
  await expect(page.getByTestId('run-prechecks')).toBeEnabled();
}

/** Reset the simulator, (arm a fault,) run the pre-checks, confirm the plan and start. */
export async function startRotation(
  page: Page,
  server: DemoServer,
  options: { fault?: string; scenario?: string; flow?: 'auto' | 'keyparts' } = {},
): Promise<Locator> {
  await resetSimulator(page, server, options.scenario);
  if (options.fault) await armFault(page, options.fault);
  await runPrechecks(page, options.flow);
  await page.getByTestId('to-plan').click();
  const instance = (await page.getByTestId('plan-instance').textContent()) ?? '';
  await confirmChecklist(page);
  await page.getByTestId('confirmation').fill(instance.slice(0, 8));
  return startFromPlan(page);
}

/**
 * Click the plan's Start, and return the console once the rotation's first command runs. The start
 * journals a baseline register reading, shows the console, then asks for the plan's first command:
 * until that command is journaled the console is idle for a moment, which nextStop (and so
 * answerUntilDone) would take for the command's end. Wait for both commands.
 */
export async function startFromPlan(page: Page): Promise<Locator> {
  await page.getByTestId('start-rotation').click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'rotation');
  const root = consoleRoot(page);
  await expect.poll(async () => Number(await root.getAttribute('data-runs'))).toBeGreaterThanOrEqual(2);
  return root;
}

/** Tick every confirmation the plan asks for before starting (IBM's conditions no command can check). */
export async function confirmChecklist(page: Page): Promise<void> {
  const boxes = page.getByTestId('plan-checklist').getByRole('checkbox');
  await expect(boxes.first()).toBeVisible();
  for (const box of await boxes.all()) await box.check();
}

/** Wait until the command stops at a prompt (its kind) or ends (null). */
export async function nextStop(root: Locator): Promise<string | null> {
  let kind: string | null = null;
  await expect
    .poll(
      async () => {
        kind = await root.getAttribute('data-prompt');
        return kind !== null || (await root.getAttribute('data-running')) === 'false';
      },
      { timeout: 120_000 },
    )
    .toBe(true);
  return kind;
}

/**
 * Click a control that runs a command, and wait until the backend has started it (the console's
 * count of journaled commands went up), so that a following `answerUntilDone` cannot mistake the
 * moment before the start for the end.
 */
export async function clickToRun(root: Locator, control: Locator): Promise<void> {
  const before = Number(await root.getAttribute('data-runs'));
  await control.click();
  await expect.poll(async () => Number(await root.getAttribute('data-runs'))).toBeGreaterThan(before);
}

/**
 * Answer every prompt of the running command the way an administrator would, until it ends.
 * `text` gives the answer to a prompt that asks for text (a count, a key number); `secret` the answer
 * to a secret prompt (the scenarios' key file password, or a signing service's token).
 */
export async function answerUntilDone(
  page: Page,
  root: Locator,
  onPrompt?: (kind: string) => Promise<void>,
  text?: (kind: string) => string,
  secret = PASSWORD,
): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const kind = await nextStop(root);
    if (kind === null) return;
    const dialog = page.getByTestId('prompt-dialog');
    await expect(dialog).toBeVisible();
    await onPrompt?.(kind);
    const before = Number(await root.getAttribute('data-answered'));
    if (kind === 'password') {
      await dialog.getByLabel('Password').fill(secret);
      await dialog.getByLabel('Password').press('Enter');
    } else if (kind === 'confirm') {
      await dialog.getByRole('button', { name: 'Yes' }).click();
    } else {
      if (text) await dialog.getByLabel('Answer').fill(text(kind));
      await dialog.getByRole('button', { name: 'Send' }).click();
    }
    await expect(root).toHaveAttribute('data-answered', String(before + 1));
  }
  throw new Error('the command kept prompting');
}

/**
 * The key-part flow from the console: the load (started by `first`, the advisor's action, or already
 * running when the rotation's start ran it), the parts given in one answer (KEYNUMs 1 and 2), then
 * commit and rotate, each from the console's main action, every prompt answered.
 */
export async function runKeyPartFlow(page: Page, root: Locator, first?: Locator): Promise<void> {
  if (first) await clickToRun(root, first);
  // The parts in one answer (their KEYNUMs), then the signature key's and each part's password.
  await answerUntilDone(page, root, undefined, (kind) => (kind === 'keys' ? '1 2' : '2'));
  for (const next of ['ibmcloud tke cryptounit-mk-commit', 'ibmcloud tke cryptounit-mk-rotate']) {
    await expect(page.getByTestId('run-primary')).toContainText(next);
    await clickToRun(root, page.getByTestId('run-primary'));
    await answerUntilDone(page, root);
  }
}

/** Open the Training screen, pick a scenario, check its briefing and begin it in a mode. */
/**
 * The exam's number of a shipped scenario: its place in the library, which lists the shipped
 * folder's files in name order (electron/backend/training/library.ts).
 */
export function exerciseNumber(id: string): number {
  const files = readdirSync('training/scenarios')
    .filter((f) => f.endsWith('.json'))
    .sort();
  const ids = files.map((f) => (JSON.parse(readFileSync(join('training/scenarios', f), 'utf8')) as { id: string }).id);
  const number = ids.indexOf(id) + 1;
  if (number === 0) throw new Error(`no shipped training scenario ${id}`);
  return number;
}

export async function beginTraining(
  page: Page,
  url: string,
  id: string,
  briefing: string,
  mode: 'guided' | 'exam',
): Promise<void> {
  await page.goto(url);
  await expect(page.locator('body[data-app-state="ready"]')).toBeAttached();
  await page.getByTestId('nav-training').click();
  // The mode is chosen first: an exam's list and briefing name no phase or fault.
  await page.getByTestId(`list-mode-${mode}`).check();
  // An exam lists its scenarios by number only (their place in the library), never by id.
  await page.getByTestId(mode === 'exam' ? `exercise-${exerciseNumber(id)}` : `scenario-${id}`).click();
  await expect(page.getByTestId('training-briefing')).toContainText(mode === 'exam' ? 'Exam scenario' : briefing);
  await expect(page.getByTestId(`mode-${mode}`)).toBeChecked();
  await page.getByTestId('training-begin').click();
  await expect(page.getByTestId('training-decision')).toBeVisible();
}

/** Make a training choice and wait for its consequence. */
export async function chooseInTraining(page: Page, choice: string): Promise<Locator> {
  await page.getByTestId(`choice-${choice}`).check();
  await page.getByTestId('choice-run').click();
  const consequence = page.getByTestId('training-consequence');
  await expect(consequence).toBeVisible();
  return consequence;
}
