// The classifier on the simulator's own output after each fault point of auto-mk-rotate, with the
// register reading the simulator then prints (in-process; spawning ibmcloud-sim is the lead's test).
import { describe, expect, it } from 'vitest';
import { classify, type Phase } from '../../../shared/classifier/index.js';
import { parseRegisterListing } from '../../../shared/parse/index.js';
import { createMemorySim, runInProcess } from '../../../shared/sim/in-process.js';
import type { FaultPoint } from '../../../shared/sim/faults.js';
import { FAULT_EXPECTATIONS } from './fault-expectations.js';

const expected = FAULT_EXPECTATIONS as [FaultPoint, Phase, string][];

describe('classify simulator transcripts', () => {
  it.each(expected)('fault %s -> %s', async (fault, phase, first) => {
    const sim = await createMemorySim('default', { keys: 50 });
    const run = await runInProcess(sim, ['tke', 'auto-mk-rotate'], { fault });
    const mks = await runInProcess(sim, ['tke', 'cryptounit-mks']);
    const registers = fault === 'auth' ? undefined : parseRegisterListing(mks.transcript);
    const c = classify({
      transcripts: [{ file: 'auto-mk-rotate.txt', text: run.transcript }],
      ...(registers ? { registers } : {}),
    });
    expect(c.phase).toBe(phase);
    expect(c.next[0]?.command).toBe(first);
  });
});
