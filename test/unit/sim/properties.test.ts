import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AUTH_FAILED_LINES, M1_DELAY, M2_REWRAP } from '../../../shared/tke/messages.js';
import { liveValues } from '../../../shared/sim/keystore.js';
import { FAULT_POINTS, type MemorySim } from '../../../shared/sim/index.js';
import { makeSim, PASSWORDS, run, status } from './helpers.js';

type Step =
  | { kind: 'auto'; fault: string | undefined }
  | { kind: 'rotate'; precheck: boolean; fault: string | undefined }
  | { kind: 'setimm' }
  | { kind: 'clrnew' }
  | { kind: 'rm' | 'add'; unit: number }
  | { kind: 'load' | 'commit' | 'login' };

const faultArb = fc.option(
  fc.tuple(fc.constantFrom(...FAULT_POINTS), fc.boolean()).map(([p, c]) => (c ? `${p}:crash` : p)),
  { nil: undefined },
);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('auto' as const), fault: faultArb }),
  fc.record({ kind: fc.constant('rotate' as const), precheck: fc.boolean(), fault: faultArb }),
  fc.constant({ kind: 'setimm' as const }),
  fc.constant({ kind: 'clrnew' as const }),
  fc.record({ kind: fc.constantFrom('rm' as const, 'add' as const), unit: fc.integer({ min: 1, max: 4 }) }),
  fc.constantFrom({ kind: 'load' as const }, { kind: 'commit' as const }, { kind: 'login' as const }),
);

async function apply(sim: MemorySim, step: Step): Promise<string> {
  switch (step.kind) {
    case 'auto':
      return (await run(sim, 'tke auto-mk-rotate', { fault: step.fault })).transcript;
    case 'rotate':
      return (
        await run(sim, 'tke cryptounit-mk-rotate', {
          answers: [step.precheck ? 'y' : 'n', ...PASSWORDS],
          fault: step.fault,
        })
      ).transcript;
    case 'setimm':
      return (await run(sim, 'tke cryptounit-mk-setimm', { answers: ['y', ...PASSWORDS] })).transcript;
    case 'clrnew':
      return (await run(sim, 'tke cryptounit-mk-clrnew', { answers: PASSWORDS })).transcript;
    case 'rm':
      return (await run(sim, 'tke cryptounit-rm', { answers: [String(step.unit)] })).transcript;
    case 'add':
      return (await run(sim, 'tke cryptounit-add', { answers: [String(step.unit)] })).transcript;
    case 'load':
      return (await run(sim, 'tke cryptounit-mk-load', { answers: ['1 2', ...Array(3).fill('passw0rd')] })).transcript;
    case 'commit':
      return (await run(sim, 'tke cryptounit-mk-commit', { answers: PASSWORDS })).transcript;
    case 'login':
      return (await run(sim, 'login --apikey k')).transcript;
  }
}

describe('loss model properties', () => {
  test('random command sequences never make a lost key usable again', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { maxLength: 12 }), fc.integer({ min: 0, max: 500 }), async (steps, keys) => {
        const sim = await makeSim('key-parts', keys);
        let lost = 0;
        for (const step of steps) {
          await apply(sim, step);
          const s = await status(sim);
          expect(s.keystore.total).toBe(keys);
          expect(s.keystore.lost).toBeGreaterThanOrEqual(lost);
          lost = s.keystore.lost;
          const inst = sim.state.instances[0]!;
          const live = liveValues(inst);
          expect(inst.keystore.every((seg) => seg.wrap === null || live.has(seg.wrap))).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** Follow the recovery table of docs/domain.md (section 6.1) from the evidence so far; returns when the rotation completed. */
async function recover(sim: MemorySim, evidence: string): Promise<string> {
  let seen = evidence;
  for (let i = 0; i < 6; i++) {
    const s = await status(sim);
    const atRest = s.units.every((u) => u.current.vp === s.units[0]!.current.vp && u.new.state === 'Empty');
    if (atRest && seen.includes(M1_DELAY) && seen.includes(M2_REWRAP)) return seen;
    const last = seen.slice(seen.lastIndexOf('API endpoint'));
    if (last.includes(AUTH_FAILED_LINES[3])) {
      seen += (await run(sim, 'login --apikey k')).transcript;
      seen += (await run(sim, 'tke auto-mk-rotate')).transcript;
    } else if (!seen.includes(M1_DELAY)) {
      seen += (await run(sim, 'tke auto-mk-rotate')).transcript;
    } else if (!seen.includes(M2_REWRAP)) {
      seen += (await run(sim, 'tke cryptounit-mk-rotate', { answers: ['y', ...PASSWORDS] })).transcript;
    } else {
      const pending = s.units.find((u) => u.new.state !== 'Empty');
      const promoted = s.units.filter((u) => u.new.state === 'Empty' && pending && u.current.vp === pending.new.vp);
      if (promoted.length > 0) {
        seen += (await run(sim, 'tke cryptounit-rm', { answers: [promoted.map((u) => u.num).join(' ')] })).transcript;
      }
      seen += (await run(sim, 'tke cryptounit-mk-setimm', { answers: ['y', ...PASSWORDS] })).transcript;
    }
  }
  return seen;
}

describe('recovery table', () => {
  test('following the recovery table after any fault completes the rotation with no key lost', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FAULT_POINTS),
        fc.boolean(),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 1000 }),
        async (point, crash, keys, seed) => {
          const sim = await makeSim('default', keys, seed);
          const before = (await status(sim)).units[0]!.current.vp;
          const first = await run(sim, 'tke auto-mk-rotate', { fault: crash ? `${point}:crash` : point });
          expect(first.exitCode).not.toBe(0);
          await recover(sim, first.transcript);
          const s = await status(sim);
          const vp = s.units[0]!.current.vp;
          expect(vp).not.toBe(before);
          expect(
            s.units.every((u) => u.current.state === 'Valid' && u.current.vp === vp && u.new.state === 'Empty'),
          ).toBe(true);
          expect(s.keystore).toEqual({ total: keys, usable: keys, lost: 0 });
          expect(s.instances[0]!.wrapped.every((w) => w.vp === vp)).toBe(true);
        },
      ),
      { numRuns: 120 },
    );
  });
});
