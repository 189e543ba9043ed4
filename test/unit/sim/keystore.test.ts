import { describe, expect, test } from 'vitest';
import {
  applyLoss,
  countKeys,
  countNotUnder,
  normaliseSegments,
  rewrapKeys,
  settleInstances,
} from '../../../shared/sim/keystore.js';
import type { SimState } from '../../../shared/sim/index.js';
import { makeSim } from './helpers.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('key storage segments', () => {
  test('normalise merges neighbours with the same wrap and drops empty runs', () => {
    expect(
      normaliseSegments([
        { count: 2, wrap: A },
        { count: 0, wrap: B },
        { count: 3, wrap: A },
        { count: 1, wrap: null },
      ]),
    ).toEqual([
      { count: 5, wrap: A },
      { count: 1, wrap: null },
    ]);
  });

  test('counts split usable and lost keys', () => {
    expect(
      countKeys([
        { count: 7, wrap: A },
        { count: 3, wrap: null },
      ]),
    ).toEqual({ total: 10, usable: 7, lost: 3 });
  });

  test('rewrap moves only usable keys not yet under the value, and at most n', async () => {
    const sim = await makeSim('default', 10);
    const inst = sim.state.instances[0]!;
    const cur = inst.keystore[0]!.wrap!;
    inst.keystore = [
      { count: 4, wrap: null },
      { count: 10, wrap: cur },
    ];
    expect(rewrapKeys(inst, B, 6)).toBe(6);
    expect(countNotUnder(inst.keystore, B)).toBe(4);
    expect(rewrapKeys(inst, B, 100)).toBe(4);
    expect(inst.keystore).toEqual([
      { count: 4, wrap: null },
      { count: 10, wrap: B },
    ]);
  });
});

describe('loss model', () => {
  async function withValues(): Promise<SimState> {
    const sim = await makeSim('default', 100);
    return sim.state;
  }

  test('keys stay usable while their value is in any register of the instance', async () => {
    const state = await withValues();
    const inst = state.instances[0]!;
    const old = inst.units[0]!.current.value;
    inst.units.slice(0, 3).forEach((u) => (u.current = { state: 'Valid', value: B }));
    applyLoss(state);
    expect(countKeys(inst.keystore).lost).toBe(0);
    inst.units[3]!.new = { state: 'Full Committed', value: old };
    inst.units[3]!.current = { state: 'Valid', value: B };
    applyLoss(state);
    expect(countKeys(inst.keystore).lost).toBe(0);
  });

  test('keys are lost when the value leaves the last register, and stay lost if it came back', async () => {
    const state = await withValues();
    const inst = state.instances[0]!;
    const old = inst.units[0]!.current.value;
    inst.units.forEach((u) => (u.current = { state: 'Valid', value: B }));
    applyLoss(state);
    expect(countKeys(inst.keystore)).toEqual({ total: 100, usable: 0, lost: 100 });
    inst.units[0]!.current = { state: 'Valid', value: old };
    applyLoss(state);
    expect(countKeys(inst.keystore).lost).toBe(100);
  });

  test('the rotation marker clears only when the instance is at rest', async () => {
    const state = await withValues();
    const inst = state.instances[0]!;
    inst.autoRotateInProgress = true;
    inst.units[0]!.new = { state: 'Full Committed', value: A };
    settleInstances(state);
    expect(inst.autoRotateInProgress).toBe(true);
    inst.units[0]!.new = { state: 'Empty', value: '' };
    settleInstances(state);
    expect(inst.autoRotateInProgress).toBe(false);
  });
});
