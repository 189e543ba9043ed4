import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMkPartFile, createSigKeyFile, verifyPassword } from '../../../../electron/backend/keyfiles/index.js';
import { FIXTURES, tempWorkspace } from './helpers.js';

describe('verifyPassword', () => {
  it.each([
    ['good/1.sigkey', 'passw0rd'],
    ['good/2.sigkey', 'rsa-pass'],
    ['good/1.mkpart', 'alice-part'],
    ['good/2.mkpart', 'bob-part'],
  ])('accepts the right password for %s and rejects a wrong one', async (file, password) => {
    const path = join(FIXTURES, file);
    expect(await verifyPassword(path, password)).toEqual({ ok: true });
    expect(await verifyPassword(path, Buffer.from(password))).toEqual({ ok: true });
    expect(await verifyPassword(path, `${password}x`)).toEqual({ ok: false, reason: 'wrong-password' });
    expect(await verifyPassword(path, '')).toEqual({ ok: false, reason: 'wrong-password' });
  });

  it('works on files made by the writer, for both kinds', async () => {
    const dir = await tempWorkspace();
    const { path: sig } = await createSigKeyFile(dir, {
      fileName: '1.sigkey',
      description: 'admin1',
      password: 'Sig-Pa55',
    });
    const { path: part } = await createMkPartFile(dir, {
      fileName: '1.mkpart',
      description: 'p1',
      password: Buffer.from('Part-Pa55'),
    });
    expect(await verifyPassword(sig, 'Sig-Pa55')).toEqual({ ok: true });
    expect(await verifyPassword(sig, 'Part-Pa55')).toEqual({ ok: false, reason: 'wrong-password' });
    expect(await verifyPassword(part, 'Part-Pa55')).toEqual({ ok: true });
    expect(await verifyPassword(part, 'sig-pa55')).toEqual({ ok: false, reason: 'wrong-password' });
  });

  it('leaves a caller-owned Buffer for the caller to zero', async () => {
    const password = Buffer.from('passw0rd');
    await verifyPassword(join(FIXTURES, 'good/1.sigkey'), password);
    expect(password.toString()).toBe('passw0rd');
  });

  it('says unreadable or not-a-key-file, never more', async () => {
    expect(await verifyPassword(join(FIXTURES, 'good/none.sigkey'), 'x')).toEqual({ ok: false, reason: 'unreadable' });
    expect(await verifyPassword(join(FIXTURES, 'good'), 'x')).toEqual({ ok: false, reason: 'unreadable' });
    for (const bad of ['photo.sigkey', 'truncated.sigkey', 'bad-hex.sigkey', 'missing-vp.mkpart', 'array.sigkey']) {
      expect(await verifyPassword(join(FIXTURES, 'bad', bad), 'passw0rd'), bad).toEqual({
        ok: false,
        reason: 'not-a-key-file',
      });
    }
  });
});
