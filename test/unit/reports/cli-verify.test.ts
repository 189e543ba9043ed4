import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReport, MAX_REPORT_BYTES, serializeSignedReport, signReport, verifyReportBytes } from '../../../electron/backend/reports/index.js';
import { runVerify, type VerifyIo } from '../../../electron/cli/verify.js';
import { TempDirs, recoveryJournal, testKeyStore } from '../../fixtures/reports/journal-fixture.js';

const dirs = new TempDirs();
const setup = new TempDirs();
let dir: string;
let reportPath: string;
let fingerprint: string;
let pem: string;

beforeAll(async () => {
  dir = await setup.make();
  const store = testKeyStore(dir);
  const signed = await signReport(await createReport(await recoveryJournal(dir)), store);
  reportPath = join(dir, 'report.json');
  await writeFile(reportPath, serializeSignedReport(signed));
  const key = await store.publicKey();
  fingerprint = key?.fingerprint ?? '';
  pem = key?.pem ?? '';
});
afterEach(() => dirs.cleanup());
afterAll(() => setup.cleanup());

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: VerifyIo = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), readFile: (p) => readFile(p), stat: (p) => stat(p) };
  return { code: await runVerify(argv, io), out, err };
}

describe('mkra verify', () => {
  it('exits 0 with the fingerprint and a summary that says demo', async () => {
    const { code, out, err } = await run([reportPath]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain(`Signer (report key) fingerprint: ${fingerprint} (not pinned`);
    expect(out).toMatch(/Mode: DEMO/);
    expect(out).toContain('Outcome: completed');
  });

  it('accepts --key as a fingerprint or a PEM file and refuses another key with exit 1', async () => {
    expect((await run(['--key', fingerprint, reportPath])).out).toContain('(matches the pinned key)');
    const pemPath = join(dir, 'key.pem');
    await writeFile(pemPath, pem);
    expect((await run([`--key=${pemPath}`, reportPath])).code).toBe(0);
    const other = await run(['--key', 'ab'.repeat(32), reportPath]);
    expect(other.code).toBe(1);
    expect(other.err).toMatch(/^mkra verify: INVALID: .*signed by a different key/);
    expect(other.err.trim().split('\n')).toHaveLength(1);
  });

  it('exits 1 naming the failure for a tampered report', async () => {
    const tampered = join(dir, 'tampered.json');
    await writeFile(tampered, (await readFile(reportPath, 'utf8')).replace('"outcome": "completed"', '"outcome": "failed"'));
    const { code, err } = await run([tampered]);
    expect(code).toBe(1);
    expect(err).toMatch(/content was changed after signing/);
  });

  it('exits 2 with one line for missing, empty, garbage and truncated files and bad usage', async () => {
    const empty = join(dir, 'empty.json');
    await writeFile(empty, '');
    const garbage = join(dir, 'garbage.bin');
    await writeFile(garbage, Buffer.from([1, 2, 3, 250]));
    const truncated = join(dir, 'truncated.json');
    await writeFile(truncated, (await readFile(reportPath)).subarray(0, 500));
    for (const argv of [[join(dir, 'missing.json')], [empty], [garbage], [truncated], [dir], [], ['--bogus', reportPath], [reportPath, reportPath], ['--key']]) {
      const { code, err } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(err.trim().split('\n'), argv.join(' ')).toHaveLength(1);
    }
  });

  it('refuses a file over the size limit with exit 2 from its size alone, without reading it', async () => {
    let reads = 0;
    const io: VerifyIo = {
      stdout: () => undefined,
      stderr: (text) => void (err += text),
      readFile: async () => {
        reads++;
        throw new Error('a file over the limit must not be read');
      },
      stat: async () => ({ isDirectory: () => false, size: MAX_REPORT_BYTES + 1 }),
    };
    let err = '';
    expect(await runVerify(['huge.pdf'], io)).toBe(2);
    expect(reads).toBe(0);
    expect(err).toMatch(/^mkra verify: report huge\.pdf is too large \(\d+ bytes\)\n$/);
  });

  it('refuses bytes over the size limit handed to the verifier directly (the app screen path)', async () => {
    const bytes = Buffer.alloc(MAX_REPORT_BYTES + 1, 0x20);
    bytes.write('%PDF-1.7\n');
    expect(await verifyReportBytes(bytes)).toMatchObject({ exitCode: 2, reason: expect.stringMatching(/too large to be a report/) });
  });
});
