/**
 * Each step of a classification carries the argv the app runs for it: the command's words after
 * `ibmcloud` for a next step the app can run as written, the command words of a refused command, and
 * null for what the app does not run (a TKE application action, a shell step, a placeholder).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  argvOfAdvice,
  PRIVATE_ENDPOINT,
  refusedArgv,
  TARGET,
  tkeAdvice,
  withArgv,
  withRefusedArgv,
} from '../../../shared/classifier/commands.js';
import { classify } from '../../../shared/classifier/index.js';
import { APP } from '../../../shared/classifier/smartcard.js';

describe('the argv of an advised command', () => {
  it('is the words after ibmcloud, flags included', () => {
    expect(argvOfAdvice('ibmcloud tke cryptounit-mk-setimm')).toEqual(['tke', 'cryptounit-mk-setimm']);
    expect(argvOfAdvice('ibmcloud login')).toEqual(['login']);
    expect(argvOfAdvice('ibmcloud tke mk-add --random')).toEqual(['tke', 'mk-add', '--random']);
    expect(argvOfAdvice('ibmcloud tke cryptounit-rm 3')).toEqual(['tke', 'cryptounit-rm', '3']);
  });

  it('is null for what the app does not run as written', () => {
    expect(argvOfAdvice(TARGET)).toBeNull();
    expect(argvOfAdvice(PRIVATE_ENDPOINT)).toBeNull();
    expect(argvOfAdvice(APP.rotate)).toBeNull();
    expect(argvOfAdvice('ibmcloud')).toBeNull();
    expect(argvOfAdvice('ibmcloud  tke')).toBeNull();
    expect(argvOfAdvice('ibmcloud tke Cryptounits')).toBeNull();
    expect(argvOfAdvice('ibmcloud tke cryptounits; rm')).toBeNull();
    expect(argvOfAdvice('ibmcloud ---x')).toBeNull();
  });

  it('of a refusal is its command words, whatever follows them', () => {
    expect(refusedArgv('ibmcloud tke cryptounit-rm <units>')).toEqual(['tke', 'cryptounit-rm']);
    expect(refusedArgv('ibmcloud tke auto-mk-rotate')).toEqual(['tke', 'auto-mk-rotate']);
    expect(refusedArgv('ibmcloud tke cryptounit-rm 1 3')).toEqual(['tke', 'cryptounit-rm', '1', '3']);
    expect(refusedArgv('ibmcloud login --sso')).toEqual(['login']);
    expect(refusedArgv('ibmcloud <x>')).toBeNull();
    expect(refusedArgv('ibmcloud')).toBeNull();
    expect(refusedArgv(APP.setImmediate)).toBeNull();
  });

  it('is attached by withArgv and withRefusedArgv, the command and reason kept', () => {
    expect(withArgv(tkeAdvice('cryptounit-rm', 'why'))).toEqual({
      command: 'ibmcloud tke cryptounit-rm',
      why: 'why',
      argv: ['tke', 'cryptounit-rm'],
    });
    expect(withRefusedArgv({ command: 'ibmcloud tke cryptounit-rm <units>', why: 'w' })).toEqual({
      command: 'ibmcloud tke cryptounit-rm <units>',
      why: 'w',
      argv: ['tke', 'cryptounit-rm'],
    });
  });
});

describe('classifications carry argv', () => {
  const dir = new URL('../../fixtures/transcripts/', import.meta.url).pathname;
  const cases = readdirSync(dir).filter((name) => readdirSync(join(dir, name)).includes('expected.json'));

  it.each(cases)('%s: every step the app runs is its argv shown as typed; the rest carry none', (name) => {
    const files = readdirSync(join(dir, name))
      .filter((f) => f !== 'expected.json' && !f.startsWith('registers') && !f.endsWith('.json'))
      .sort();
    const c = classify({
      transcripts: files.map((f) => ({ file: f, text: readFileSync(join(dir, name, f), 'latin1') })),
    });
    for (const a of c.next)
      expect(
        a.argv === null
          ? !a.command.startsWith('ibmcloud ') || a.command.includes('<')
          : `ibmcloud ${a.argv.join(' ')}` === a.command,
        a.command,
      ).toBe(true);
    for (const a of c.forbidden)
      expect(
        a.argv === null ? !a.command.startsWith('ibmcloud ') : `ibmcloud ${a.argv.join(' ')}` === a.command,
        a.command,
      ).toBe(true);
  });
});
