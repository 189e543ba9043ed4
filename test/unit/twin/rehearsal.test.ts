// A rehearsal on a twin: for every fault point, failed and crashed, the rotation fails there on a
// fresh copy of the twin and following the advisor's first command each time completes it with no
// key lost. The result names the twin by its SHA-256.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rehearse } from '../../../electron/backend/twin/rehearsal.js';
import { FAULT_POINTS, type MemorySim } from '../../../shared/sim/index.js';
import { buildTwin, CAPTURE_COMMANDS, type CaptureReadings } from '../../../shared/twin/capture.js';
import { rehearsalDecision } from '../../../shared/twin/rehearsal-types.js';
import { serialiseTwin } from '../../../shared/twin/schema.js';
import { makeSim, NOW, run } from '../sim/helpers.js';

async function twinBytes(sim: MemorySim): Promise<Uint8Array> {
  const readings: Partial<CaptureReadings> = { ibmcloudVersion: null, tkeVersion: null };
  for (const [key, argv] of Object.entries(CAPTURE_COMMANDS) as [keyof typeof CAPTURE_COMMANDS, readonly string[]][]) {
    readings[key] = (await run(sim, argv.join(' '))).transcript;
  }
  return new TextEncoder().encode(serialiseTwin(buildTwin(readings as CaptureReadings, new Date(NOW)).twin));
}

describe('rehearse on a twin', () => {
  it('recovers from every fault point, failed and crashed, on a twin with an older-firmware unit', async () => {
    const sim = await makeSim('older-firmware');
    const twin = await twinBytes(sim);
    const instanceId = sim.state.instances[0]!.id;
    const faults = ['none', ...FAULT_POINTS, ...FAULT_POINTS.map((p) => `${p}:crash`)];
    const r = await rehearse({ twin, instanceId, faults, now: () => NOW });
    const failed = r.faults.filter((f) => !f.recovered).map((f) => `${f.fault}: ${f.finalPhase} ${f.stoppedBecause}`);
    expect(failed).toEqual([]);
    expect(r.allRecovered).toBe(true);
    expect(r.faults.map((f) => f.fault)).toEqual(faults);
    expect(r.faults.every((f) => f.keysLost === 0 && f.finalPhase === 'completed')).toBe(true);
    expect(r.faults.find((f) => f.fault === 'after-m1')?.recovery.length).toBeGreaterThan(0);
    expect(r.twinSha256).toBe(createHash('sha256').update(twin).digest('hex'));
    // Where the ceremony asked for a decision: the partial promotion's units and setimm's warning.
    const partial = r.faults.find((f) => f.fault === 'mid-setimm')?.decisions ?? [];
    expect(
      partial.some((d) => /^ibmcloud tke cryptounit-rm: crypto units \d/.test(d)),
      partial.join('; '),
    ).toBe(true);
    expect(
      partial.some((d) => d.startsWith('ibmcloud tke cryptounit-mk-setimm: confirmed "')),
      partial.join('; '),
    ).toBe(true);
    expect(r.faults.find((f) => f.fault === 'none')?.decisions).toEqual([]);
    const afterM1 = r.faults.find((f) => f.fault === 'after-m1')?.decisions ?? [];
    expect(afterM1.map((d) => d.slice(0, d.indexOf('"')))).toEqual(['ibmcloud tke cryptounit-mk-rotate: confirmed ']);
    expect(r.tookMs).toBe(0);
    const line = rehearsalDecision(r);
    expect(line).toContain(r.twinSha256);
    expect(line).toContain(`recovered from ${faults.length} of ${faults.length}`);
  }, 120_000);

  it('rehearses the instance asked for on a twin with two instances', async () => {
    const sim = await makeSim('several-instances');
    const second = sim.state.instances[1]!.id;
    const r = await rehearse({ twin: await twinBytes(sim), instanceId: second, faults: ['after-m2'], now: () => NOW });
    expect(r.faults[0]).toMatchObject({ recovered: true, keysLost: 0 });
  }, 60_000);

  it("runs the app's pre-checks on the twin first: a twin ready to rotate passes them all", async () => {
    const sim = await makeSim('default');
    const r = await rehearse({
      twin: await twinBytes(sim),
      instanceId: sim.state.instances[0]!.id,
      faults: ['none'],
      now: () => NOW,
    });
    expect(r.prechecks).toEqual([]);
  }, 60_000);

  it('a twin with a leftover new master key shows that pre-check failed, with its fix, before the real run', async () => {
    const sim = await makeSim('new-mk-not-empty');
    const r = await rehearse({
      twin: await twinBytes(sim),
      instanceId: sim.state.instances[0]!.id,
      faults: ['none'],
      now: () => NOW,
    });
    expect(r.prechecks.map((p) => [p.id, p.status])).toEqual([['new-mk', 'fail']]);
    expect(r.prechecks[0]?.fix.map((f) => f.command)).toContain('ibmcloud tke cryptounit-mk-clrnew');
  }, 60_000);

  it('refuses a bad twin, an instance it does not hold and an unknown fault before anything runs', async () => {
    const sim = await makeSim('default');
    const twin = await twinBytes(sim);
    const id = sim.state.instances[0]!.id;
    const cut = twin.slice(0, 100);
    await expect(rehearse({ twin: cut, instanceId: id, faults: ['none'] })).rejects.toThrow(/truncated/);
    const other = rehearse({ twin, instanceId: 'other', faults: ['none'] });
    await expect(other).rejects.toThrow(/does not hold instance other/);
    await expect(rehearse({ twin, instanceId: id, faults: ['after-lunch'] })).rejects.toThrow(/Unknown fault point/);
  });
});

describe('the rehearsal module', () => {
  it('has no path to a real ibmcloud: it imports no process, terminal or runner code', () => {
    const source = readFileSync(new URL('../../../electron/backend/twin/rehearsal.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(5);
    const forbidden = /child_process|node-pty|runner\/|pty|tke-invocation|rotation-service/;
    for (const from of imports) expect(from).not.toMatch(forbidden);
    expect(source).not.toMatch(/\bspawn\w*\(|\bexec(File)?\w*\(|\bimport\s*\(/);
  });
});
