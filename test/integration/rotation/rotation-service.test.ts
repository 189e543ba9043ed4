import { describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, readAllFiles } from './harness.js';

describe('rotation service against ibmcloud-sim under a pseudo-terminal', () => {
  it('runs a complete auto-mk-rotate, journals every line and keeps no password anywhere', async () => {
    const h = await createHarness();
    await h.service.start({ flow: 'auto', operator: 'Yamada Taro' });
    const after = await h.runToExit(['tke', 'auto-mk-rotate']);
    expect(after.classification.phase).toBe('completed');
    expect(after.commands.at(-1)?.exitCode).toBe(0);
    expect(after.timeline.steps.every((s) => s.state === 'done' || s.state === 'skipped')).toBe(true);
    expect(h.lines).toContain('Delaying 30 seconds to allow server to discover new master key values');
    expect(h.keystore()).toMatchObject({ lost: 0 });
    await h.service.finish('completed');
    const leaked = readAllFiles(h.dataDir).filter((f) => f.text.includes(PASSWORD));
    expect(leaked.map((f) => f.path)).toEqual([]);
  });

  it('after a failure at after-m1 refuses auto-mk-rotate in the backend and recovers with cryptounit-mk-rotate', async () => {
    const h = await createHarness();
    await h.service.start({ flow: 'auto' });
    h.setFault('after-m1');
    const failed = await h.runToExit(['tke', 'auto-mk-rotate']);
    h.setFault(null);
    expect(failed.classification.phase).toBe('rewrap-interrupted');
    await expect(h.service.run(['tke', 'auto-mk-rotate'])).rejects.toThrow(/auto-mk-rotate is refused/);
    await expect(h.service.run(['tke', 'auto-mk-rotate'])).rejects.toMatchObject({
      reason: { kind: 'forbidden', command: 'ibmcloud tke auto-mk-rotate' },
    });
    expect(failed.classification.next[0]?.command).toBe('ibmcloud tke cryptounit-mk-rotate');
    const recovered = await h.runToExit(['tke', 'cryptounit-mk-rotate']);
    expect(recovered.classification.phase).toBe('completed');
    expect(h.keystore()).toMatchObject({ lost: 0 });
  });

  it('runs the key-part flow to completion: load two parts, commit, rotate', async () => {
    const h = await createHarness('key-parts');
    await h.service.start({ flow: 'keyparts' });
    // The parts in one answer (the harness answers KEYNUM prompts with `1 2`), then the passwords.
    const loaded = await h.runToExit(['tke', 'cryptounit-mk-load']);
    expect(loaded.commands.at(-1)?.exitCode).toBe(0);
    expect((await h.runToExit(['tke', 'cryptounit-mk-commit'])).commands.at(-1)?.exitCode).toBe(0);
    const rotated = await h.runToExit(['tke', 'cryptounit-mk-rotate']);
    expect(rotated.flow).toBe('keyparts');
    expect(rotated.classification.phase).toBe('completed');
    expect(h.lines).toContain('KMS CRK rewrap successful, waiting on cryptounit-mk-setimm');
    expect(h.keystore()).toMatchObject({ lost: 0 });
  });

  it('refuses a mutating command outside a rotation, but runs a listing', async () => {
    const h = await createHarness();
    await expect(h.service.run(['tke', 'auto-mk-rotate'])).rejects.toThrow(/start \(or resume\) a rotation first/);
    const { exitCode, lines } = await h.service.read(['tke', 'cryptounits']);
    expect(exitCode).toBe(0);
    expect(lines.some((l) => l.startsWith('SERVICE INSTANCE:'))).toBe(true);
  });

  it('refuses a second command while one runs', async () => {
    const h = await createHarness();
    await h.service.start({ flow: 'auto' });
    const first = await h.service.run(['tke', 'auto-mk-rotate']);
    await expect(h.service.run(['tke', 'cryptounits'])).rejects.toThrow(/Only one command runs at a time/);
    await h.service.cancel(first.runId);
    await h.service.idle();
  });

  it('refuses commands outside the rotation vocabulary', async () => {
    const h = await createHarness();
    await h.service.start({ flow: 'auto' });
    await expect(h.service.run(['plugin', 'install', 'evil'])).rejects.toThrow(/Not a command this app runs/);
    await expect(h.service.run(['tke', 'auto-mk-rotate\nrm -rf /'])).rejects.toThrow(/single-line/);
  });

  for (const fault of [
    'after-generate',
    'after-copy',
    'after-commit',
    'after-m1',
    'mid-rewrap',
    'after-m2',
    'mid-setimm',
    'auth',
  ]) {
    for (const how of ['', ':crash']) {
      it(`recovers from ${fault}${how} by following the advisor, with zero keys lost`, async () => {
        const h = await createHarness();
        await h.service.start({ flow: 'auto' });
        h.setFault(fault + how);
        const snap = await h.runToExit(['tke', 'auto-mk-rotate']);
        h.setFault(null);
        expect(snap.classification.phase).not.toBe('completed');
        const { snapshot, followed } = await h.followAdvisor(snap);
        expect(snapshot.classification.phase, followed.join(' -> ')).toBe('completed');
        expect(h.keystore()).toMatchObject({ lost: 0 });
        if (['after-m1', 'mid-rewrap', 'after-m2', 'mid-setimm'].includes(fault))
          expect(followed).not.toContain('ibmcloud tke auto-mk-rotate');
      });
    }
  }

  for (const fault of ['mid-rewrap', 'after-m2', 'mid-setimm']) {
    for (const how of ['', ':crash']) {
      it(`key-part flow: recovers from ${fault}${how} in cryptounit-mk-rotate by following the advisor, with zero keys lost`, async () => {
        const h = await createHarness('key-parts');
        await h.service.start({ flow: 'keyparts' });
        await h.runToExit(['tke', 'cryptounit-mk-load']);
        await h.runToExit(['tke', 'cryptounit-mk-commit']);
        h.setFault(fault + how);
        const snap = await h.runToExit(['tke', 'cryptounit-mk-rotate']);
        h.setFault(null);
        const { snapshot, followed } = await h.followAdvisor(snap);
        expect(snapshot.classification.phase, followed.join(' -> ')).toBe('completed');
        expect(h.keystore()).toMatchObject({ lost: 0 });
      });
    }
  }
});
