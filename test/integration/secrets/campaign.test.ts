/**
 * Secrets campaign: distinctive secrets typed through every flow of the app (rotation prompts of
 * both flows, mk-add's key part and its passwords, login, the key-file password check, the report
 * key and an administrator's co-signature, a training summary, a pasted run with an API key and a
 * password on its command lines), then every file the app and the CLI wrote, every reply and event
 * the UI got, the output of the command-line tools, and the argv, environment and output of every
 * process the app started are searched for each secret in plain, hex, base64, base64url and
 * UTF-16LE form. A fixed script (nothing waits on time) with fixed secrets: deterministic.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/backend.js';
import type { ReportExportResult } from '../../../shared/ipc/views.js';
import * as tke from '../../../shared/tke/messages.js';
import { AppDriver } from './app-driver.js';
import { answers, ENV_API_KEY, KEY_PART, S } from './campaign-secrets.js';
import { changeKeyFilePassword, liveWorkstation, type LiveWorkstation } from './live-workstation.js';
import { blobsOfFile, filesUnder, needlesOf, search } from './search.js';
import { CHECKLIST_IDS } from '../../../shared/precheck/checklist.js';

interface Run {
  ws: LiveWorkstation;
  app: AppDriver;
  /** Output of the processes the test itself ran (set-up, the administrator's own terminal). */
  outputs: string[];
  reports: ReportExportResult[];
}

/** A live workstation whose key files are protected by the campaign's passwords, and the app on it. */
function prepare(): Run {
  const ws = liveWorkstation({ IBMCLOUD_API_KEY: ENV_API_KEY, MKRA_CAMPAIGN_TOKEN: S.envToken });
  const outputs: string[] = [];
  const setup = (args: string[], input?: string) => {
    const r = ws.sim(args, input);
    outputs.push(r.output);
    expect(r.status, r.output).toBe(0);
  };
  setup(['sim', 'reset', '--scenario', 'key-parts', '--keys', '300']);
  setup(['login', '--apikey', 'set-up-only']);
  const owners = [
    ['1.sigkey', S.sig1],
    ['2.sigkey', S.sig2],
    ['1.mkpart', S.part1],
    ['2.mkpart', S.part2],
    ['3.mkpart', S.part3],
  ] as const;
  for (const [file, password] of owners) changeKeyFilePassword(ws.keyFilesDir, file, 'passw0rd', password);
  setup(['tke', 'sigkey-add'], `auditor\n${S.admin}\n${S.admin}\n`);
  const app = new AppDriver(
    createBackend({
      host: 'browser',
      env: ws.env,
      dataDir: ws.dataDir,
      forceDemo: false,
      name: 'mkra',
      version: 'campaign',
    }),
  );
  expect(app.backend.info.mode).toBe('live');
  return { ws, app, outputs, reports: [] };
}

/** Credentials on a command line are refused before anything is spawned; key files checked. */
async function commandLinesAndKeyFiles({ ws, app }: Run): Promise<void> {
  for (const argv of [
    ['login', '-u', 'admin@example.com', '-p', S.argvPassword],
    ['login', '--apikey', S.argvApiKey],
    ['login', `--password=${S.argvPassword}`],
    ['login', `IBMCLOUD_API_KEY=${S.argvApiKey}`],
  ]) {
    expect(await app.refusal('rotation:run-command', { argv })).toMatch(/ibmcloud login.*IBMCLOUD_API_KEY/s);
  }
  expect(ws.records()).toHaveLength(0);
  expect(await app.call('keyfiles:verify-password', { fileName: '1.sigkey', password: S.keyFileWrong })).toMatchObject({
    ok: false,
  });
  expect(await app.call('keyfiles:verify-password', { fileName: '1.sigkey', password: S.sig1 })).toEqual({ ok: true });
}

/** Recovery crypto units: login at the hidden prompt, a mistyped then the right signature key passwords. */
async function recoveryUnitFlow(run: Run): Promise<void> {
  const { app } = run;
  // Log in first: the backend's own pre-checks at start need a known token age.
  expect(await app.run(['login'], answers())).toBe(0);
  await app.call('rotation:start', { flow: 'auto', operator: 'Campaign', confirmed: [...CHECKLIST_IDS] });
  expect(await app.run(['tke', 'auto-mk-rotate'], answers({ admin1: S.sigWrong }))).toBe(1);
  expect(await app.run(['tke', 'auto-mk-rotate'], answers())).toBe(0);
  const done = await app.call('rotation:finish', { outcome: 'completed' });
  expect(done.classification.phase).toBe('completed');
  const request = { rotationId: done.rotationId, language: 'en' as const, keyPassword: S.reportKey };
  expect(
    await app.refusal('report:export', { ...request, admin: { fileName: '3.sigkey', password: S.adminWrong } }),
  ).toMatch(/wrong password/);
  const report = await app.call('report:export', { ...request, admin: { fileName: '3.sigkey', password: S.admin } });
  expect(report.adminSki).not.toBeNull();
  expect(await app.refusal('report:export', { ...request, keyPassword: S.reportKeyWrong })).toMatch(/password/i);
  run.reports.push(report);
}

