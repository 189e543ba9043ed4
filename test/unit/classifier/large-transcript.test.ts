import { describe, expect, it } from 'vitest';
import { classify } from '../../../shared/classifier/index.js';
import { autoRotate, text } from './tke-text.js';

/** A realistic large transcript: long re-encryption progress with bare-CR rewrites and colours. */
export function bigTranscript(bytes: number): string {
  const head = text(autoRotate('after-m1', { fail: false }));
  const parts: string[] = [head];
  let size = head.length;
  let i = 0;
  while (size < bytes) {
    const line =
      i % 10 === 0
        ? `\x1b[32mRe-encrypted ${i} of 1000000 keys\x1b[0m\n`
        : `Re-encrypted ${i} of 1000000 keys\rRe-encrypted ${i + 1} of 1000000 keys\n`;
    parts.push(line);
    size += line.length;
    i++;
  }
  parts.push('FAILED\nError reported by EP11 crypto module.\nReturn code: 49\nReason code: 0\n');
  return parts.join('');
}

// Speed is measured by `npm run bench` (scripts/bench/classifier.js), never asserted here.
describe('large transcripts', () => {
  it('classifies a 10 MB transcript of progress rewrites and colours correctly', () => {
    const big = bigTranscript(10 * 1024 * 1024);
    const c = classify({ transcripts: [{ file: 'big', text: big }] });
    expect(c.phase).toBe('rewrap-interrupted');
    expect(c.forbidden.map((f) => f.command)).toContain('ibmcloud tke auto-mk-rotate');
    expect(c.evidence.some((e) => e.text.includes('Delaying 30 seconds'))).toBe(true);
  });

  it('classifies a repeated small transcript the same way', () => {
    const small = text(autoRotate('after-m1')).repeat(8);
    expect(classify({ transcripts: [{ file: 'small', text: small }] }).phase).toBe('rewrap-interrupted');
  });
});
