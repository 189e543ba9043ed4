/**
 * A credential on a command line is refused before anything is spawned or journaled, with a
 * message that names the option (never its value) and says how to log in instead; the same
 * definition redacts credentials wherever text may still carry one.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../../electron/backend/backend.js';
import { RotationService } from '../../../../electron/backend/rotation/rotation-service.js';
import { buildInvocation, checkArgv, loginEnv } from '../../../../electron/backend/runner/tke-invocation.js';
import type { PtySpawn } from '../../../../electron/backend/runner/pty-process.js';
import { dispatch } from '../../../../shared/ipc/dispatch.js';
import { credentialIn, redactArgv, redactCredentialText } from '../../../../shared/security/credentials.js';

const S = 'Zq7-secret-argv-9Kd';

const CARRYING: string[][] = [
  ['login', '-u', 'admin@example.com', '-p', S],
  ['login', '-P', S],
  ['login', '--password', S],
  ['login', `--password=${S}`],
  ['login', `--PassWord=${S}`],
  ['login', `-p=${S}`],
  ['login', `-p${S}`],
  ['login', '--apikey', S],
  ['login', '-apikey', S],
  ['login', `--APIKEY=${S}`],
  ['login', '--api-key', S],
  ['login', `--api_key=${S}`],
  ['login', '--token', S],
  ['login', '--access-token', S],
  ['login', '--cr-token', S],
  ['login', `--client-secret=${S}`],
  ['login', `IBMCLOUD_API_KEY=${S}`],
  ['login', `ibmcloud_api_key=${S}`],
  ['tke', 'cryptounits', '--apikey', S],
  ['tke', 'mk-add', '--value', 'ab'.repeat(32)],
  ['tke', 'mk-add', `--value=${'ab'.repeat(32)}`],
];

const ALLOWED: string[][] = [
  ['login'],
  ['login', '--sso'],
  ['login', '-a', 'https://cloud.ibm.com', '-r', 'us-south', '-g', 'default', '-u', 'admin@example.com'],
  ['login', '--profile', 'trusted-1'],
  ['tke', 'mk-add', '--random'],
  ['tke', 'mk-add', '--value'],
  ['tke', 'auto-mk-rotate'],
];

describe('checkArgv refuses credentials on the command line', () => {
  it('refuses every form and casing, naming the option, never the value, and saying how to log in', () => {
    for (const argv of CARRYING) {
      let message = '';
      try {
        checkArgv(argv);
      } catch (error) {
        message = error instanceof Error ? error.message : String(error);
      }
      expect(message, argv.join(' ')).toMatch(/credential|key part/);
      expect(message).not.toContain(S);
      expect(message).not.toContain('abab');
      if (argv[0] === 'login') expect(message).toMatch(/ibmcloud login.*prompt.*IBMCLOUD_API_KEY/s);
    }
  });

  it('lets through logins and commands without a credential (-a is the API endpoint)', () => {
    for (const argv of ALLOWED) expect(() => checkArgv(argv), argv.join(' ')).not.toThrow();
    expect(credentialIn(['login', '-a', 'https://cloud.ibm.com'])).toBeUndefined();
  });

  it('mk-add takes exactly --random or --value', () => {
    expect(() => checkArgv(['tke', 'mk-add'])).toThrow(/--random, or --value/);
    expect(() => checkArgv(['tke', 'mk-add', 'ab'.repeat(32)])).toThrow(/never on the command line/);
  });

  it('nothing is spawned or journaled for a refused command (rotation service and IPC)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mkra-argv-'));
    const spawned: string[][] = [];
    const spawn: PtySpawn = (file, args) => {
      spawned.push([file, ...args]);
      throw new Error('must not spawn');
    };
    const service = new RotationService({
      dataDir,
      invocation: () => ({ mode: 'live', file: '/nonexistent/ibmcloud', prefixArgs: [], env: {}, cwd: dataDir }),
      spawn,
      baselineReading: false,
      events: { line: () => undefined, exit: () => undefined, updated: () => undefined, notice: () => undefined },
    });
    await service.start({ flow: 'auto' });
    for (const argv of CARRYING) {
      await expect(service.run(argv)).rejects.toThrow();
      await expect(service.read(argv)).rejects.toThrow();
    }
    await service.idle();
    expect(spawned).toEqual([]);
    const journals = readdirSync(join(dataDir, 'journals'));
    expect(journals).toHaveLength(1);
    const text = readFileSync(join(dataDir, 'journals', journals[0] ?? ''), 'utf8');
    expect(text).not.toContain(S);
    expect(text).not.toContain('command-started');

    const backend = createBackend({
      host: 'browser',
      env: { PATH: process.env.PATH ?? '' },
      dataDir: join(dataDir, 'ipc'),
      forceDemo: true,
      name: 'n',
      version: '0',
    });
    const reply = await dispatch(backend.handlers, 'rotation:run-command', { argv: ['login', '-u', 'u', '-p', S] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(JSON.stringify(reply)).not.toContain(S);
    expect(existsSync(join(dataDir, 'ipc', 'journals'))).toBe(false);
  });
});

describe('the API key from the environment', () => {
  const env = { PATH: '/usr/bin', IBMCLOUD_API_KEY: S, HOME: '/home/u' };

  it('reaches only a live ibmcloud login, as IBMCLOUD_API_KEY', () => {
    expect(loginEnv('live', ['login'], env)).toEqual({ IBMCLOUD_API_KEY: S });
    expect(loginEnv('live', ['tke', 'cryptounits'], env)).toEqual({});
    expect(loginEnv('demo', ['login'], env)).toEqual({});
    expect(loginEnv('live', ['login'], { PATH: '/usr/bin' })).toEqual({});
  });

  it('is not in the environment every command gets', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mkra-env-'));
    const backend = createBackend({ host: 'browser', env, dataDir, forceDemo: true, name: 'n', version: '0' });
    const invocation = buildInvocation({ info: backend.info, env, simDir: join(dataDir, 'sim') });
    expect(JSON.stringify(invocation)).not.toContain(S);
  });
});

describe('credential redaction', () => {
  it('redacts argv values in every form, keeping the option names', () => {
    expect(
      redactArgv([
        'login',
        '-u',
        'me',
        '-p',
        S,
        '-a',
        'https://cloud.ibm.com',
        `--apikey=${S}`,
        `-P${S}`,
        `IBMCLOUD_API_KEY=${S}`,
        '--Token',
        S,
      ]),
    ).toEqual([
      'login',
      '-u',
      'me',
      '-p',
      '[redacted]',
      '-a',
      'https://cloud.ibm.com',
      '--apikey=[redacted]',
      '-p[redacted]',
      'IBMCLOUD_API_KEY=[redacted]',
      '--Token',
      '[redacted]',
    ]);
    expect(redactArgv(['tke', 'mk-add', '--value', 'ab'.repeat(32)])).toEqual([
      'tke',
      'mk-add',
      '--value',
      '[redacted]',
    ]);
    expect(redactArgv(['tke', 'mk-add', '--value'])).toEqual(['tke', 'mk-add', '--value']);
  });

  it('redacts credentials in shell lines of every kind and leaves other text alone', () => {
    const cases: [string, string][] = [
      [`$ ibmcloud login --apikey ${S} -r us-south`, '$ ibmcloud login --apikey [redacted] -r us-south'],
      [`$ ibmcloud login -u admin -p ${S}`, '$ ibmcloud login -u admin -p [redacted]'],
      [`PS C:\\> ibmcloud login --password="${S} two"`, 'PS C:\\> ibmcloud login --password=[redacted]'],
      [
        `$ IBMCLOUD_API_KEY=${S} ibmcloud tke auto-mk-rotate`,
        '$ IBMCLOUD_API_KEY=[redacted] ibmcloud tke auto-mk-rotate',
      ],
      [`PS> $env:IBMCLOUD_API_KEY = "${S}"`, 'PS> $env:IBMCLOUD_API_KEY = [redacted]'],
      [`C:\\> setx IBMCLOUD_API_KEY ${S}`, 'C:\\> setx IBMCLOUD_API_KEY [redacted]'],
      [`$ export ibmcloud_api_key='${S}'`, '$ export ibmcloud_api_key=[redacted]'],
      ['$ ibmcloud login -a https://cloud.ibm.com --sso', '$ ibmcloud login -a https://cloud.ibm.com --sso'],
      ['Re-encrypted 3000 of 6000 keys', 'Re-encrypted 3000 of 6000 keys'],
    ];
    for (const [line, expected] of cases) expect(redactCredentialText(line)).toBe(expected);
    for (const [, expected] of cases) expect(redactCredentialText(expected)).toBe(expected);
  });
});