/** A run that failed after M1 in the administrator's own terminal, pasted with its login lines, adopted and recovered. */
async function pastedRun(run: Run): Promise<string> {
  const { ws, app } = run;
  const manual = ws.sim(['tke', 'auto-mk-rotate'], `${S.sig1}\n${S.sig2}\n`, { MKRA_SIM_FAULT: 'after-m1' });
  run.outputs.push(manual.output);
  expect(manual.output).toContain(tke.M1_DELAY);
  const paste = [
    `$ ibmcloud login --apikey ${S.pasteApiKey} -r us-south`,
    `$ ibmcloud login -u admin@example.com -p ${S.pastePassword}`,
    `Password> ${S.pasteEcho}`,
    `$ export IBMCLOUD_API_KEY=${S.pasteEnvKey}`,
    `$ IBMCLOUD_API_KEY=${S.pasteEnvKey} ibmcloud tke auto-mk-rotate`,
    manual.output,
  ].join('\n');
  const analysed = await app.call('analysis:classify', {
    inputs: [{ name: 'terminal.txt', base64: Buffer.from(paste).toString('base64') }],
    command: 'auto-mk-rotate',
  });
  if (analysed.status !== 'classified') throw new Error('the paste was not classified');
  const read = await app.call('analysis:read-registers', { analysisId: analysed.analysisId });
  if (read.status !== 'classified') throw new Error('the reading was not classified');
  const adopted = await app.call('analysis:adopt', {
    analysisId: read.analysisId,
    reviewedPhase: read.classification.phase,
  });
  expect(adopted.review.phase).toBe('rewrap-interrupted');
  await app.call('analysis:confirm-review', { rotationId: adopted.review.rotationId, phase: adopted.review.phase });
  expect(await app.run(['tke', 'cryptounit-mk-rotate'], answers())).toBe(0);
  const done = await app.call('rotation:finish', { outcome: 'completed' });
  expect(done.classification.phase).toBe('completed');
  run.reports.push(
    await app.call('report:export', { rotationId: done.rotationId, language: 'en', keyPassword: S.reportKey }),
  );
  return paste;
}

/** Key parts: a part typed at mk-add's hidden prompt, loaded with a scenario part, committed, rotated. */
async function keyPartFlow(run: Run): Promise<void> {
  const { app } = run;
  await app.call('rotation:start', { flow: 'keyparts', confirmed: [...CHECKLIST_IDS] });
  expect(await app.run(['tke', 'mk-add', '--value'], answers())).toBe(0);
  expect(await app.run(['tke', 'cryptounit-mk-load'], answers({}, ['1', '4']))).toBe(0);
  expect(await app.run(['tke', 'cryptounit-mk-commit'], answers())).toBe(0);
  expect(await app.run(['tke', 'cryptounit-mk-rotate'], answers())).toBe(0);
  const done = await app.call('rotation:finish', { outcome: 'completed' });
  expect(done.classification.phase).toBe('completed');
  run.reports.push(
    await app.call('report:export', { rotationId: done.rotationId, language: 'ja', keyPassword: S.reportKey }),
  );
  const masked = app.prompts.filter((p) => p.secret).map((p) => p.text);
  for (const text of [
    tke.MKPART_VALUE_PROMPT,
    tke.NEW_PASSWORD_CONFIRM_PROMPT,
    tke.MKPART_PASSWORD_PROMPT,
    tke.SIGKEY_PASSWORD_PROMPT,
    'Password',
  ])
    expect(masked).toContain(text);
}

