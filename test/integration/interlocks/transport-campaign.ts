/**
 * The interlocks through a transport, as the renderer reaches them: a representative run of the
 * written-out table that still meets every mutating command and every refusal kind (needs-rotation,
 * outside the vocabulary, busy, forbidden for each reason met on the way, plan-blocked), on the
 * simulator behind the backend. It ends with a new rotation after a crash mid re-encryption, which
 * the backend's own pre-checks and then its interlocks hold to cryptounit-mk-rotate.
 */
import { expect } from 'vitest';
import type { RotationSnapshot } from '../../../shared/rotation/types.js';
import { MUTATING_COMMANDS } from '../../../shared/tke/commands.js';
import { OUTSIDE_VOCABULARY } from './service-driver.js';
import type { TransportDriver } from './transport-driver.js';
import { readFileSync } from 'node:fs';
import { CHECKLIST_IDS } from '../../../shared/precheck/checklist.js';

const ALL = [...MUTATING_COMMANDS, 'auto-recover'];
const IN_VOCABULARY = MUTATING_COMMANDS.filter((c) => !OUTSIDE_VOCABULARY.includes(c));
const each = (commands: readonly string[], cell: string): Record<string, string> =>
  Object.fromEntries(commands.map((c) => [c, cell]));
const notRun = each([...OUTSIDE_VOCABULARY, 'auto-recover'], 'not-run');

function phaseOf(d: TransportDriver): string | undefined {
  return d.state()?.rotation?.classification.phase;
}

/** Steps 1-3: no rotation open, then a rotation crashed mid re-encryption, then its registers read. */
async function crashMidRewrap(d: TransportDriver): Promise<void> {
  await d.call('demo:reset', { scenario: 'default', keys: 60 });
  expect(await d.answers(ALL)).toEqual({ ...each(IN_VOCABULARY, 'needs-rotation'), ...notRun });

  // IBM's conditions no command can check are the administrator's to confirm: the backend refuses without them.
  const unconfirmed = await d.refusal('rotation:start', {
    flow: 'auto',
    operator: 'Interlock test',
    confirmed: ['api-quiet'],
  });
  expect(unconfirmed).toMatchObject({ code: 'refused', reason: { kind: 'plan-blocked', command: 'start auto' } });
  expect(unconfirmed.message).toContain('not confirmed: PKCS #11 keystores are not enabled');
  expect(d.state()?.rotation ?? null).toBeNull();
  const started = await d.call<RotationSnapshot>('rotation:start', {
    flow: 'auto',
    operator: 'Interlock test',
    confirmed: [...CHECKLIST_IDS],
  });
  expect(started.classification.phase).toBe('no-rotation');
  // The confirmations given are journaled (and so signed into the report), the follow-up steps too.
  const journal = readFileSync(started.journal.path, 'utf8');
  expect(journal.match(/Confirmed before starting: /g)).toHaveLength(2);
  expect(journal).toContain('To do once the rotation is complete: If PKCS #11 keystores are enabled');
  expect(await d.answerOf('cryptounit-mk-setimm')).toBe('NO_M2');

  await d.call('demo:set-fault', { fault: 'mid-rewrap:crash' });
  let busy = '';
  await d.runToExit(['tke', 'auto-mk-rotate'], async () => {
    busy = await d.answerOf('cryptounit-mk-load');
  });
  expect(busy).toBe('busy');
  expect(phaseOf(d)).toBe('indeterminate');
  expect(await d.answers(ALL)).toEqual({ ...each(IN_VOCABULARY, 'INDET'), ...notRun });

  await d.runToExit(['tke', 'cryptounit-mk']);
  expect(phaseOf(d)).toBe('rewrap-interrupted');
  const refusedAfterM1 = [
    'auto-mk-rotate',
    'cryptounit-mk-load',
    'cryptounit-mk-commit',
    'cryptounit-mk-setimm',
    'cryptounit-mk-clrnew',
  ];
  expect(await d.answers(refusedAfterM1)).toEqual({
    'auto-mk-rotate': 'M1',
    'cryptounit-mk-load': 'LOAD',
    'cryptounit-mk-commit': 'COMMIT',
    'cryptounit-mk-setimm': 'NO_M2',
    'cryptounit-mk-clrnew': 'CLRNEW',
  });
  // A command sent as the advice's runs only if it is word for word one of the advised commands.
  const notAdvised = await d.refusal('rotation:run-command', { argv: ['tke', 'cryptounits'], advised: true });
  expect(notAdvised).toMatchObject({
    code: 'refused',
    reason: { kind: 'forbidden', command: 'ibmcloud tke cryptounits' },
  });
  expect(notAdvised.message).toContain('ibmcloud tke cryptounits is not the advised command (advised: ');
}

/** Steps 4-6: the crashed rotation closed, a new one started on the same crypto units, recovered. */
async function newRotationAfterCrash(d: TransportDriver): Promise<void> {
  await d.call('rotation:finish', { outcome: 'abandoned after a crash' });
  // The backend reads the crypto units itself: the committed new key blocks auto-mk-rotate's plan.
  const blocked = await d.refusal('rotation:start', { flow: 'auto', confirmed: [...CHECKLIST_IDS] });
  expect(blocked).toMatchObject({ code: 'refused', reason: { kind: 'plan-blocked', command: 'start auto' } });
  const started = await d.call<RotationSnapshot>('rotation:start', {
    flow: 'keyparts',
    operator: 'Interlock test',
    confirmed: [...CHECKLIST_IDS],
  });
  expect(started.classification.phase).toBe('rewrap-interrupted');
  const refusedAfterCrash = ['auto-mk-rotate', 'cryptounit-mk-load', 'cryptounit-mk-setimm', 'cryptounit-mk-clrnew'];
  expect(await d.answers(refusedAfterCrash)).toEqual({
    'auto-mk-rotate': 'STARTED',
    'cryptounit-mk-load': 'LOAD',
    'cryptounit-mk-setimm': 'NO_M2',
    'cryptounit-mk-clrnew': 'CLRNEW',
  });

  await d.call('demo:set-fault', { fault: 'after-m2' });
  await d.runToExit(['tke', 'cryptounit-mk-rotate']);
  expect(phaseOf(d)).toBe('rewrap-complete');
  const afterM2 = await d.answers(['cryptounit-mk-rotate', 'auto-mk-rotate']);
  expect(afterM2).toEqual({ 'cryptounit-mk-rotate': 'M2', 'auto-mk-rotate': 'STARTED' });

  await d.runToExit(['tke', 'cryptounit-mk-setimm']);
  expect(phaseOf(d)).toBe('completed');
  const status = await d.call<{ keystore: { lost: number; total: number } }>('demo:get-status', {});
  expect(status.keystore).toMatchObject({ lost: 0, total: 60 });
}

export async function interlockCampaign(d: TransportDriver): Promise<void> {
  await crashMidRewrap(d);
  await newRotationAfterCrash(d);
}
