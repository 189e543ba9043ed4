/**
 * An instance with PKCS #11 keystores enabled, rehearsed in demo mode: auto-mk-rotate refuses it
 * (IBM says not to use it there, introduce-master-key-rotation.md), the advisor says why and leads the
 * key part flow from its first step, the backend refuses auto-mk-rotate again, and the rotation
 * completes with key part files; in training the trap is tried and the scenario played through.
 */
import {
  answerUntilDone,
  beginTraining,
  chooseInTraining,
  expectAccessible,
  go,
  runKeyPartFlow,
  shot,
  startRotation,
} from './driver.js';
import { expect, test } from './fixtures.js';

test('auto-mk-rotate refused for PKCS #11 keystores: the key part flow is advised, run and completed', async ({
  page,
  server,
}) => {
  const root = await startRotation(page, server, { scenario: 'pkcs11-keystores' });
  await answerUntilDone(page, root);
  await expect(root).toHaveAttribute('data-running', 'false');
  await expect(page.getByTestId('log')).toContainText('PKCS #11 keystores are enabled in the service instance');
  const advisor = page.getByTestId('advisor');
  await expect(advisor).toHaveAttribute('data-phase', 'no-rotation');
  await expect(page.getByTestId('advisor-next')).toContainText('ibmcloud tke cryptounit-mk-load');
  await expect(page.locator('#advisor-why')).toContainText('PKCS #11 keystores are enabled');
  const refused = page.getByTestId('forbidden-auto-mk-rotate');
  await expect(refused).toHaveAttribute('data-reason', 'unsupported');
  await expect(refused).toContainText('would refuse it again');
  await expect(refused).not.toContainText('wrapped under');
  await shot(page, 'pkcs11-refused');
  await expectAccessible(page, 'auto-mk-rotate refused for PKCS #11 keystores');

  // Asked for anyway, through "run another command": the backend refuses it, with this reason.
  const runs = await root.getAttribute('data-runs');
  await page.locator('details.other summary').click();
  await page.locator('#other-command').selectOption('auto-mk-rotate');
  await page.getByTestId('run-other').click();
  const refusal = page.getByTestId('console-refusal');
  await expect(refusal).toContainText('would refuse it again');
  await expect(root).toHaveAttribute('data-runs', runs ?? '');

  // The key part flow, from the advisor's action.
  await runKeyPartFlow(page, root, page.getByTestId('advisor-next'));
  await expect(root).toHaveAttribute('data-phase', 'completed');
  await expect(page.getByTestId('log')).toContainText('KMS CRK rewrap successful');
  await shot(page, 'pkcs11-completed');
  await go(page, 'Home');
});

test('training: the trap (auto-mk-rotate again) is refused by the instance and not correct; the key part flow completes it', async ({
  page,
  server,
}) => {
  await beginTraining(page, server.url, 'pkcs11-keystores', 'PKCS #11 keystores enabled', 'exam');
  await expect(page.getByTestId('training-log')).toContainText(
    'PKCS #11 keystores are enabled in the service instance',
  );
  const run = (choice: string) => chooseInTraining(page, choice);
  const consequence = page.getByTestId('training-consequence');
  await run('auto-mk-rotate');
  await expect(consequence).toContainText('Not the right action');
  await expect(consequence).toContainText('ibmcloud tke cryptounit-mk-load');
  await expect(page.getByTestId('keys-lost')).toContainText('No key lost: 300 of 300 keys usable.');
  await shot(page, 'pkcs11-training-trap');
  await page.getByTestId('consequence-next').click();
  for (const step of ['cryptounit-mk-load', 'cryptounit-mk-commit', 'cryptounit-mk-rotate']) {
    await run(step);
    await expect(consequence).toContainText('Correct: this was the right action.');
    if (step !== 'cryptounit-mk-rotate') await page.getByTestId('consequence-next').click();
  }
  await expect(page.getByTestId('keys-lost')).toContainText('No key lost: 300 of 300 keys usable.');
  await expect(page.getByTestId('consequence-next')).toHaveText('See the session summary');
  await shot(page, 'pkcs11-training-completed');
});
