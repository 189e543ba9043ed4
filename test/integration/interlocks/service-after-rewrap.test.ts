/**
 * The interlock table through the RotationService on the real simulator, after re-encryption began
 * began: the phases the simulator reaches there, each mutating command answered as the written-out
 * table says (refusals asked of the rotation, accepted commands of a copy of it).
 */
import { describe, expect, it } from 'vitest';
import { serviceAnswers, serviceRow } from './service-driver.js';
import { AFTER_REWRAP, reach } from './sim-situations.js';

// Generous: these drive the simulator through whole rotations on a machine that may be busy.
const TIMEOUT = 300_000;

describe('rotation service on the simulator: the interlock table after re-encryption began', () => {
  for (const situation of AFTER_REWRAP) {
    it(`${situation.name} (${situation.phase})`, async () => {
      const { h, snapshot } = await reach(situation);
      expect(snapshot.classification.phase).toBe(situation.phase);
      const expected = serviceRow(situation.row);
      expect(await serviceAnswers(h, expected)).toEqual(expected);
      expect(h.keystore()).toMatchObject({ lost: 0 });
    }, TIMEOUT);
  }
});
