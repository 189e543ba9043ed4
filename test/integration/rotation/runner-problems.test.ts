import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resolveEnvironment } from '../../../electron/backend/backend.js';
import { RotationService } from '../../../electron/backend/rotation/rotation-service.js';
import { buildInvocation } from '../../../electron/backend/runner/tke-invocation.js';
import { scanWorkspace, verifyPassword } from '../../../electron/backend/keyfiles/index.js';
import { createHarness, PASSWORD } from './harness.js';

const base = { host: 'electron' as const, forceDemo: false, name: 'n', version: '0', platform: 'linux' };

/** A fake `ibmcloud` (with or without the tke plug-in folder) whose behaviour is a shell script. */
function fakeLive(script: string, withPlugin = true) {
  const root = mkdtempSync(join(tmpdir(), 'mkra-live-'));
  mkdirSync(join(root, 'bin'));
  writeFileSync(join(root, 'bin', 'ibmcloud'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(root, 'bin', 'ibmcloud'), 0o755);
  if (withPlugin) mkdirSync(join(root, 'home', '.bluemix', 'plugins', 'tke'), { recursive: true });
  mkdirSync(join(root, 'keys'), { mode: 0o700 });
  const env = {
    PATH: `${join(root, 'bin')}:/usr/bin:/bin`,
    IBMCLOUD_HOME: join(root, 'home'),
    CLOUDTKEFILES: join(root, 'keys'),
    SECRET_TOKEN: 'must-not-leak',
  };
  return { root, env, info: resolveEnvironment({ ...base, env, dataDir: join(root, 'data') }) };
}

function serviceFor(live: ReturnType<typeof fakeLive>, notices: string[] = [], hangAfterMs = 30_000) {
  return new RotationService({
    dataDir: join(live.root, 'data'),
    invocation: () => buildInvocation({ info: live.info, env: live.env }),
    hangAfterMs,
    events: {
      line: () => undefined,
      exit: () => undefined,
      updated: () => undefined,
      notice: (n) => notices.push(n.message),
    },
  });
}

describe('clear messages instead of silent stalls', () => {
  it('a missing tke plug-in is named with the command that installs it', () => {
    const live = fakeLive('exit 0', false);
    expect(live.info.mode).toBe('demo');
    expect(live.info.modeReason).toMatch(/ibmcloud plugin install tke/);
  });

  it('an unset or missing CLOUDTKEFILES refuses to run any command, saying why', async () => {
    const live = fakeLive('exit 0');
    const info = resolveEnvironment({
      ...base,
      env: { ...live.env, CLOUDTKEFILES: join(live.root, 'nope') },
      dataDir: join(live.root, 'd'),
    });
    expect(() => buildInvocation({ info, env: live.env })).toThrow(/does not exist.*key files/);
    const unset = resolveEnvironment({
      ...base,
      env: { ...live.env, CLOUDTKEFILES: '' },
      dataDir: join(live.root, 'd2'),
    });
    expect(() => buildInvocation({ info: unset, env: live.env })).toThrow(/CLOUDTKEFILES is not set/);
  });

  it('a CLI that prints nothing for too long is reported as possibly hung', async () => {
    const live = fakeLive('sleep 5');
    const notices: string[] = [];
    const service = serviceFor(live, notices, 400);
    const run = await service.run(['tke', 'cryptounits']);
    // However busy the machine, the notice comes once the command has been silent 400 ms.
    await vi.waitFor(() => expect(notices.join('\n')).toMatch(/has printed nothing/), {
      timeout: 60_000,
      interval: 50,
    });
    expect(service.state().running?.hang).not.toBeNull();
    await service.cancel(run.runId);
    await service.idle();
  });

  it("passes only CLOUDTKEFILES and system essentials to the CLI, not the app's other variables", async () => {
    const live = fakeLive('env');
    const service = serviceFor(live);
    const { lines } = await service.read(['tke', 'cryptounits']);
    expect(lines).toContain(`CLOUDTKEFILES=${live.env.CLOUDTKEFILES}`);
    expect(lines.join('\n')).not.toContain('must-not-leak');
  });
});

describe('cancellation', () => {
  it('after M1 needs the typed CANCEL, explains the consequence, and the advice is then a reading, then cryptounit-mk-rotate', async () => {
    const h = await createHarness();
    // A slow simulator (the 30 s discovery delay at 1/5 speed) leaves time to cancel after M1.
    const slow = new RotationService({
      dataDir: h.dataDir,
      invocation: () => ({
        ...buildInvocation({
          info: resolveEnvironment({
            host: 'browser',
            env: { PATH: process.env.PATH ?? '' },
            dataDir: h.dataDir,
            forceDemo: true,
            name: 'n',
            version: '0',
          }),
          env: { PATH: process.env.PATH ?? '' },
          simDir: h.simDir,
          simTimeScale: '0.2',
        }),
      }),
      events: { line: () => undefined, exit: () => undefined, updated: () => undefined, notice: () => undefined },
    });
    await slow.start({ flow: 'auto' });
    const run = await slow.run(['tke', 'auto-mk-rotate']);
    // Deadlines, not counts of sleeps: a busy machine slows the simulator down without failing the test.
    const until = (ms: number) => Date.now() + ms;
    for (const end = until(120_000); Date.now() < end && !slow.state().running?.m1Seen;) {
      const prompt = slow.state().running?.prompt;
      if (prompt) await slow.answer(run.runId, PASSWORD, true);
      await new Promise((r) => setTimeout(r, 50));
      await slow.idle();
    }
    expect(slow.state().running?.m1Seen).toBe(true);
    const first = await slow.cancel(run.runId);
    expect(first.cancelled).toBe(false);
    expect(first.warning).toMatch(/partly re-encrypted.*cryptounit-mk-rotate.*Type CANCEL/);
    expect((await slow.cancel(run.runId, 'CANCEL')).cancelled).toBe(true);
    for (const end = until(60_000); Date.now() < end && slow.state().running;)
      await new Promise((r) => setTimeout(r, 50));
    await slow.idle();
    // Killed by the cancel: how far it got is unseen, so the registers are read before anything.
    const killed = slow.snapshot();
    expect(killed.classification.phase).toBe('indeterminate');
    expect(killed.classification.next.map((n) => n.command)).toEqual(['ibmcloud tke cryptounit-mk']);
    expect(killed.classification.forbidden.map((f) => f.command)).toContain('ibmcloud tke auto-mk-rotate');
    await slow.run(['tke', 'cryptounit-mk']);
    for (const end = until(120_000); Date.now() < end && slow.state().running;)
      await new Promise((r) => setTimeout(r, 50));
    await slow.idle();
    const snap = slow.snapshot();
    expect(snap.classification.phase).toBe('rewrap-interrupted');
    expect(snap.classification.next[0]?.command).toBe('ibmcloud tke cryptounit-mk-rotate');
  });
});

describe('key files made by the simulator', () => {
  it('are listed with their SKIs, match the installed administrators, and verify their passwords', async () => {
    const h = await createHarness('key-parts');
    const scan = await scanWorkspace(join(h.simDir, 'tkefiles'));
    expect(scan.sigkeys.map((k) => k.description).sort()).toEqual(['admin1', 'admin2']);
    expect(scan.mkparts.length).toBe(3);
    expect(scan.warnings).toEqual([]);
    const file = join(h.simDir, 'tkefiles', scan.sigkeys[0]?.fileName ?? '');
    expect(await verifyPassword(file, PASSWORD)).toEqual({ ok: true });
    expect(await verifyPassword(file, 'wrong')).toEqual({ ok: false, reason: 'wrong-password' });
    const part = join(h.simDir, 'tkefiles', scan.mkparts[0]?.fileName ?? '');
    expect(await verifyPassword(part, PASSWORD)).toEqual({ ok: true });
  });
});
