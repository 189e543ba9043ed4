// A simulator reset from a twin shows what the source showed: every captured field of `sim status`,
// the VPs (older-firmware tail included), key file names, KEYNUMs and SKIs; capturing the twin again
// gives the same twin; and it refuses to put stand-ins beside key files it did not make.
import { describe, expect, it } from 'vitest';
import { MemoryIo, MemoryWorkstation, runSim, type MemorySim, type SimContext } from '../../../shared/sim/index.js';
import { buildTwin, CAPTURE_COMMANDS, type CaptureReadings } from '../../../shared/twin/capture.js';
import { serialiseTwin, type Twin } from '../../../shared/twin/schema.js';
import { makeSim, NOW, PASSWORDS, run, status } from '../sim/helpers.js';

async function captureTwin(sim: MemorySim): Promise<Twin> {
  const readings: Partial<CaptureReadings> = { ibmcloudVersion: null, tkeVersion: null };
  for (const [key, argv] of Object.entries(CAPTURE_COMMANDS) as [keyof typeof CAPTURE_COMMANDS, readonly string[]][]) {
    readings[key] = (await run(sim, argv.join(' '))).transcript;
  }
  return buildTwin(readings as CaptureReadings, new Date(NOW)).twin;
}

/** `sim reset --twin FILE` on a simulator in memory whose host reads FILE as `text`. */
async function resetToTwin(sim: MemorySim, text: string, extra: string[] = []): Promise<{ code: number; out: string }> {
  const io = new MemoryIo([]);
  const readTwinFile = async (): Promise<string> => text;
  const ctx: SimContext = { state: sim.state, io, ws: sim.ws, now: sim.now, fault: undefined, readTwinFile };
  const code = await runSim(ctx, ['sim', 'reset', '--twin', 'twin.json', ...extra]);
  sim.state = ctx.state;
  return { code, out: io.transcript };
}

async function freshSim(): Promise<MemorySim> {
  const sim = await makeSim('default');
  return { ...sim, state: { ...sim.state, simFiles: [] }, ws: new MemoryWorkstation() };
}

describe('sim reset --twin', () => {
  it('reproduces every captured field of the source, VPs and key files included', async () => {
    const source = await makeSim('twin-source');
    const twin = await captureTwin(source);
    const copy = await freshSim();
    const r = await resetToTwin(copy, serialiseTwin(twin), ['--keys', '50']);
    expect(r.code, r.out).toBe(0);
    const [a, b] = [await status(source), await status(copy)];
    const notRead = { thresholds: 0, admins: 0, current: 0, new: 0, imprint: 0 };
    const pick = (s: typeof a) => s.units.map((u) => ({ ...u, ...(u.selected ? {} : notRead) }));
    expect(pick(b)).toEqual(pick(a));
    expect(b.sigkeys).toEqual(a.sigkeys);
    expect(b.mkparts).toEqual(a.mkparts);
    expect(b.selectedUnits).toEqual(a.selectedUnits);
    const instances = (s: typeof a, keys?: number) => s.instances.map((i) => [i.id, i.units, keys ?? i.keystore.total]);
    expect(instances(b)).toEqual(instances(a, 50));
    expect(b.instances.map((i) => i.wrapped[0]?.vp)).toEqual(a.instances.map((i) => i.wrapped[0]?.vp));
    expect(a.sigkeys.map((k) => k.keynum)).toEqual([1, 2, 4]);
    expect(r.out).toContain('Crypto unit 7 was not read at capture: it gets the settings and registers of unit 5.');
  });

  it('marks only the unit with a non-zero VP tail as older firmware; a capture of it is the same twin', async () => {
    const twin = await captureTwin(await makeSim('twin-source'));
    const copy = await freshSim();
    await resetToTwin(copy, serialiseTwin(twin));
    const older = copy.state.instances
      .flatMap((i) => i.units)
      .filter((u) => u.olderFirmware)
      .map((u) => u.num);
    expect(older).toEqual([2]);
    expect(await captureTwin(copy)).toEqual(twin);
  });

  it('rehearses on the twin: a rotation signs with the stand-ins and completes', async () => {
    const twin = await captureTwin(await makeSim('older-firmware'));
    const copy = await freshSim();
    await resetToTwin(copy, serialiseTwin(twin));
    const rotation = await run(copy, 'tke auto-mk-rotate', { answers: PASSWORDS });
    expect(rotation.exitCode, rotation.transcript).toBe(0);
    const after = await status(copy);
    expect(after.keystore.lost).toBe(0);
    expect(new Set(after.units.map((u) => u.current.vp.slice(0, 56))).size).toBe(1);
    expect(after.units[0]!.current.vp).not.toBe(twin.instances[0]!.units[0]!.registers!.current.vp);
  });

  it('refuses to put stand-ins beside key files it did not make, and changes nothing', async () => {
    const twin = await captureTwin(await makeSim('twin-source'));
    const copy = await freshSim();
    await copy.ws.createSigkey('my real key', 'other');
    const before = structuredClone(copy.state);
    const r = await resetToTwin(copy, serialiseTwin(twin));
    expect(r.code).toBe(1);
    expect(r.out).toContain('must never sit beside real keys');
    expect(copy.state).toEqual(before);
    expect((await copy.ws.listSigkeys()).map((k) => k.description)).toEqual(['my real key']);
  });

  it('replaces its own earlier stand-ins and scenario files', async () => {
    const twin = await captureTwin(await makeSim('twin-source'));
    const sim = await makeSim('key-parts');
    expect((await resetToTwin(sim, serialiseTwin(twin))).code).toBe(0);
    expect((await resetToTwin(sim, serialiseTwin(twin))).code).toBe(0);
    expect((await sim.ws.listSigkeys()).map((k) => k.keynum)).toEqual([1, 2, 4]);
  });

  it('refuses a bad file or bad flags with the reason, changing nothing', async () => {
    const twin = serialiseTwin(await captureTwin(await makeSim('default')));
    const sim = await makeSim('default');
    const before = structuredClone(sim.state);
    for (const [text, why] of [
      [twin.slice(0, 200), 'truncated'],
      [twin.replace('mkra-twin/1', 'mkra-twin/7'), 'mkra-twin/7'],
      [twin.replace('"selected": true', '"selected": "yes"'), 'malformed'],
    ] as const) {
      const r = await resetToTwin(sim, text);
      expect([r.code, r.out]).toEqual([1, expect.stringContaining(why)]);
      expect(r.out).toContain('Nothing was changed.');
    }
    expect((await resetToTwin(sim, twin, ['--scenario', 'default'])).out).toContain('not both');
    expect(sim.state).toEqual(before);
    const io = new MemoryIo([]);
    const noFiles = await runSim({ ...sim, io, fault: undefined }, ['sim', 'reset', '--twin', 'x.json']);
    expect([noFiles, io.transcript]).toEqual([1, expect.stringContaining('cannot read files')]);
  });
});
