import { describe, expect, it } from 'vitest';
import { demoFaults } from '../../../../electron/backend/demo/demo-control.js';
import type { Invocation } from '../../../../electron/backend/runner/tke-invocation.js';
import { FAULT_POINTS } from '../../../../shared/sim/index.js';

const invocation = (mode: Invocation['mode']): Invocation => ({ mode, file: 'x', prefixArgs: [], env: {}, cwd: '/' });

describe('the fault points the demo offers (demo-control.ts)', () => {
  it('are the simulator’s own, in its order, read without starting it', () => {
    expect(demoFaults(invocation('demo'))).toEqual([...FAULT_POINTS]);
  });

  it('are refused outside demo mode', () => {
    expect(() => demoFaults(invocation('live'))).toThrow(/only in demo mode/);
  });
});
