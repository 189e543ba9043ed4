import { createDecipheriv, createHash, createPublicKey, pbkdf2Sync } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createMkPartFile,
  createSigKeyFile,
  FileExistsError,
  parseKeyFile,
  scanWorkspace,
} from '../../../../electron/backend/keyfiles/index.js';
import { tempWorkspace } from './helpers.js';

/** Independent decryption per shared/tke/keyfiles.ts, to check what the writer sealed. */
function open(file: { seaSalt: string; enckey: string }, password: string): string {
  const raw = Buffer.from(file.enckey, 'hex');
  const key = pbkdf2Sync(password, Buffer.from(file.seaSalt, 'hex'), 4096, 32, 'sha256');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(-16));
  return Buffer.concat([decipher.update(raw.subarray(12, -16)), decipher.final()]).toString('utf8');
}

describe('createSigKeyFile / createMkPartFile', () => {
  it('writes a real P-521 signature key in the shared format, mode 0600', async () => {
    const dir = await tempWorkspace();
    const { path, ski } = await createSigKeyFile(dir, {
      fileName: '1.sigkey',
      description: 'admin1',
      password: 'pw-1',
    });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const json = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
    expect(Object.keys(json).sort()).toEqual(['description', 'enckey', 'keyType', 'pubkey', 'seaSalt', 'ski']);
    expect(json).toMatchObject({ keyType: 'p521ec', description: 'admin1', ski });
    const spki = Buffer.from(json.pubkey!, 'hex');
    expect(createHash('sha256').update(spki).digest('hex')).toBe(ski);
    expect(createPublicKey({ key: spki, format: 'der', type: 'spki' }).asymmetricKeyDetails?.namedCurve).toBe(
      'secp521r1',
    );
    expect(open({ seaSalt: json.seaSalt!, enckey: json.enckey! }, 'pw-1')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('writes a master key part whose plaintext is the part as 64 hex digits', async () => {
    const dir = await tempWorkspace();
    const part = Buffer.alloc(32, 0xab);
    const { path, vp } = await createMkPartFile(dir, {
      fileName: 'p.mkpart',
      description: 'part1-alice',
      password: 'pw-2',
      part,
    });
    const json = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
    expect(json).toMatchObject({ keyType: 'mkpart', description: 'part1-alice', vp });
    expect(vp).toBe(createHash('sha256').update(Buffer.alloc(32, 0xab)).digest('hex'));
    expect(open({ seaSalt: json.seaSalt!, enckey: json.enckey! }, 'pw-2')).toBe('ab'.repeat(32));
    expect(part.every((b) => b === 0xab)).toBe(true);
    const given = await createMkPartFile(dir, { fileName: 'q.mkpart', description: 'x', password: 'pw', vp: 'c0ffee' });
    expect(given.vp).toBe('c0ffee');
    expect(parseKeyFile(await readFile(given.path))).toMatchObject({ ok: true, kind: 'mkpart' });
  });

  it('refuses to overwrite an existing file and leaves no temporary files', async () => {
    const dir = await tempWorkspace();
    await writeFile(join(dir, '1.sigkey'), 'precious');
    await expect(
      createSigKeyFile(dir, { fileName: '1.sigkey', description: 'a', password: 'p' }),
    ).rejects.toBeInstanceOf(FileExistsError);
    await createMkPartFile(dir, { fileName: '1.mkpart', description: 'a', password: 'p' });
    await expect(createMkPartFile(dir, { fileName: '1.mkpart', description: 'b', password: 'p' })).rejects.toThrow(
      /already exists/,
    );
    expect(await readFile(join(dir, '1.sigkey'), 'utf8')).toBe('precious');
    expect((await readdir(dir)).sort()).toEqual(['1.mkpart', '1.sigkey']);
  });

  it('rejects unsafe names, wrong extensions, empty passwords and wrong part sizes', async () => {
    const dir = await tempWorkspace();
    for (const fileName of ['../1.sigkey', 'sub/1.sigkey', '.hidden.sigkey', '1.mkpart']) {
      await expect(createSigKeyFile(dir, { fileName, description: 'a', password: 'p' }), fileName).rejects.toThrow(
        RangeError,
      );
    }
    await expect(createSigKeyFile(dir, { fileName: '1.sigkey', description: 'a', password: '' })).rejects.toThrow(
      /empty/,
    );
    await expect(
      createMkPartFile(dir, { fileName: '1.mkpart', description: 'a', password: 'p', part: Buffer.alloc(16) }),
    ).rejects.toThrow(/32 bytes/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('makes files the scanner lists without warnings', async () => {
    const dir = await tempWorkspace();
    const { ski } = await createSigKeyFile(dir, { fileName: '1.sigkey', description: 'admin1', password: 'p' });
    const { vp } = await createMkPartFile(dir, { fileName: '1.mkpart', description: 'part1', password: 'p' });
    const scan = await scanWorkspace(dir);
    expect(scan.warnings).toEqual([]);
    expect(scan.sigkeys[0]).toMatchObject({ ski, skiMatchesPubkey: true, description: 'admin1' });
    expect(scan.mkparts[0]).toMatchObject({ vp, description: 'part1' });
  });
});
