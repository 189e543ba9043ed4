// A twin end to end, as processes: `mkra twin capture` reads a non-default simulator through an
// `ibmcloud` on PATH, `ibmcloud-sim sim reset --twin` builds a second simulator from the file, and
// both `sim status --json` agree on every captured field. The twin holds no password and no key
// material; bad files are refused with the reason and change nothing.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimStatus } from '../../../shared/sim/index.js';
import { MAX_TWIN_BYTES } from '../../../shared/twin/schema.js';
import { ensureBuilt, ROOT } from '../sim/harness.js';

// Each step spawns a few processes; minutes of margin for a loaded machine.
const TIMEOUT_MS = 300_000;
let tmp = '';

/**
 * The `ibmcloud` on PATH: the simulator, plus the two local commands it does not have (`version` and
 * `plugin show tke`), answered here so the capture's version fields have something to read.
 */
function installIbmcloud(bin: string): void {
  mkdirSync(bin, { recursive: true });
  const script = [
    '#!/bin/sh',
    'case "$1" in',
    '  version) echo "ibmcloud version 2.99.0+twin-test"; exit 0;;',
    "  plugin) printf 'Plug-in Name      tke\\nPlug-in Version   1.9.9\\n'; exit 0;;",
    'esac',
    `exec "${process.execPath}" "${join(ROOT, 'bin/ibmcloud-sim.js')}" "$@"`,
    '',
  ].join('\n');
  writeFileSync(join(bin, 'ibmcloud'), script);
  chmodSync(join(bin, 'ibmcloud'), 0o755);
}

interface Side {
  dir: string;
  env: NodeJS.ProcessEnv;
}

