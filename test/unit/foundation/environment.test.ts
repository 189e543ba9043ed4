import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEnvironment } from '../../../electron/backend/backend.js';
import { detectTke } from '../../../electron/backend/environment/detect-tke.js';
import { inspectTkeFiles } from '../../../electron/backend/environment/tke-files.js';
import { parseServeArgs } from '../../../electron/cli/serve.js';

function fakeCli(withPlugin: boolean) {
  const root = mkdtempSync(join(tmpdir(), 'mkra-env-'));
  const bin = join(root, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'ibmcloud'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(bin, 'ibmcloud'), 0o755);
  if (withPlugin) mkdirSync(join(root, 'home', '.bluemix', 'plugins', 'tke'), { recursive: true });
  const keys = join(root, 'keys');
  mkdirSync(keys);
  return { root, env: { PATH: bin, IBMCLOUD_HOME: join(root, 'home'), CLOUDTKEFILES: keys } };
}

const base = { host: 'electron' as const, forceDemo: false, name: 'n', version: '1.0.0', platform: 'linux' };

describe('mode detection', () => {
  it('is live when ibmcloud and the tke plug-in are both present, with CLOUDTKEFILES from the environment', () => {
    const { root, env } = fakeCli(true);
    const info = resolveEnvironment({ ...base, env, dataDir: join(root, 'data') });
    expect(info.mode).toBe('live');
    expect(info.modeReasonCode).toBe('live');
    expect(info.tkeFiles).toMatchObject({ dir: env.CLOUDTKEFILES, source: 'env', status: 'ok' });
  });

  it('falls back to demo when the tke plug-in is missing, and says why', () => {
    const { root, env } = fakeCli(false);
    const info = resolveEnvironment({ ...base, env, dataDir: join(root, 'data') });
    expect(info.mode).toBe('demo');
    expect(info.modeReasonCode).toBe('no-plugin');
    expect(info.modeReason).toMatch(/ibmcloud plugin install tke/);
    expect(info.tkeFiles.source).toBe('demo');
  });

  it('is demo without ibmcloud on PATH', () => {
    const root = mkdtempSync(join(tmpdir(), 'mkra-env-'));
    expect(detectTke({ PATH: root })).toEqual({ executable: null, pluginDir: null });
    expect(resolveEnvironment({ ...base, env: { PATH: root }, dataDir: root }).modeReasonCode).toBe('no-ibmcloud');
  });

  it('is demo when forced, even with a live CLI', () => {
    const { root, env } = fakeCli(true);
    expect(resolveEnvironment({ ...base, forceDemo: true, env, dataDir: join(root, 'd') }).mode).toBe('demo');
  });
});

describe('CLOUDTKEFILES inspection', () => {
  it('reports unset, missing and not-a-directory clearly', () => {
    const root = mkdtempSync(join(tmpdir(), 'mkra-tkef-'));
    writeFileSync(join(root, 'file'), '');
    expect(inspectTkeFiles(null, 'env')).toMatchObject({ status: 'unset' });
    expect(inspectTkeFiles(join(root, 'nope'), 'env')).toMatchObject({
      status: 'missing',
      message: expect.stringMatching(/does not exist/),
    });
    expect(inspectTkeFiles(join(root, 'file'), 'env')).toMatchObject({ status: 'not-a-directory' });
    expect(inspectTkeFiles(root, 'env')).toMatchObject({ status: 'ok' });
  });

  it('reports a live CLOUDTKEFILES that is unset', () => {
    const { root, env } = fakeCli(true);
    const info = resolveEnvironment({ ...base, env: { ...env, CLOUDTKEFILES: '' }, dataDir: join(root, 'd') });
    expect(info.tkeFiles.status).toBe('unset');
  });
});

describe('mkra serve arguments', () => {
  it('requires --demo and a valid port', () => {
    expect(() => parseServeArgs([])).toThrow(/--demo/);
    expect(() => parseServeArgs(['--demo', '--port', 'abc'])).toThrow(/--port/);
    expect(() => parseServeArgs(['--demo', '--port', '70000'])).toThrow(/--port/);
    expect(() => parseServeArgs(['--demo', '--live'])).toThrow(/unknown argument/);
    expect(parseServeArgs(['--demo', '--port', '8080'])).toEqual({ port: 8080, dataDir: undefined });
    expect(parseServeArgs(['--demo', '--port=0', '--data-dir', '/tmp/x'])).toEqual({ port: 0, dataDir: '/tmp/x' });
  });
});
