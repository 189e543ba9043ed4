// `mkra classify` as a process, on transcripts `ibmcloud-sim` printed as a process after each of
// its fault points (failed and crashed), with `sim status --json` as the register reading. The
// set-up and the reading ask nothing and run in this process (../sim-here.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simHere } from '../sim-here.js';
import { FAULT_EXPECTATIONS } from './fault-expectations.js';

const cases: [string, string, string][] = [
  ...FAULT_EXPECTATIONS,
  // A crash prints nothing more: the classifier must lean on the register reading.
  ['after-commit:crash', 'rewrap-interrupted', 'ibmcloud tke cryptounit-mk-rotate'],
  ['after-generate:crash', 'failed-before-new-key', 'ibmcloud tke auto-mk-rotate'],
  ['mid-rewrap:crash', 'rewrap-interrupted', 'ibmcloud tke cryptounit-mk-rotate'],
  ['mid-setimm:crash', 'partially-promoted', 'ibmcloud tke cryptounit-rm'],
];

async function simulate(fault: string): Promise<{ transcript: string; registers: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'mkra-cls-'));
  const env = { ...process.env, MKRA_SIM_DIR: join(dir, 'sim'), MKRA_SIM_TIME_SCALE: '0' };
  const sim = (args: string[], extra: Record<string, string> = {}, input = '') =>
    spawnSync(process.execPath, ['bin/ibmcloud-sim.js', ...args], {
      env: { ...env, ...extra },
      input,
      encoding: 'utf8',
    });
  expect((await simHere(['sim', 'reset', '--keys', '120'], env)).status).toBe(0);
  expect((await simHere(['login', '--apikey', 'test'], env)).status).toBe(0);
  const run = sim(['tke', 'auto-mk-rotate'], { MKRA_SIM_FAULT: fault }, 'passw0rd\npassw0rd\n');
  const transcript = join(dir, 'auto-mk-rotate.txt');
  writeFileSync(transcript, `$ ibmcloud tke auto-mk-rotate\n${run.stdout}${run.stderr}`);
  const registers = join(dir, 'registers.json');
  const status = await simHere(['sim', 'status', '--json'], env);
  expect(status.status).toBe(0);
  writeFileSync(registers, status.stdout);
  return { transcript, registers };
}

describe('mkra classify on ibmcloud-sim transcripts after every fault point', () => {
  it.each(cases)('%s -> %s, first %s', async (fault, phase, first) => {
    const { transcript, registers } = await simulate(fault);
    const args = [
      'bin/mkra.js',
      'classify',
      '--json',
      ...(fault.startsWith('auth') ? [] : ['--registers', registers]),
      transcript,
    ];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout) as {
      phase: string;
      next: { command: string }[];
      forbidden: { command: string }[];
      evidence: unknown[];
    };
    expect(c.phase).toBe(phase);
    expect(c.next[0]?.command).toBe(first);
    expect(c.evidence.length).toBeGreaterThan(0);
    if (phase !== 'failed-before-new-key' && phase !== 'auth-expired')
      expect(c.forbidden.map((f) => f.command)).toContain('ibmcloud tke auto-mk-rotate');
  });
});
