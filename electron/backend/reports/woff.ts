import { inflateSync } from 'node:zlib';

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'

/**
 * Converts a WOFF 1.0 font to the plain TrueType/OpenType (sfnt) it wraps: PDF can embed only the
 * latter, and pdf-lib embeds unsubsetted fonts as given. Non-WOFF input is returned unchanged.
 */
export function woffToSfnt(bytes: Uint8Array): Uint8Array {
  const woff = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (woff.length < 44 || woff.readUInt32BE(0) !== WOFF_SIGNATURE) return bytes;
  const numTables = woff.readUInt16BE(12);
  const header = Buffer.alloc(12 + 16 * numTables);
  header.writeUInt32BE(woff.readUInt32BE(4), 0);
  header.writeUInt16BE(numTables, 4);
  const selector = Math.floor(Math.log2(numTables));
  const searchRange = 16 * 2 ** selector;
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(selector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const chunks: Buffer[] = [header];
  let position = header.length;
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compressed = woff.readUInt32BE(entry + 8);
    const original = woff.readUInt32BE(entry + 12);
    const raw = woff.subarray(offset, offset + compressed);
    const data = compressed < original ? inflateSync(raw) : raw;
    if (data.length !== original) throw new Error('damaged WOFF table');
    const padded = Buffer.alloc((data.length + 3) & ~3);
    data.copy(padded);
    const record = 12 + i * 16;
    header.writeUInt32BE(woff.readUInt32BE(entry), record);
    header.writeUInt32BE(woff.readUInt32BE(entry + 16), record + 4);
    header.writeUInt32BE(position, record + 8);
    header.writeUInt32BE(data.length, record + 12);
    chunks.push(padded);
    position += padded.length;
  }
  return Buffer.concat(chunks);
}
