import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

const ROTATION_ID = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

/**
 * Makes a rotation id such as `20261128T201500Z-ab12cd`: UTC time first so ids sort by start time,
 * then 24 random bits so two rotations started in the same second do not collide.
 */
export function newRotationId(now: Date = new Date(), random: (n: number) => Uint8Array = randomBytes): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `${stamp}-${Buffer.from(random(3)).toString('hex')}`;
}

/** Tells whether a string is a well-formed rotation id (which also makes it safe as a file name). */
export function isRotationId(text: string): boolean {
  return ROTATION_ID.test(text);
}

/** Directory holding the journals inside the app's data directory. */
export function journalsDir(dataDir: string): string {
  return join(dataDir, 'journals');
}

/** Path of one rotation's journal; rejects ids that could escape the journals directory. */
export function journalPath(dataDir: string, rotationId: string): string {
  if (!isRotationId(rotationId)) throw new RangeError(`not a rotation id: ${JSON.stringify(rotationId)}`);
  return join(journalsDir(dataDir), `${rotationId}.jsonl`);
}
