// VPs shaped like real ones (IBM's SDK zeroes the last four bytes) and a unit on older firmware that
// does not: the product compares the first 56 digits, so such a unit neither fails a pre-check nor
// blocks completion.
import { describe, expect, it } from 'vitest';
import { classify } from '../../../shared/classifier/index.js';
import { parseCompare } from '../../../shared/parse/compare.js';
import { parseRegisterListing } from '../../../shared/parse/registers.js';
import { evaluatePrechecks } from '../../../shared/precheck/index.js';
import { makeSim, PASSWORDS, run, status } from './helpers.js';

describe('verification patterns', () => {
  it('end in eight zero digits on current firmware, in the listings and in the status', async () => {
    const sim = await makeSim('default');
    const st = await status(sim);
    expect(st.units.every((u) => u.current.vp.endsWith('00000000'))).toBe(true);
    const listing = parseRegisterListing((await run(sim, 'tke cryptounit-mk')).transcript);
    expect(listing.length).toBe(4);
    expect(listing.every((u) => u.current.vp.toLowerCase().endsWith('00000000'))).toBe(true);
  });

  it('older firmware: unit 2 shows another tail, the same first 56 digits, and every check still passes', async () => {
    const sim = await makeSim('older-firmware');
    const st = await status(sim);
    const [u1, u2] = st.units;
    expect(u2?.current.vp.endsWith('00000000')).toBe(false);
    expect(u2?.current.vp).not.toBe(u1?.current.vp);
    expect(u2?.current.vp.slice(0, 56)).toBe(u1?.current.vp.slice(0, 56));

    const compare = parseCompare((await run(sim, 'tke cryptounit-compare')).transcript);
    const results = evaluatePrechecks({ flow: 'auto', compare });
    expect(results.find((r) => r.id === 'current-mk')?.status).toBe('pass');

    const rotation = await run(sim, 'tke auto-mk-rotate', { answers: PASSWORDS });
    expect(rotation.exitCode).toBe(0);
    const reading = await run(sim, 'tke cryptounit-mk');
    const c = classify({
      transcripts: [
        { file: '#1', text: `$ ibmcloud tke auto-mk-rotate\n${rotation.transcript}`, exit: { code: 0, signal: null } },
        { file: '#2', text: `$ ibmcloud tke cryptounit-mk\n${reading.transcript}`, exit: { code: 0, signal: null } },
      ],
    });
    expect(c.stop).toBeUndefined();
    expect(c.phase).toBe('completed');
  });
});
