// The twin file format: a valid twin round-trips; every kind of bad file is refused with a message
// that says what is wrong (malformed, truncated, future version, oversized, extra fields).
import { describe, expect, it } from 'vitest';
import { MAX_TWIN_BYTES, parseTwin, serialiseTwin } from '../../../shared/twin/schema.js';
import { sampleTwin, VP_A } from './sample.js';

function refusal(text: string): { problem: string; message: string } {
  const r = parseTwin(text);
  if (r.ok) throw new Error('expected a refusal');
  return r;
}

describe('twin file format', () => {
  it('a valid twin survives serialise then parse unchanged', () => {
    const text = serialiseTwin(sampleTwin());
    const r = parseTwin(text);
    expect(r.ok && r.twin).toEqual(sampleTwin());
  });

  it('an unselected unit may carry null settings (the CLI does not show them)', () => {
    const t = sampleTwin();
    const u = t.instances[0]!.units[1]!;
    Object.assign(u, { selected: false, thresholds: null, admins: null, registers: null });
    expect(parseTwin(JSON.stringify(t)).ok).toBe(true);
  });

  it('refuses a truncated file, saying it is truncated', () => {
    const text = serialiseTwin(sampleTwin());
    for (const cut of [10, Math.floor(text.length / 2), text.length - 3]) {
      const r = refusal(text.slice(0, cut));
      expect(r.problem).toBe('truncated');
      expect(r.message).toMatch(/truncated/);
    }
  });

  it('refuses a file from a newer version, naming both formats', () => {
    const r = refusal(JSON.stringify({ ...sampleTwin(), format: 'mkra-twin/2' }));
    expect(r.problem).toBe('future-version');
    expect(r.message).toContain('mkra-twin/2');
    expect(r.message).toContain('mkra-twin/1');
  });

  it('refuses an oversized file before parsing it', () => {
    const big = `${JSON.stringify(sampleTwin())}${' '.repeat(MAX_TWIN_BYTES)}`;
    const r = refusal(big);
    expect(r.problem).toBe('oversized');
    expect(r.message).toContain('1 MiB');
    // Multi-byte characters count as bytes, not UTF-16 units.
    expect(refusal(`"${'é'.repeat(MAX_TWIN_BYTES / 2 + 1)}"`).problem).toBe('oversized');
  });

  it('refuses malformed content with the path of the problem', () => {
    const t = sampleTwin() as unknown as { instances: { units: { thresholds: unknown }[] }[] };
    t.instances[0]!.units[0]!.thresholds = { signature: 'two', revocation: 2 };
    const r = refusal(JSON.stringify(t));
    expect(r.problem).toBe('malformed');
    expect(r.message).toContain('instances.0.units.0.thresholds.signature');
  });

  it('refuses a field the format does not name (nothing rides along, e.g. a password)', () => {
    const t = sampleTwin() as unknown as { keyFiles: { sigkeys: Record<string, unknown>[] } };
    t.keyFiles.sigkeys[0]!.password = 'x';
    const r = refusal(JSON.stringify(t));
    expect(r.problem).toBe('malformed');
    expect(r.message).toContain('unknown field password');
    expect(r.message).not.toContain('"x"');
  });

  it('refuses empty, non-JSON, non-twin JSON, duplicate units and inconsistent registers', () => {
    expect(refusal('  \n').problem).toBe('empty');
    expect(refusal('hello}').problem).toBe('not-json');
    expect(refusal('{"units": []}').problem).toBe('not-a-twin');
    expect(refusal('[1, 2]').problem).toBe('not-a-twin');
    const dup = sampleTwin();
    dup.instances[0]!.units[1]!.num = 1;
    expect(refusal(JSON.stringify(dup)).message).toContain('crypto unit number 1 appears twice');
    const emptyWithVp = sampleTwin();
    emptyWithVp.instances[0]!.units[0]!.registers!.new = { state: 'Empty', vp: VP_A };
    expect(refusal(JSON.stringify(emptyWithVp)).problem).toBe('malformed');
  });

  it('serialise refuses a twin that breaks the format', () => {
    const bad = sampleTwin();
    bad.keyFiles.sigkeys[0]!.ski = 'not hex';
    expect(() => serialiseTwin(bad)).toThrow();
  });
});
