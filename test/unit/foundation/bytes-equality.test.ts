import { describe, expect, it } from 'vitest';
import { bytesEquality } from '../../setup/bytes-equality.js';

describe('byte arrays compare by their bytes (test/setup/bytes-equality.ts)', () => {
  const big = () => Buffer.alloc(1 << 20, 7);

  it('is installed: equal buffers are equal, one changed byte makes them differ', () => {
    const a = big();
    const b = big();
    expect(a).toEqual(b);
    b[123_456] = 8;
    expect(a).not.toEqual(b);
    expect([a]).not.toStrictEqual([b]);
    expect({ pdf: a }).not.toMatchObject({ pdf: b });
  });

  it('decides only for two byte arrays of the same type', () => {
    expect(bytesEquality(Buffer.from([1, 2]), Buffer.from([1, 2]))).toBe(true);
    expect(bytesEquality(Buffer.from([1, 2]), Buffer.from([1, 3]))).toBe(false);
    expect(bytesEquality(Buffer.from([1, 2]), Buffer.from([1, 2, 0]))).toBe(false);
    expect(bytesEquality(new Uint8Array([1]), new Uint8Array([1]))).toBe(true);
    expect(bytesEquality(Buffer.from([1]), new Uint8Array([1]))).toBeUndefined();
    expect(bytesEquality([1], [1])).toBeUndefined();
    expect(bytesEquality('a', 'a')).toBeUndefined();
  });
});
