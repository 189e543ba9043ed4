/**
 * The interlocks of a promotion through the RotationService on the real simulator: in a partial
 * promotion the unit numbers typed at cryptounit-rm and cryptounit-add must be exactly the promoted
 * units (deselectProblem, reselectProblem), and setimm starts only after a fresh register reading
 * still shows key storage ready for it (setimmProblem, then the reclassified state).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settle, untilUnitsPrompt } from './service-driver.js';
import { AFTER_REWRAP, reach } from './sim-situations.js';

// Generous: these drive the simulator through whole rotations on a machine that may be busy.
const TIMEOUT = 300_000;

describe('rotation service on the simulator: the answers and readings of a promotion', () => {
  it(
    'partial promotion: cryptounit-rm takes exactly the promoted units, cryptounit-add those again',
    async () => {
      const situation = AFTER_REWRAP.find((s) => s.phase === 'partially-promoted');
      if (!situation) throw new Error('no partial promotion situation');
      const { h, snapshot } = await reach(situation);
      const promoted = snapshot.classification.unitsToDeselect;
      expect(promoted.length).toBeGreaterThan(0);
      const others = [1, 2, 3, 4].filter((u) => !promoted.includes(u));
      await h.service.run(['tke', 'cryptounit-rm']);
      let runId = await untilUnitsPrompt(h);
      for (const wrong of [[...promoted, others[0]], promoted.slice(1), others, ['all'], ['1;2']]) {
        const answered = h.service.answer(runId, wrong.join(' '), false);
        await expect(answered, wrong.join(' ')).rejects.toThrow(/exactly the promoted|separated by spaces/);
      }
      await h.service.answer(runId, [...promoted].reverse().join(','), false);
      await settle(h.service);
      const afterSetimm = await h.runToExit(['tke', 'cryptounit-mk-setimm']);
      expect(afterSetimm.classification.unitsToReselect).toEqual(promoted);
      await h.service.run(['tke', 'cryptounit-add']);
      runId = await untilUnitsPrompt(h);
      for (const wrong of [[...promoted, others[0]], promoted.slice(1), ['x']]) {
        const answered = h.service.answer(runId, wrong.join(' '), false);
        await expect(answered, wrong.join(' ')).rejects.toThrow(/exactly the crypto units deselected|separated by/);
      }
      await h.service.answer(runId, promoted.join(' '), false);
      await settle(h.service);
      const { snapshot: done } = await h.followAdvisor(h.service.snapshot());
      expect(done.classification.phase).toBe('completed');
      expect(h.keystore()).toMatchObject({ lost: 0 });
    },
    TIMEOUT,
  );

  it(
    'setimm reads the registers afresh: a new register changed since the advice stops it',
    async () => {
      const situation = AFTER_REWRAP.find((s) => s.phase === 'rewrap-complete');
      if (!situation) throw new Error('no rewrap-complete situation');
      const { h } = await reach(situation);
      const statePath = join(h.simDir, 'state.json');
      type Units = { instances: { units: { new: { value: string } }[] }[] };
      const state = JSON.parse(readFileSync(statePath, 'utf8')) as Units;
      const unit = state.instances[0]?.units[0];
      if (!unit) throw new Error('no unit in the simulator state');
      // Another workstation replaced unit 1's new master key after the advice was given.
      unit.new.value = 'ab'.repeat(32);
      writeFileSync(statePath, JSON.stringify(state));
      const running = await h.service.run(['tke', 'cryptounit-mk-setimm']);
      expect(running.argv).toEqual(['tke', 'cryptounit-mk']);
      await settle(h.service);
      expect(h.notices.join('\n')).toMatch(/ibmcloud tke cryptounit-mk-setimm was not started: /);
      const commands = h.service.snapshot().commands.map((c) => c.command);
      expect(commands).not.toContain('ibmcloud tke cryptounit-mk-setimm');
      const status = JSON.parse((await h.sim(['sim', 'status', '--json'])).stdout) as {
        units: { new: { state: string } }[];
      };
      expect(status.units.every((u) => u.new.state === 'Full Committed')).toBe(true);
    },
    TIMEOUT,
  );
});
