/**
 * `demo:set-fault` arms only a fault point the simulator has (FAULT_POINTS, optionally `:crash`),
 * and refuses any other with its name, arming nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/backend.js';

const dataDir = mkdtempSync(join(tmpdir(), 'mkra-set-fault-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('arming a simulator fault', () => {
  it('takes a known point, with or without :crash, and refuses an unknown one without arming it', async () => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', MKRA_SIM_TIME_SCALE: '0' };
    const backend = createBackend({ host: 'browser', env, dataDir, forceDemo: true, name: 'mkra', version: 'test' });
    const setFault = backend.handlers['demo:set-fault'];
    await expect(setFault({ fault: 'after-m1:crash' })).resolves.toEqual({ fault: 'after-m1:crash' });
    await expect(setFault({ fault: 'after-lunch' })).rejects.toThrow(/Unknown fault point after-lunch/);
    await expect(setFault({ fault: 'after-lunch:crash' })).rejects.toThrow(/Unknown fault point after-lunch:crash/);
    // The refused points replaced nothing: the one armed before is still what the status shows.
    expect((await backend.handlers['demo:get-status']({})).fault).toBe('after-m1:crash');
    await backend.rotations.shutdown();
  });
});