/** Training on the simulator (demo mode, same data directory), its summary signed with the report key. */
async function trainingRun(ws: LiveWorkstation): Promise<AppDriver> {
  const trainer = new AppDriver(
    createBackend({
      host: 'browser',
      env: { PATH: ws.env.PATH ?? '', HOME: ws.env.HOME ?? '' },
      dataDir: ws.dataDir,
      forceDemo: true,
      name: 'mkra',
      version: 'campaign',
    }),
  );
  await trainer.call('training:start-scenario', { scenarioId: 'm1-not-m2', mode: 'guided' });
  await trainer.call('training:choose', { choice: 'cryptounit-mk-rotate' });
  await trainer.call('training:end-scenario', {});
  expect(await trainer.refusal('training:export-summary', { language: 'en', keyPassword: S.trainingWrong })).toMatch(
    /password/i,
  );
  await trainer.call('training:export-summary', { language: 'en', keyPassword: S.reportKey });
  return trainer;
}

/** The command-line tools an auditor runs on what the app wrote; their output. */
function auditorTools(run: Run, paste: string): { argv: string[]; output: string }[] {
  const input = join(run.ws.root, 'input');
  mkdirSync(input);
  writeFileSync(join(input, 'terminal.txt'), paste);
  const runs = [
    ...run.reports.flatMap((r) => [
      ['verify', r.jsonPath],
      ['verify', r.pdfPath],
    ]),
    ['classify', '--json', join(input, 'terminal.txt')],
  ];
  return runs.map((argv) => ({
    argv,
    output: execFileSync(process.execPath, ['bin/mkra.js', ...argv], {
      env: { PATH: run.ws.env.PATH ?? '', HOME: run.ws.env.HOME ?? '' },
      encoding: 'utf8',
    }),
  }));
}

describe('secrets campaign', () => {
  it(
    'no typed secret, API key or key part is written, shown, or passed to a process',
    { timeout: 600_000 },
    async () => {
      const run = prepare();
      await commandLinesAndKeyFiles(run);
      await recoveryUnitFlow(run);
      const paste = await pastedRun(run);
      await keyPartFlow(run);
      const trainer = await trainingRun(run.ws);
      const tools = auditorTools(run, paste);

      const secrets: [string, Buffer?][] = [
        ...Object.values(S).map((s): [string] => [s]),
        [KEY_PART, Buffer.from(KEY_PART, 'hex')],
        [ENV_API_KEY],
      ];
      const needles = secrets.flatMap(([secret, raw]) => needlesOf(secret, raw));
      const files = filesUnder(run.ws.writtenDirs);
      const text = (where: string, value: string) => ({ where, bytes: Buffer.from(value) });
      const blobs = [
        ...files.flatMap(blobsOfFile),
        ...run.app.shown.map((value, i) => text(`live app reply/event ${i}`, value)),
        ...trainer.shown.map((value, i) => text(`training reply/event ${i}`, value)),
        ...tools.map((t) => text(`mkra ${t.argv.join(' ')} (output)`, t.output)),
        ...run.outputs.map((value, i) => text(`ibmcloud-sim run by the test ${i} (output)`, value)),
      ];
      expect(search(blobs, needles)).toEqual([]);

      const records = run.ws.records();
      const processBlobs = records.flatMap((r, i) => [
        text(`process ${i} argv`, JSON.stringify(r.argv)),
        // Live `ibmcloud login` is given the environment's API key: the one place it belongs.
        text(
          `process ${i} env (${r.argv.join(' ')})`,
          JSON.stringify({ ...r.env, ...(r.argv[0] === 'login' ? { IBMCLOUD_API_KEY: undefined } : {}) }),
        ),
        { where: `process ${i} stdout and stderr (${r.argv.join(' ')})`, bytes: r.output },
      ]);
      expect(search(processBlobs, needles)).toEqual([]);
      expect(records.filter((r) => r.env.IBMCLOUD_API_KEY !== undefined).map((r) => r.argv)).toEqual(
        records.filter((r) => r.argv[0] === 'login').map((r) => r.argv),
      );
      expect(records.filter((r) => r.argv[0] === 'login').every((r) => r.env.IBMCLOUD_API_KEY === ENV_API_KEY)).toBe(
        true,
      );
      expect(records.length).toBeGreaterThan(8);

      const sum = (list: { bytes: Buffer }[]) => list.reduce((total, b) => total + b.bytes.length, 0);
      const inflated = blobs.filter((b) => b.where.endsWith('inflated)')).length;
      console.log(
        `secrets campaign: ${secrets.length} secrets in ${needles.length} forms; searched ${files.length} files, ${inflated} inflated PDF streams and ` +
          `${blobs.length - files.length - inflated} replies, events and tool outputs (${sum(blobs)} bytes), and the argv, environment and output of the ` +
          `${records.length} processes the app started (${sum(processBlobs)} bytes; ${records.length + tools.length + run.outputs.length} processes in all): 0 hits`,
      );
      rmSync(run.ws.root, { recursive: true, force: true });
    },
  );
});
