import { describe, expect, test } from 'vitest';
import {
  M1_DELAY,
  M2_REWRAP,
  OK,
  ROTATION_COMPLETED,
  STEP_COMMIT,
  STEP_COPY,
  STEP_REWRAP,
} from '../../../shared/tke/messages.js';
import { FAULT_POINTS, type FaultPoint } from '../../../shared/sim/index.js';
import { makeSim, run, status } from './helpers.js';

describe('auto-mk-rotate', () => {
  test('rotates every unit, re-encrypts every key, prints steps in the documented order', async () => {
    const sim = await makeSim('default', 300);
    const before = await status(sim);
    const r = await run(sim, 'tke auto-mk-rotate');
    expect(r.exitCode).toBe(0);
    const order = [
      'Generating a new random master key in crypto unit 3...',
      STEP_COPY,
      STEP_COMMIT,
      M1_DELAY,
      STEP_REWRAP,
      'Re-encrypted 30 of 300 keys',
      'Re-encrypted 300 of 300 keys',
      M2_REWRAP,
      'Promoting the new master key in crypto unit 1...',
      'Promoting the new master key in crypto unit 4...',
      ROTATION_COMPLETED,
      OK,
    ];
    const positions = order.map((l) => r.transcript.indexOf(`${l}\n`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const after = await status(sim);
    const newVp = after.units[0]!.current.vp;
    expect(newVp).not.toBe(before.units[0]!.current.vp);
    expect(
      after.units.every((u) => u.current.state === 'Valid' && u.current.vp === newVp && u.new.state === 'Empty'),
    ).toBe(true);
    expect(after.keystore).toEqual({ total: 300, usable: 300, lost: 0 });
    expect(after.instances[0]!.wrapped).toEqual([{ vp: newVp, count: 300 }]);
    expect(after.instances[0]!.autoRotateInProgress).toBe(false);
  });

  test('takes realistic simulated time: 30 s discovery plus 60 s per 3000 keys', async () => {
    const sim = await makeSim('default', 3000);
    const r = await run(sim, 'tke auto-mk-rotate');
    // 1 s per register step: generate, copy to 3 units, commit, promote 4 units.
    expect(r.sleptMs).toBe(30_000 + 60_000 + 9 * 1000);
  });

  // Speed is measured by `npm run bench`, never asserted in a test.
  test('100 000 keys rotate in memory with none lost', async () => {
    const sim = await makeSim('default', 100_000);
    const r = await run(sim, 'tke auto-mk-rotate');
    expect(r.exitCode).toBe(0);
    expect((await status(sim)).keystore.usable).toBe(100_000);
  });

  test('re-running after M1 replaces the new master key and loses the keys already under it', async () => {
    const sim = await makeSim('default', 300);
    expect((await run(sim, 'tke auto-mk-rotate', { fault: 'mid-rewrap' })).exitCode).toBe(1);
    const mid = await status(sim);
    expect(mid.keystore.lost).toBe(0);
    const r = await run(sim, 'tke auto-mk-rotate');
    expect(r.exitCode).toBe(0);
    expect((await status(sim)).keystore).toEqual({ total: 300, usable: 150, lost: 150 });
  });
});

/** What the registers look like right after each fault point (4 units, 300 keys). */
const expectations: Record<
  Exclude<FaultPoint, 'auth'>,
  { m1: boolean; m2: boolean; check: (s: Awaited<ReturnType<typeof status>>) => void }
> = {
  'after-generate': {
    m1: false,
    m2: false,
    check: (s) => expect(s.units.map((u) => u.new.state)).toEqual(['Empty', 'Empty', 'Full Uncommitted', 'Empty']),
  },
  'after-copy': {
    m1: false,
    m2: false,
    check: (s) => expect(s.units.every((u) => u.new.state === 'Full Uncommitted')).toBe(true),
  },
  'after-commit': {
    m1: false,
    m2: false,
    check: (s) => {
      expect(s.units.every((u) => u.new.state === 'Full Committed')).toBe(true);
      expect(s.instances[0]!.wrapped).toHaveLength(1);
    },
  },
  'after-m1': {
    m1: true,
    m2: false,
    check: (s) => expect(s.instances[0]!.wrapped.find((w) => w.vp === s.units[0]!.new.vp)?.count).toBe(30),
  },
  'mid-rewrap': {
    m1: true,
    m2: false,
    check: (s) => expect(s.instances[0]!.wrapped.find((w) => w.vp === s.units[0]!.new.vp)?.count).toBe(150),
  },
  'after-m2': {
    m1: true,
    m2: true,
    check: (s) => {
      expect(s.instances[0]!.wrapped).toEqual([{ vp: s.units[0]!.new.vp, count: 300 }]);
      expect(s.units.every((u) => u.current.state === 'Valid' && u.new.state === 'Full Committed')).toBe(true);
    },
  },
  'mid-setimm': {
    m1: true,
    m2: true,
    check: (s) => {
      expect(s.units.map((u) => u.new.state)).toEqual(['Empty', 'Empty', 'Full Committed', 'Full Committed']);
      expect(s.units[0]!.current.vp).toBe(s.units[3]!.new.vp);
    },
  },
};

describe('fault points', () => {
  for (const [point, exp] of Object.entries(expectations)) {
    for (const crash of [false, true]) {
      test(`${point}${crash ? ':crash' : ''} stops there with the state persisted`, async () => {
        const sim = await makeSim('default', 300);
        const r = await run(sim, 'tke auto-mk-rotate', { fault: crash ? `${point}:crash` : point });
        expect(r.crashed).toBe(crash);
        expect(r.exitCode).toBe(crash ? 137 : 1);
        expect(r.transcript.includes(M1_DELAY)).toBe(exp.m1);
        expect(r.transcript.includes(M2_REWRAP)).toBe(exp.m2);
        expect(r.transcript.includes('FAILED')).toBe(!crash);
        expect(r.transcript.includes(`simulated fault: ${point}`)).toBe(!crash);
        const s = await status(sim);
        exp.check(s);
        expect(s.keystore.lost).toBe(0);
        expect(s.instances[0]!.autoRotateInProgress).toBe(true);
      });
    }
  }

  test('auth expires the token and prints the 401 block', async () => {
    const sim = await makeSim();
    const r = await run(sim, 'tke cryptounits', { fault: 'auth' });
    expect(r.exitCode).toBe(1);
    expect(r.transcript).toContain('Status code: 401');
    expect((await status(sim)).token.valid).toBe(false);
    expect((await run(sim, 'tke cryptounits')).exitCode).toBe(1);
  });

  test('auth:crash leaves an expired token and prints nothing after the header', async () => {
    const sim = await makeSim();
    const r = await run(sim, 'tke cryptounits', { fault: 'auth:crash' });
    expect(r.crashed).toBe(true);
    expect(r.transcript).not.toContain('FAILED');
    expect((await status(sim)).token.valid).toBe(false);
  });

  test('every documented fault point is covered here', () => {
    expect([...Object.keys(expectations), 'auth'].sort()).toEqual([...FAULT_POINTS].sort());
  });
});
