import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveEnvironment } from '../../../electron/backend/backend.js';
import { reportHandlers } from '../../../electron/backend/handlers/reports.js';
import { SettingsStore } from '../../../electron/backend/settings.js';
import { buildInvocation } from '../../../electron/backend/runner/tke-invocation.js';
import { createHarness, PASSWORD, readAllFiles } from './harness.js';

const KEY_PASSWORD = 'report-key-Pa55word';

describe('report export after a recovery, through the backend handlers', () => {
  it('exports a signed demo report that mkra verify accepts, and no password is written anywhere', async () => {
    const h = await createHarness();
    await h.service.start({
      flow: 'auto',
      operator: '山田 太郎',
      prechecks: {
        flow: 'auto',
        ranAt: new Date().toISOString(),
        results: [
          { id: 'auth', status: 'pass', summary: 'token valid for 59 minutes' },
          { id: 'new-mk', status: 'pass', summary: 'every new register Empty' },
        ],
      },
    });
    h.setFault('after-m1');
    await h.runToExit(['tke', 'auto-mk-rotate']);
    h.setFault(null);
    await h.runToExit(['tke', 'cryptounit-mk-rotate']);
    const done = await h.service.finish('completed');
    const info = resolveEnvironment({
      host: 'browser',
      env: { PATH: process.env.PATH ?? '' },
      dataDir: h.dataDir,
      forceDemo: true,
      name: 'n',
      version: '0',
    });
    const handlers = reportHandlers({
      info,
      dataDir: h.dataDir,
      rotations: h.service,
      settings: new SettingsStore(h.dataDir),
      invocation: () => buildInvocation({ info, env: {}, simDir: h.simDir }),
      emit: () => undefined,
      secretBox: null,
    });
    expect(await handlers['report:get-key-status']({})).toEqual({ osKeystore: false, exists: false });
    await expect(handlers['report:export']({ rotationId: done.rotationId, language: 'ja' })).rejects.toThrow(
      /report key password/,
    );
    const exported = await handlers['report:export']({
      rotationId: done.rotationId,
      language: 'ja',
      keyPassword: KEY_PASSWORD,
    });
    expect(exported.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(await handlers['report:get-key-status']({})).toEqual({ osKeystore: false, exists: true });
    for (const path of [exported.pdfPath, exported.jsonPath]) {
      const r = spawnSync(process.execPath, ['bin/mkra.js', 'verify', path, '--key', exported.fingerprint], {
        encoding: 'utf8',
      });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(/demo/i);
    }
    const signed = JSON.parse(readFileSync(exported.jsonPath, 'utf8')) as {
      payload: { prechecks: unknown[]; registers: { units: { new: { state: string } }[] }[] };
    };
    expect(signed.payload.prechecks).toHaveLength(1);
    // Readings before the rotation, after the recovery's setimm check, and after completion.
    expect(signed.payload.registers.length).toBeGreaterThanOrEqual(2);
    expect(signed.payload.registers[0]?.units.every((u) => u.new.state === 'Empty')).toBe(true);
    const pdf = await handlers['report:read-file']({ rotationId: done.rotationId, kind: 'pdf' });
    const verdict = await handlers['report:verify']({
      file: { name: pdf.name, base64: pdf.base64 },
      pinnedFingerprint: exported.fingerprint,
    });
    expect(verdict).toMatchObject({ status: 'valid', pinned: true });
    const leaks = readAllFiles(h.dataDir).filter((f) => f.text.includes(PASSWORD) || f.text.includes(KEY_PASSWORD));
    expect(leaks.map((f) => f.path)).toEqual([]);
  });
});
