/**
 * `mkra serve --demo` keeps the simulator's state where MKRA_SIM_DIR says, as ibmcloud-sim itself
 * does: a training room prepares a scenario with `ibmcloud-sim sim reset` and serves exactly that.
 * Without the variable the state lives in the data directory (`demo/sim`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { runServe } from '../../../electron/cli/serve.js';
import type { RunningHost } from '../../../electron/backend/host/server.js';
import { ROOT, requireBuilt } from '../require-built.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The scenario the served backend's simulator reports. */
async function servedScenario(env: NodeJS.ProcessEnv, dataDir: string): Promise<unknown> {
  let url = '';
  const host: RunningHost = await runServe(
    ['--demo', '--port', '0', '--data-dir', dataDir],
    env,
    (line) => (url = line.replace('Listening on ', '')),
  );
  try {
    const u = new URL(url);
    const ws = new WebSocket(`ws://127.0.0.1:${u.port}/api`, {
      headers: { Origin: u.origin, Cookie: `mkra_token=${u.searchParams.get('token') ?? ''}` },
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const reply = new Promise<{ result: { ok: boolean; value: { scenario: string } } }>((resolve) =>
      ws.once('message', (d) => resolve(JSON.parse(d.toString()))),
    );
    ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'demo:get-status', payload: {} }));
    const answer = await reply;
    ws.close();
    expect(answer.result.ok).toBe(true);
    return answer.result.value.scenario;
  } finally {
    await host.close();
  }
}

describe('mkra serve --demo and MKRA_SIM_DIR', () => {
  it('serves the simulator state prepared in MKRA_SIM_DIR, and keeps its own state in the data directory otherwise', async () => {
    requireBuilt('dist/bin/ibmcloud-sim.cjs', ['shared', 'electron']);
    const dir = mkdtempSync(join(tmpdir(), 'mkra-serve-simdir-'));
    dirs.push(dir);
    const simDir = join(dir, 'prepared');
    const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', MKRA_SIM_TIME_SCALE: '0' };
    const reset = spawnSync(
      process.execPath,
      [join(ROOT, 'bin', 'ibmcloud-sim.js'), 'sim', 'reset', '--scenario', 'private-only'],
      {
        env: { ...base, MKRA_SIM_DIR: simDir, CLOUDTKEFILES: join(simDir, 'tkefiles') },
        encoding: 'utf8',
      },
    );
    expect(reset.status, reset.stderr).toBe(0);

    expect(await servedScenario({ ...base, MKRA_SIM_DIR: simDir }, join(dir, 'data-a'))).toBe('private-only');
    expect(existsSync(join(dir, 'data-a', 'demo', 'sim'))).toBe(false);

    expect(await servedScenario(base, join(dir, 'data-b'))).toBe('default');
  });
});
