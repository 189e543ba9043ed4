import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { verifyJournal, journalPath } from '../../../electron/backend/journal/index.js';
import { createHarness } from './harness.js';

interface SimStatus {
  units: { new: { state: string; vp: string } }[];
  instances: { wrapped: { vp: string; count: number }[] }[];
}

/** Run the child until `killAfterMs`, then SIGKILL it (and with it the CLI under its terminal). */
async function runAndKill(dataDir: string, killAfterMs: number): Promise<void> {
  const child = spawn(process.execPath, ['test/integration/rotation/rotation-child.mjs', dataDir, '0.05'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env } });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  // The simulator loses its terminal with the parent; give it a moment to go.
  await new Promise((r) => setTimeout(r, 300));
}

// Kill moments spread over the whole rotation: start-up, prompts, generate/copy/commit, the
// discovery delay, re-encryption and promotion (time scale 0.05: about 2.5 s in all).
const KILL_AT_MS = [150, 400, 700, 900, 1100, 1300, 1600, 1900, 2100, 2300, 2600, 3200];

describe('a demo rotation killed with SIGKILL at many points, then resumed', () => {
  for (const killAt of KILL_AT_MS) {
    it(`after ${killAt} ms: the journal verifies, the advice matches the simulator's state, and following it loses nothing`, async () => {
      const h = createHarness('default', 300);
      await runAndKill(h.dataDir, killAt);
      const unfinished = await h.service.unfinished();
      if (unfinished.length === 0) {
        // Killed before the journal's first entry existed: nothing to resume, nothing touched.
        expect(h.keystore()).toMatchObject({ lost: 0 });
        return;
      }
      const rotationId = unfinished[0]?.rotationId ?? '';
      const verification = await verifyJournal(journalPath(h.dataDir, rotationId));
      expect(verification.ok, verification.reason).toBe(true);

      const opened = await h.service.open(rotationId);
      const status = JSON.parse(h.sim(['sim', 'status', '--json']).stdout) as SimStatus;
      const newVp = status.units.find((u) => u.new.state !== 'Empty')?.new.vp;
      const keysUnderNew = newVp ? (status.instances[0]?.wrapped.find((w) => w.vp === newVp)?.count ?? 0) : 0;
      // Whatever the recovered advice is, never auto-mk-rotate while keys are under the new key.
      if (keysUnderNew > 0) expect(opened.classification.next.map((n) => n.command)).not.toContain('ibmcloud tke auto-mk-rotate');
      const advised = await h.followAdvisor(opened);
      const followed = advised.followed;
      let snap = advised.snapshot;
      if (keysUnderNew > 0) expect(followed, `advised while ${keysUnderNew} keys are under the new key`).not.toContain('ibmcloud tke auto-mk-rotate');
      if (snap.classification.phase === 'no-rotation') {
        // The kill came before auto-mk-rotate changed anything: starting it now is the way on.
        snap = await h.runToExit(['tke', 'auto-mk-rotate']);
      }
      console.log(`[crash ${killAt} ms] resumed as ${followed.join(' -> ') || 'nothing to do'}`);
      expect(snap.classification.phase, followed.join(' -> ')).toBe('completed');
      expect(h.keystore()).toMatchObject({ lost: 0 });
      const after = await verifyJournal(journalPath(h.dataDir, rotationId));
      expect(after.ok).toBe(true);
    });
  }
});
