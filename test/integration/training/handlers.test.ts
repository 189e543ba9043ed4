import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { createBackend } from '../../../electron/backend/backend.js';
import type { BackendContext } from '../../../electron/backend/handlers/context.js';
import { trainingHandlers } from '../../../electron/backend/handlers/training.js';
import { verifyReportBytes } from '../../../electron/backend/reports/index.js';

const run = promisify(execFile);
const dirs: string[] = [];
const temp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'mkra-training-h-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('an exam session is played, scored and exported as a signed training summary that mkra verify accepts', async () => {
  const instructor = temp();
  writeFileSync(join(instructor, 'broken.json'), '{\n  "format": "mkra-training-scenario/1",\n  "id": "Broken!"\n}\n');
  const backend = createBackend({ host: 'browser', env: { ...process.env, MKRA_TRAINING_DIR: instructor }, dataDir: temp(), forceDemo: true, name: 'mkra', version: 'test' });
  const h = backend.handlers;
  const library = await h['training:list-scenarios']({});
  expect(library.instructorDir).toBe(instructor);
  expect(library.problems).toContainEqual({ file: 'broken.json', line: 3, message: expect.stringMatching(/^id: must be lower-case/) });
  const started = await h['training:start-scenario']({ scenarioId: 'm1-not-m2', mode: 'exam' });
  expect(started.run?.advice).toBeNull();
  // The exam names no fault before the answer: the simulator's note of the injected fault is left out of the log.
  expect(started.run?.log.map((l) => l.text).join('\n')).not.toMatch(/simulated fault|mid-rewrap/);
  const practice = await h['training:start-scenario']({ scenarioId: 'm1-not-m2', mode: 'guided' });
  expect(practice.run?.log.map((l) => l.text)).toContain('(simulated fault: mid-rewrap)');
  await h['training:start-scenario']({ scenarioId: 'm1-not-m2', mode: 'exam' });
  const consequence = await h['training:choose']({ choice: 'auto-mk-rotate' });
  expect(consequence.step.keysLost).toBeGreaterThan(0);
  expect(consequence.adviceBefore.next[0]?.command).toBe('ibmcloud tke cryptounit-mk-rotate');
  const ended = await h['training:end-scenario']({});
  expect(ended.results.at(-1)).toMatchObject({ scenarioId: 'm1-not-m2', firstActionCorrect: false, correctSteps: 0, outcome: 'lost-keys' });
  const exported = await h['training:export-summary']({ language: 'en', keyPassword: 'report key pw' });
  expect(exported.jsonPath).toMatch(/-training-report\.json$/);
  const check = await verifyReportBytes(readFileSync(exported.jsonPath));
  expect(check.status === 'valid' && check.content.mode).toBe('training');
  const cli = await run(process.execPath, ['bin/mkra.js', 'verify', exported.jsonPath]);
  expect(cli.stdout).toMatch(/TRAINING - simulator/);
  expect(cli.stdout).toMatch(/3 scenarios.*score: 0 of 1 decisions right, 0 %/);
});

test('training is refused in live mode', async () => {
  const backend = createBackend({ host: 'browser', env: process.env, dataDir: temp(), forceDemo: true, name: 'mkra', version: 'test' });
  const ctx = { info: { ...backend.info, mode: 'live' }, dataDir: temp(), secretBox: null } as unknown as BackendContext;
  const h = trainingHandlers(ctx);
  await expect(h['training:start-scenario']({ scenarioId: 'm1-not-m2', mode: 'exam' })).rejects.toThrow(/only on the simulator/);
  await expect(h['training:choose']({ choice: 'auto-mk-rotate' })).rejects.toThrow(/only on the simulator/);
});
