/**
 * A new rotation after the CLI crashed mid re-encryption (real simulator, real rotation service):
 * the hardware's state decides, not the journal. With the old journal unfinished, no new rotation
 * starts; closed, or gone altogether (another data directory), the new rotation's own baseline
 * reading shows the committed new key and auto-mk-rotate stays refused, as the written-out table
 * says for a committed key read with no history.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoPaths } from '../../../electron/backend/environment/paths.js';
import { REGISTERS_COMMITTED } from '../../unit/backend/interlocks/expected-table.js';
import { createHarness, type Harness } from '../rotation/harness.js';
import { serviceAnswers, serviceRow } from './service-driver.js';

// Generous: these drive the simulator through whole rotations on a machine that may be busy.
const TIMEOUT = 300_000;

async function crashMidRewrap(): Promise<{ h: Harness; rotationId: string }> {
  const h = await createHarness('default', 60);
  await h.service.start({ flow: 'auto' });
  h.setFault('mid-rewrap:crash');
  const crashed = await h.runToExit(['tke', 'auto-mk-rotate']);
  h.setFault(null);
  expect(crashed.classification.phase).toBe('indeterminate');
  const status = JSON.parse((await h.sim(['sim', 'status', '--json'])).stdout) as {
    units: { new: { state: string } }[];
  };
  expect(status.units.every((u) => u.new.state === 'Full Committed')).toBe(true);
  return { h, rotationId: crashed.rotationId };
}

/** In a new rotation over these crypto units: its phase, and every mutating command's answer. */
async function newRotation(h: Harness): Promise<void> {
  const started = await h.service.start({ flow: 'auto' });
  expect(started.classification.phase).toBe('rewrap-interrupted');
  const expected = serviceRow(REGISTERS_COMMITTED);
  expect(await serviceAnswers(h, expected)).toEqual(expected);
  // The way on is the one IBM gives for M1-not-M2: cryptounit-mk-rotate, and nothing is lost.
  const { snapshot, followed } = await h.followAdvisor(h.service.snapshot());
  expect(followed).not.toContain('ibmcloud tke auto-mk-rotate');
  expect(snapshot.classification.phase).toBe('completed');
  expect(h.keystore()).toMatchObject({ lost: 0 });
}

describe('a new rotation after a crash mid re-encryption', () => {
  it(
    'is refused while the crashed rotation is unfinished; once closed, auto-mk-rotate stays refused',
    async () => {
      const { h, rotationId } = await crashMidRewrap();
      // The app restarts: a new service over the same data directory.
      const restarted = await createHarness('default', 0, { existingDataDir: h.dataDir });
      await expect(restarted.service.start({ flow: 'auto' })).rejects.toMatchObject({
        reason: { kind: 'unfinished', command: 'start' },
        message: expect.stringContaining(`Rotation ${rotationId} is unfinished`),
      });
      await restarted.service.open(rotationId);
      await restarted.service.finish('abandoned');
      await newRotation(restarted);
    },
    TIMEOUT,
  );

  it(
    'with no journal at all (another data directory, same crypto units), auto-mk-rotate stays refused',
    async () => {
      const { h } = await crashMidRewrap();
      const elsewhere = mkdtempSync(join(tmpdir(), 'mkra-elsewhere-'));
      cpSync(demoPaths(h.dataDir).simDir, demoPaths(elsewhere).simDir, { recursive: true });
      const other = await createHarness('default', 0, { existingDataDir: elsewhere });
      expect(await other.service.list()).toEqual([]);
      await newRotation(other);
    },
    TIMEOUT,
  );
});
