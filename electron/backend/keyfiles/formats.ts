import { z } from 'zod';
import type { MkPartFile, SigKeyFile } from '../../../shared/tke/keyfiles.js';

/** Key files are a few kilobytes; anything far larger is not one and is not read whole. */
export const MAX_KEY_FILE_BYTES = 256 * 1024;

const hex = (what: string, minBytes = 1) =>
  z
    .string()
    .regex(/^(?:[0-9a-fA-F]{2})+$/, `${what} is not hex`)
    .min(minBytes * 2, `${what} is too short`);

// Extra fields are tolerated: another writer (the simulator, a newer TKE) may add some.
const sigKeySchema = z.looseObject({
  keyType: z.enum(['p521ec', 'rsa2048']),
  description: z.string(),
  ski: z.string().regex(/^[0-9a-fA-F]{64}$/, 'ski is not 64 hex digits'),
  pubkey: hex('pubkey'),
  seaSalt: hex('seaSalt'),
  // nonce (12) + at least one ciphertext byte + tag (16)
  enckey: hex('enckey', 29),
});

const mkPartSchema = z.looseObject({
  keyType: z.literal('mkpart'),
  description: z.string(),
  vp: hex('vp'),
  seaSalt: hex('seaSalt'),
  enckey: hex('enckey', 29),
});

export type ParsedKeyFile =
  | { ok: true; kind: 'sigkey'; file: SigKeyFile }
  | { ok: true; kind: 'mkpart'; file: MkPartFile }
  | { ok: false; problem: 'not-json' | 'binary' | 'not-a-key-file' | 'invalid'; message: string };

/** Parses a key file's bytes per shared/tke/keyfiles.ts, without decrypting anything. */
export function parseKeyFile(bytes: Uint8Array): ParsedKeyFile {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.includes(0)) return { ok: false, problem: 'binary', message: 'holds binary data, not JSON' };
  let raw: unknown;
  try {
    raw = JSON.parse(buffer.toString('utf8'));
  } catch {
    return { ok: false, problem: 'not-json', message: 'is not valid JSON (truncated or damaged?)' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('keyType' in raw)) {
    return { ok: false, problem: 'not-a-key-file', message: 'is JSON but has no keyType, so it is not a TKE key file' };
  }
  const schema = raw.keyType === 'mkpart' ? mkPartSchema : sigKeySchema;
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`);
    return { ok: false, problem: 'invalid', message: `is not a valid TKE key file (${issues.join('; ')})` };
  }
  return raw.keyType === 'mkpart'
    ? { ok: true, kind: 'mkpart', file: result.data as MkPartFile }
    : { ok: true, kind: 'sigkey', file: result.data as SigKeyFile };
}
