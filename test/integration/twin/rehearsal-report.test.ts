// The app side of a rehearsal: a twin captured from the workstation's own instance (the demo
// simulator standing in for it) is rehearsed through the `twin:rehearse` channel with faults; the
// rotation started next on that instance journals the rehearsal, and its signed report lists it
// (twin SHA-256, faults rehearsed, outcome). A renderer cannot forge that line.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/backend.js';
import { demoPaths } from '../../../electron/backend/environment/paths.js';
import { verifyReportBytes } from '../../../electron/backend/reports/index.js';
import { ensureBuilt, ROOT } from '../sim/harness.js';
import { CHECKLIST_IDS } from '../../../shared/precheck/checklist.js';

const TIMEOUT_MS = 300_000;
const tmp = mkdtempSync(join(tmpdir(), 'mkra-twin-app-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `mkra twin capture` of the demo simulator, through an `ibmcloud` on PATH that is the simulator. */
function captureDemo(dataDir: string): Buffer {
  const bin = join(tmp, 'bin');
  mkdirSync(bin, { recursive: true });
  const sim = join(ROOT, 'bin/ibmcloud-sim.js');
  writeFileSync(join(bin, 'ibmcloud'), `#!/bin/sh\nexec "${process.execPath}" "${sim}" "$@"\n`);
  chmodSync(join(bin, 'ibmcloud'), 0o755);
  const { simDir, tkeFilesDir } = demoPaths(dataDir);
  const PATH = `${bin}${delimiter}${process.env.PATH ?? ''}`;
  const env = { ...process.env, PATH, MKRA_SIM_DIR: simDir, CLOUDTKEFILES: tkeFilesDir };
  const out = join(dataDir, 'twin.json');
  const args = [join(ROOT, 'bin/mkra.js'), 'twin', 'capture', '--out', out];
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8', timeout: TIMEOUT_MS });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(out);
}

describe.skipIf(process.platform === 'win32')('rehearse on a twin first', () => {
  it(
    'the next rotation of the instance journals the rehearsal and its signed report lists it',
    async () => {
      ensureBuilt();
      const dataDir = join(tmp, 'data');
      const options = {
        host: 'browser',
        env: process.env,
        dataDir,
        forceDemo: true,
        name: 'mkra',
        version: 't',
      } as const;
      const backend = createBackend(options);
      const h = backend.handlers;
      await h['demo:reset']({ scenario: 'older-firmware' });
      const twin = captureDemo(dataDir);
      const instanceId = (JSON.parse(twin.toString('utf8')) as { instances: { id: string }[] }).instances[0]!.id;
      const faults = ['after-m1', 'mid-rewrap:crash', 'mid-setimm'];

      const file = { name: 'twin.json', base64: twin.toString('base64') };
      const rehearsal = await h['twin:rehearse']({ twin: file, instanceId, faults });
      expect(rehearsal.faults.map((f) => [f.fault, f.recovered, f.keysLost])).toEqual(faults.map((f) => [f, true, 0]));
      expect((await h['twin:get-rehearsal']({})).rehearsal).toEqual(rehearsal);
      // Nothing of the rehearsal touched the simulator the app drives: its registers are as captured.
      const demo = await h['demo:get-status']({});
      expect(demo.keystore.lost).toBe(0);

      await expect(
        h['rotation:start']({ flow: 'auto', instanceId: 'another-instance', confirmed: [...CHECKLIST_IDS] }),
      ).rejects.toThrow();
      const started = await h['rotation:start']({ flow: 'auto', instanceId, confirmed: [...CHECKLIST_IDS] });
      const sha = createHash('sha256').update(twin).digest('hex');
      await expect(
        h['rotation:record-decision']({ what: 'Rehearsed on a twin first: everything recovered', override: false }),
      ).rejects.toThrow(/not as a free decision/);

      const rotationId = started.rotationId;
      const exported = await h['report:export']({ rotationId, language: 'en', keyPassword: 'twin report key' });
      const check = await verifyReportBytes(readFileSync(exported.jsonPath));
      if (check.status !== 'valid') throw new Error(check.reason);
      const lines = check.content.decisions.map((d) => d.what).filter((w) => w.startsWith('Rehearsed on a twin first'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`twin sha256 ${sha}`);
      expect(lines[0]).toContain('faults rehearsed: after-m1, mid-rewrap:crash, mid-setimm');
      expect(lines[0]).toContain('outcome: recovered from 3 of 3, 0 keys lost');
      // The signed report carries what the administrator confirmed before starting, and what follows.
      const whats = check.content.decisions.map((d) => d.what);
      expect(whats.filter((w) => w.startsWith('Confirmed before starting: '))).toHaveLength(2);
      expect(whats.filter((w) => w.startsWith('To do once the rotation is complete: '))).toHaveLength(2);
    },
    TIMEOUT_MS,
  );

  it(
    'a twin brought to another workstation is loaded in demo mode from the app; a bad one changes nothing',
    async () => {
      ensureBuilt();
      const source = createBackend({
        host: 'browser',
        env: process.env,
        dataDir: join(tmp, 'source'),
        forceDemo: true,
        name: 'mkra',
        version: 't',
      });
      await source.handlers['demo:reset']({ scenario: 'older-firmware' });
      const twin = captureDemo(join(tmp, 'source'));
      const captured = await source.handlers['demo:get-status']({});

      // The training room: another data directory, its simulator on the default scenario.
      const room = createBackend({
        host: 'browser',
        env: process.env,
        dataDir: join(tmp, 'room'),
        forceDemo: true,
        name: 'mkra',
        version: 't',
      });
      const h = room.handlers;
      await h['demo:reset']({ scenario: 'default' });
      const before = await h['demo:get-status']({});
      const bad = [
        ['not JSON', Buffer.from('{"kind":')],
        ['truncated', twin.subarray(0, Math.floor(twin.length / 2))],
        ['future version', Buffer.from(twin.toString('utf8').replace('"mkra-twin/1"', '"mkra-twin/9"'))],
        ['not UTF-8', Buffer.from([0xff, 0xfe, 0x00])],
      ] as const;
      for (const [what, bytes] of bad) {
        await expect(
          h['demo:load-twin']({ twin: { name: 'twin.json', base64: bytes.toString('base64') } }),
          what,
        ).rejects.toThrow(/Nothing was changed|refused the twin/);
        expect(await h['demo:get-status']({}), what).toEqual(before);
      }

      const loaded = await h['demo:load-twin']({
        twin: { name: 'twin.json', base64: twin.toString('base64') },
        keys: 120,
      });
      expect(loaded.loaded).toMatch(/^Simulator reset to the twin captured /);
      const pick = (s: typeof captured) =>
        s.units.map((u) => [u.num, u.type, u.location, u.selected, u.current, u.new]);
      expect(pick(loaded)).toEqual(pick(captured));
      expect(loaded.keystore).toEqual({ total: 120, usable: 120, lost: 0 });
      expect(loaded.token.valid).toBe(true);
    },
    TIMEOUT_MS,
  );
});
