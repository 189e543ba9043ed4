/**
 * A workstation that signs through a signing service (TKE_SIGNSERV_URL), rehearsed on the simulator's
 * service in demo mode [hs-crypto: signing-service.md]: Home says so, pre-check 5 is judged from
 * SIGNSERVKEYS and never sends the administrator to sigkey-sel, and a rotation asks each key's token
 * in a masked field and completes; the token is written nowhere.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIO_SIGNSERV_URL, SCENARIO_TOKEN } from '../../shared/sim/index.js';
import {
  answerUntilDone,
  confirmChecklist,
  expectAccessible,
  go,
  resetSimulator,
  shot,
  startFromPlan,
} from './driver.js';
import { expect, testWithEnv } from './fixtures.js';

const test = testWithEnv({ TKE_SIGNSERV_URL: SCENARIO_SIGNSERV_URL });

test('pre-check 5 with too few keys in SIGNSERVKEYS: the fix is the signing service’s, never sigkey-sel', async ({
  page,
  server,
}) => {
  await resetSimulator(page, server, 'signing-service-short');
  await expect(page.getByTestId('signatures')).toHaveAttribute('data-signing-service', 'true');
  await go(page, 'Pre-checks');
  await page.getByLabel(/Recovery crypto units/).check();
  await page.getByTestId('run-prechecks').click();
  const card = page.getByTestId('check-admins');
  await expect(card).toHaveAttribute('data-status', 'fail');
  await expect(card).toContainText('SIGNSERVKEYS lists 1 signature key(s); the signature threshold needs 2.');
  const fix = card.getByTestId('fix-admins');
  await expect(fix.getByTestId('fix-command')).toHaveText([
    'ibmcloud tke cryptounit-admins',
    'ibmcloud tke cryptounit-admin-add',
  ]);
  await expect(card).not.toContainText('ibmcloud tke sigkey-sel');
  await shot(page, 'signing-service-precheck');
  await expectAccessible(page, 'signing service pre-check');
});

test('a rotation through the signing service: each token asked in a masked field, completed, the token written nowhere', async ({
  page,
  server,
}) => {
  await resetSimulator(page, server, 'signing-service');
  await go(page, 'Pre-checks');
  await page.getByLabel(/Recovery crypto units/).check();
  await page.getByTestId('run-prechecks').click();
  // Which keys SIGNSERVKEYS names only the service knows: check 5 cannot be judged, and the plan asks
  // for a recorded reason before it starts.
  await expect(page.getByTestId('check-admins')).toHaveAttribute('data-status', 'unknown');
  await page.getByTestId('to-plan').click();
  const override = page.getByTestId('override');
  await expect(override).toContainText('5. Enough common administrators');
  await override.getByRole('checkbox').check();
  await override.getByTestId('override-reason').fill('Both administrators’ keys are listed in SIGNSERVKEYS.');
  const instance = (await page.getByTestId('plan-instance').textContent()) ?? '';
  await confirmChecklist(page);
  await page.getByTestId('confirmation').fill(instance.slice(0, 8));
  const root = await startFromPlan(page);
  const asked: string[] = [];
  await answerUntilDone(
    page,
    root,
    async (kind) => {
      if (kind !== 'password') return;
      const dialog = page.getByTestId('prompt-dialog');
      asked.push((await dialog.textContent()) ?? '');
      await expect(dialog.getByLabel('Password')).toHaveAttribute('type', 'password');
    },
    undefined,
    SCENARIO_TOKEN,
  );
  await expect(root).toHaveAttribute('data-phase', 'completed');
  expect(asked).toHaveLength(2);
  expect(asked.join('\n')).toContain('token for the signature key');
  await shot(page, 'signing-service-completed');
  expect(await page.content()).not.toContain(SCENARIO_TOKEN);
  const files = readdirSync(server.dataDir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(server.dataDir, name))
    .filter((path) => statSync(path).isFile());
  expect(files.length).toBeGreaterThan(0);
  for (const path of files) expect(readFileSync(path, 'latin1'), path).not.toContain(SCENARIO_TOKEN);
});
