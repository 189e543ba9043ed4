import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../shared/parse/command-line.js';
import { recogniseLine } from '../../../shared/parse/recognise.js';
import { parsePrecheckFailure } from '../../../shared/parse/precheck-line.js';
import {
  M1_DELAY,
  M2_REWRAP,
  M2_REWRAP_SMARTCARD,
  PRECHECK_FAILED_PREFIX,
  PRECHECK_MESSAGES,
  ROTATION_COMPLETED,
  SMARTCARD_ROTATION_STARTED,
  SMARTCARD_ROTATION_SUCCESSFUL,
} from '../../../shared/tke/messages.js';

describe('recogniseLine milestones', () => {
  it.each([
    [M1_DELAY, 'M1'],
    [`${M1_DELAY}.`, 'M1'],
    [`${M1_DELAY}...`, 'M1'],
    [M1_DELAY.toUpperCase(), 'M1'],
    [M2_REWRAP, 'M2'],
    [`${M2_REWRAP}.`, 'M2'],
    [M2_REWRAP_SMARTCARD, 'M2'],
    [`  ${M2_REWRAP}  `, 'M2'],
    [SMARTCARD_ROTATION_STARTED, 'smartcard-started'],
    [SMARTCARD_ROTATION_SUCCESSFUL, 'smartcard-successful'],
    [ROTATION_COMPLETED, 'completed'],
  ])('%s -> %s', (line, milestone) => {
    expect(recogniseLine(line).milestone).toBe(milestone);
  });

  it('ignores unknown lines', () => {
    expect(recogniseLine('something else entirely')).toEqual({});
    expect(recogniseLine('')).toEqual({});
  });
});

describe('recogniseLine prompts and events', () => {
  it.each([
    ['Enter the password for the signature key identified by:', 'password'],
    ['Enter the password for the master key part identified by:', 'password'],
    ['Do you want to continue? (y/N)', 'confirm'],
    ['Enter the INSTANCE NUM of the service instance to use:', 'instance'],
    ['Enter the KEYNUM values of the signature keys to select, separated by spaces:', 'keys'],
    ['Enter the KEYNUM values of the master key parts to load, separated by spaces:', 'keys'],
    ['Enter the KEYNUM of the master key part to remove:', 'keys'],
    ['Enter the KEYNUM of the signature key file of the administrator to add:', 'keys'],
    ['Enter the KEYNUM of the existing signature key files you want to use to create administrators:', 'keys'],
    ['Would you like to continue? [y/n]:', 'confirm'],
    ['Enter the total number of failover crypto units you would like (max 2):', 'other'],
    ['Enter the SUBJECT KEY IDENTIFIER of the administrator to remove:', 'other'],
    ['Enter the number of administrators you want to install:', 'other'],
    ['Enter the CRYPTO UNIT NUM values to add, separated by spaces:', 'units'],
    ['Enter a description:', 'other'],
    ['Enter a description for the key part:', 'other'],
    ['Enter the number of master key parts to load (2 or 3):', 'other'],
    // Any wording that asks for a secret is a password prompt, whatever its first word.
    ['Re-enter the password to confirm:', 'password'],
    ['Enter the key part value:', 'password'],
    ['Enter a password to protect the master key part file:', 'password'],
    ['Enter the API key:', 'password'],
    ['Enter your PIN:', 'password'],
    ['Passphrase:', 'password'],
    ['Password:', 'password'],
  ])('%s -> %s', (line, kind) => {
    expect(recogniseLine(line).prompt?.kind).toBe(kind);
  });

  it('recognises outcome lines', () => {
    expect(recogniseLine('OK').event).toEqual({ kind: 'ok' });
    expect(recogniseLine('FAILED').event).toEqual({ kind: 'failed' });
    expect(recogniseLine('Status code: 401').event).toEqual({ kind: 'auth-error' });
    expect(recogniseLine('Error reported by EP11 crypto module.').event).toEqual({ kind: 'hsm-error' });
    expect(recogniseLine('Reason code: 71').event).toEqual({ kind: 'hsm-code', code: 'reason', value: 71 });
    expect(recogniseLine('Re-encrypted 10 of 300 keys').event).toEqual({ kind: 'progress', done: 10, total: 300 });
    expect(recogniseLine('Promoting the new master key in crypto unit 4...').event).toEqual({
      kind: 'step',
      step: 'promote',
      unit: 4,
    });
    expect(recogniseLine('Region:           us-south').event).toEqual({
      kind: 'header',
      label: 'Region:',
      value: 'us-south',
    });
    expect(recogniseLine('>').event).toEqual({ kind: 'prompt-mark' });
  });
});

describe('parsePrecheckFailure', () => {
  it('maps every documented message to its id', () => {
    for (const [id, message] of Object.entries(PRECHECK_MESSAGES)) {
      const line = `${PRECHECK_FAILED_PREFIX} ${message.replace('{units}', '2, 3')}`;
      expect(parsePrecheckFailure(line)?.check).toBe(id);
    }
    expect(
      parsePrecheckFailure(`${PRECHECK_FAILED_PREFIX} ${PRECHECK_MESSAGES.imprint.replace('{units}', '2, 3')}`)?.units,
    ).toEqual([2, 3]);
  });

  it('recognises reworded messages and keeps unknown ones', () => {
    expect(parsePrecheckFailure('initial state check failed: crypto unit 4 is in IMPRINT mode')?.check).toBe('imprint');
    expect(parsePrecheckFailure('Initial state check failed: something new')).toEqual({
      check: undefined,
      units: [],
      detail: 'something new',
    });
    expect(parsePrecheckFailure('OK')).toBeUndefined();
  });
});

describe('parseCommandLine', () => {
  it.each([
    ['$ ibmcloud tke auto-mk-rotate', 'auto-mk-rotate', true],
    ['admin@ws:~/tke$ ibmcloud tke cryptounit-mk-rotate', 'cryptounit-mk-rotate', true],
    ['PS C:\\Users\\admin> ibmcloud tke cryptounit-mks', 'cryptounit-mks', true],
    ['C:\\>ibmcloud.exe tke cryptounit-mk-setimm', 'cryptounit-mk-setimm', true],
    ['ibmcloud login --sso', 'login', false],
    ['$ node bin/ibmcloud-sim.js tke auto-mk-rotate', 'auto-mk-rotate', true],
    ['# ibmcloud-sim tke cryptounit-mk', 'cryptounit-mk', true],
  ])('%s', (line, name, tke) => {
    expect(parseCommandLine(line)).toMatchObject({ name, tke });
  });

  it('does not take prose mentioning ibmcloud for a command line', () => {
    expect(parseCommandLine('run ibmcloud tke cryptounit-mk-setimm to finish')).toBeUndefined();
    expect(parseCommandLine('KMS CRK rewrap successful, waiting on cryptounit-mk-setimm')).toBeUndefined();
  });
});
