// A capture on the simulator in memory: what the read-only listings print becomes a twin that holds
// every unit's settings, registers and VPs as `sim status` sees them, and nothing of a key file.
import { describe, expect, it } from 'vitest';
import { runTwin, type TwinIo } from '../../../electron/cli/twin.js';
import { runInProcess, type MemorySim } from '../../../shared/sim/index.js';
import { CAPTURE_COMMANDS, ibmcloudVersionOf, tkeVersionOf } from '../../../shared/twin/capture.js';
import { parseTwin, type Twin } from '../../../shared/twin/schema.js';
import { MUTATING_COMMANDS } from '../../../shared/tke/commands.js';
import { makeSim, run, status } from '../sim/helpers.js';

interface Captured {
  code: number;
  files: Map<string, string>;
  out: string;
  err: string;
  ran: string[];
}

/** `mkra twin capture` with `ibmcloud` being the simulator in memory (prompts get no answer). */
async function capture(
  sim: MemorySim | undefined,
  args = ['capture', '--out', 'twin.json'],
  files = new Map<string, string>(),
): Promise<Captured> {
  const c: Captured = { code: -1, files, out: '', err: '', ran: [] };
  const io: TwinIo = {
    run: async (argv) => {
      c.ran.push(argv.join(' '));
      if (!sim) return undefined;
      const r = await runInProcess(sim, argv, { answers: [] });
      return { code: r.exitCode, stdout: r.transcript, stderr: '' };
    },
    create: async (path, text) => {
      if (c.files.has(path)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
      c.files.set(path, text);
    },
    stdout: (s) => (c.out += s),
    stderr: (s) => (c.err += s),
    now: () => new Date('2025-03-04T05:06:07Z'),
  };
  c.code = await runTwin(args, io);
  return c;
}

function twinOf(c: Captured): Twin {
  const r = parseTwin(c.files.get('twin.json') ?? '');
  if (!r.ok) throw new Error(r.message);
  return r.twin;
}

describe('mkra twin capture (simulator in memory)', () => {
  it('runs read-only commands only', async () => {
    const c = await capture(await makeSim('default'));
    expect(c.code, c.err).toBe(0);
    const tke = c.ran.filter((r) => r.startsWith('tke ')).map((r) => r.split(' ')[1]);
    expect(tke.sort()).toEqual(
      Object.values(CAPTURE_COMMANDS)
        .map((a) => a[1])
        .sort(),
    );
    for (const name of tke) expect(MUTATING_COMMANDS as readonly string[]).not.toContain(name);
    expect(c.ran.filter((r) => !r.startsWith('tke '))).toEqual(['version', 'plugin show tke']);
  });

  it('records every unit, its settings, registers and VPs as sim status shows them', async () => {
    const sim = await makeSim('several-instances');
    await run(sim, 'tke cryptounit-rm', { answers: ['7'] });
    const c = await capture(sim);
    expect(c.code, c.err).toBe(0);
    const twin = twinOf(c);
    const st = await status(sim);
    const units = twin.instances.flatMap((i) => i.units.map((u) => ({ ...u, instance: i.id })));
    expect(units.map((u) => u.num)).toEqual(st.units.map((u) => u.num));
    for (const s of st.units) {
      const u = units.find((x) => x.num === s.num)!;
      expect([u.instance, u.type, u.location, u.selected]).toEqual([s.instance, s.type, s.location, s.selected]);
      if (!s.selected) {
        expect([u.thresholds, u.admins, u.registers]).toEqual([null, null, null]);
        continue;
      }
      expect(u.thresholds).toEqual(s.thresholds);
      expect(u.admins).toEqual(s.admins);
      expect(u.registers).toEqual({ current: s.current, new: s.new });
    }
    expect(twin.keyFiles.sigkeys).toEqual(st.sigkeys);
    expect(c.err).toContain('crypto units 7 were not selected');
  });

  it('keeps the older-firmware tail and the key part VPs', async () => {
    const older = await makeSim('older-firmware');
    const twin = twinOf(await capture(older));
    const u2 = twin.instances[0]!.units[1]!;
    expect(u2.registers!.current.vp.endsWith('00000000')).toBe(false);
    expect(u2.registers!.current.vp).toBe((await status(older)).units[1]!.current.vp);
    const parts = await makeSim('key-parts');
    expect(twinOf(await capture(parts)).keyFiles.mkparts).toEqual((await status(parts)).mkparts);
  });

  it('writes nothing when a listing fails, and says which and why', async () => {
    const c = await capture(await makeSim('expired-token'));
    expect(c.code).toBe(1);
    expect(c.files.size).toBe(0);
    expect(c.err).toMatch(/ibmcloud tke cryptounits failed \(exit 1\).*Nothing was written/);
  });

  it('needs ibmcloud on PATH, never replaces a file, rejects unknown options', async () => {
    const none = await capture(undefined);
    expect([none.code, none.err]).toEqual([2, expect.stringContaining('no ibmcloud executable')]);
    const sim = await makeSim('default');
    const first = await capture(sim);
    expect(first.code).toBe(0);
    const before = first.files.get('twin.json');
    const again = await capture(sim, undefined, first.files);
    expect([again.code, again.err]).toEqual([2, expect.stringContaining('never replaces a file')]);
    expect(first.files.get('twin.json')).toBe(before);
    const named = await capture(sim, ['capture']);
    expect([...named.files.keys()]).toEqual(['twin-20250304-050607.json']);
    expect((await capture(sim, ['capture', '--password', 'x'])).code).toBe(2);
    expect((await capture(sim, ['capture', '--out'])).code).toBe(2);
  });

  it('reads the CLI versions from ibmcloud version and plugin show', () => {
    expect(ibmcloudVersionOf('ibmcloud version 2.20.0+f0fc2d5-2023-09-27T20:37:58+00:00\n')).toBe(
      '2.20.0+f0fc2d5-2023-09-27T20:37:58+00:00',
    );
    expect(tkeVersionOf('Plug-in Name                  tke\nPlug-in Version               1.3.4\n')).toBe('1.3.4');
    expect(tkeVersionOf('Name: tke\nVersion: 1.4.0\n')).toBe('1.4.0');
    expect([ibmcloudVersionOf(null), tkeVersionOf('FAILED')]).toEqual([null, null]);
  });
});
