import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// Record every buffer the key-file code gets from node:crypto for derived keys and plaintext, so
// the test can check that all of them are zero once verifyPassword has answered.
const captured = vi.hoisted(() => ({ buffers: [] as Buffer[] }));

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    pbkdf2: (...args: Parameters<typeof real.pbkdf2>) => {
      const callback = args[5];
      real.pbkdf2(args[0], args[1], args[2], args[3], args[4], (error, key) => {
        captured.buffers.push(key);
        callback(error, key);
      });
    },
    createDecipheriv: (...args: Parameters<typeof real.createDecipheriv>) => {
      const decipher = real.createDecipheriv(...args);
      const update = decipher.update.bind(decipher) as (data: Buffer) => Buffer;
      const final = decipher.final.bind(decipher) as () => Buffer;
      return Object.assign(decipher, {
        update: (data: Buffer) => {
          const out = update(data);
          captured.buffers.push(out);
          return out;
        },
        final: () => {
          const out = final();
          captured.buffers.push(out);
          return out;
        },
      });
    },
  };
});

const { verifyPassword } = await import('../../../../electron/backend/keyfiles/index.js');
const { FIXTURES } = await import('./helpers.js');

describe('verifyPassword zeroing', () => {
  it.each([
    ['right', 'passw0rd', { ok: true }],
    ['wrong', 'nope', { ok: false, reason: 'wrong-password' }],
  ])('zeroes the derived key and decrypted bytes with a %s password', async (_label, password, expected) => {
    captured.buffers.length = 0;
    expect(await verifyPassword(join(FIXTURES, 'good/1.sigkey'), password)).toEqual(expected);
    // key + update output (+ final output when the tag verified)
    expect(captured.buffers.length).toBeGreaterThanOrEqual(2);
    expect(captured.buffers.some((b) => b.length > 100)).toBe(true);
    for (const buffer of captured.buffers) expect(buffer.every((byte) => byte === 0)).toBe(true);
  });
});