function side(name: string): Side {
  const dir = join(tmp, name);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${join(tmp, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
    MKRA_SIM_DIR: join(dir, 'sim'),
    CLOUDTKEFILES: join(dir, 'files'),
    MKRA_SIM_TIME_SCALE: '0',
  };
  delete env.MKRA_SIM_FAULT;
  return { dir, env };
}

function run(s: Side, command: string, args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(command, args, { env: s.env, cwd: tmp, encoding: 'utf8', timeout: TIMEOUT_MS, input: '' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const ibmcloud = (s: Side, ...args: string[]) => run(s, join(tmp, 'bin', 'ibmcloud'), args);
const mkra = (s: Side, ...args: string[]) => run(s, process.execPath, [join(ROOT, 'bin/mkra.js'), ...args]);

function status(s: Side): SimStatus {
  const r = ibmcloud(s, 'sim', 'status', '--json');
  expect(r.code, r.out).toBe(0);
  return JSON.parse(r.out) as SimStatus;
}

/** What a twin carries of a status: every unit's captured fields (settings only when selected). */
function captured(s: SimStatus): unknown {
  return {
    units: s.units.map((u) => ({
      num: u.num,
      type: u.type,
      location: u.location,
      instance: u.instance,
      selected: u.selected,
      ...(u.selected ? { thresholds: u.thresholds, admins: u.admins, imprint: u.imprint } : {}),
      ...(u.selected ? { current: u.current, new: u.new } : {}),
    })),
    instances: s.instances.map((i) => ({ id: i.id, units: i.units, wrappedVps: i.wrapped.map((w) => w.vp) })),
    selectedUnits: s.selectedUnits,
    sigkeys: s.sigkeys,
    mkparts: s.mkparts,
  };
}

const source = () => side('source');
const copy = () => side('copy');
const twinPath = () => join(tmp, 'twin.json');

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'mkra-twin-'));
  installIbmcloud(join(tmp, 'bin'));
  expect(ibmcloud(source(), 'sim', 'reset', '--scenario', 'twin-source').code).toBe(0);
}, TIMEOUT_MS);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('twin: capture, reset --twin, compare', () => {
  it('mkra help lists twin capture', () => {
    expect(mkra(source(), 'help').out).toContain('mkra twin capture [--out FILE]');
  });

  it(
    'captures the source through ibmcloud on PATH',
    () => {
      const r = mkra(source(), 'twin', 'capture', '--out', twinPath());
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('2 instance(s), 8 crypto unit(s), 3 signature key file name(s), 1 key part file name(s)');
      expect(r.err).toContain('crypto units 7 were not selected');
      const twin = JSON.parse(readFileSync(twinPath(), 'utf8')) as { cli: unknown };
      expect(twin.cli).toEqual({ ibmcloud: '2.99.0+twin-test', tke: '1.9.9' });
    },
    TIMEOUT_MS,
  );

  it('the twin holds no password and no key material of the source', () => {
    const text = readFileSync(twinPath(), 'utf8');
    expect(text).not.toContain('passw0rd');
    type Unit = { current: { value: string }; new: { value: string } };
    const state = JSON.parse(readFileSync(join(source().dir, 'sim', 'state.json'), 'utf8')) as {
      instances: { units: Unit[]; keystore: { wrap: string | null }[] }[];
    };
    const values = state.instances.flatMap((i) => [
      ...i.units.flatMap((u) => [u.current.value, u.new.value]),
      ...i.keystore.map((k) => k.wrap ?? ''),
    ]);
    const files = join(source().dir, 'files');
    const fileSecrets = readdirSync(files).flatMap((name) => {
      const f = JSON.parse(readFileSync(join(files, name), 'utf8')) as Record<string, string>;
      return [f.enckey, f.seaSalt, f.pubkey].filter((v): v is string => typeof v === 'string');
    });
    const material = [...values, ...fileSecrets].filter((v) => v.length >= 32);
    expect(material.length).toBeGreaterThan(10);
    for (const m of material.map((v) => v.toLowerCase())) {
      expect(text.toLowerCase()).not.toContain(m.slice(0, 32));
      expect(text.toLowerCase()).not.toContain(m.slice(-32));
    }
  });

  it(
    'a simulator reset from the twin shows every captured field of the source',
    () => {
      const r = ibmcloud(copy(), 'sim', 'reset', '--twin', twinPath(), '--keys', '40');
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain('Crypto unit 7 was not read at capture');
      const [a, b] = [status(source()), status(copy())];
      expect(captured(b)).toEqual(captured(a));
      expect(b.units.find((u) => u.num === 8)?.type).toBe('FAILOVER');
      expect(b.units.find((u) => u.num === 2)?.current.vp.endsWith('00000000')).toBe(false);
      expect(b.units[0]?.admins).toHaveLength(3);
      expect(b.units[0]?.thresholds).toEqual({ signature: 2, revocation: 2 });
      expect(readdirSync(join(copy().dir, 'files')).sort()).toEqual(readdirSync(join(source().dir, 'files')).sort());
    },
    TIMEOUT_MS,
  );

  it(
    'a capture of the copy is the same twin',
    () => {
      const again = join(tmp, 'again.json');
      expect(mkra(copy(), 'twin', 'capture', '--out', again).code).toBe(0);
      const strip = (p: string) => ({ ...(JSON.parse(readFileSync(p, 'utf8')) as object), capturedAt: '' });
      expect(strip(again)).toEqual(strip(twinPath()));
    },
    TIMEOUT_MS,
  );

  it(
    'refuses malformed, truncated, future-version and oversized files, changing nothing',
    () => {
      const good = readFileSync(twinPath(), 'utf8');
      const before = JSON.stringify(status(copy()));
      const cases: [string, string, RegExp][] = [
        ['malformed', good.replace('"FAILOVER"', '"SPARE"'), /malformed at instances\.1\.units\.3\.type/],
        ['truncated', good.slice(0, Math.floor(good.length * 0.6)), /truncated/],
        ['future', good.replace('mkra-twin/1', 'mkra-twin/2'), /format mkra-twin\/2, made by a newer/],
        ['oversized', good + ' '.repeat(MAX_TWIN_BYTES), /over the limit of 1048576 bytes \(1 MiB\)/],
      ];
      for (const [name, text, why] of cases) {
        const file = join(tmp, `${name}.json`);
        writeFileSync(file, text);
        const r = ibmcloud(copy(), 'sim', 'reset', '--twin', file);
        expect(r.code, name).toBe(1);
        expect(r.out, name).toMatch(why);
        expect(r.out, name).toContain('Nothing was changed.');
      }
      const dir = ibmcloud(copy(), 'sim', 'reset', '--twin', tmp);
      expect([dir.code, dir.out]).toEqual([1, expect.stringContaining('a directory, not a regular file')]);
      expect(JSON.stringify(status(copy()))).toBe(before);
    },
    TIMEOUT_MS,
  );
});
