/**
 * Reading a file named on the command line without trusting what it is: a FIFO would block the
 * open and /dev/zero would never end, and a file's stated size can lie (procfs says 0) or grow
 * while it is read. So: open without blocking, ask the open descriptor what it is, accept regular
 * files only, and never read more than one byte past the limit.
 */
// fs.promises (not node:fs/promises): Node loads it on first use, so the simulator, which bundles
// this file, does not load it on every start for the one command that reads a file this way.
import { constants, promises as fsp, type Stats } from 'node:fs';

export type BoundedRead =
  | { kind: 'file'; bytes: Uint8Array }
  /** More than the limit: `size` as stated, or only known to be above the limit. */
  | { kind: 'too-large'; size: number | null }
  | { kind: 'not-a-file'; what: string };

const CHUNK_BYTES = 1024 * 1024;
// O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
// O_NOCTTY: opening a terminal device must not make it ours. Neither exists on Windows.
const OPEN_FLAGS =
  process.platform === 'win32' ? constants.O_RDONLY : constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Read a regular file of at most `maxBytes`; anything else is described, not read. Throws on I/O errors. */
export async function readBounded(path: string, maxBytes: number): Promise<BoundedRead> {
  const handle = await fsp.open(path, OPEN_FLAGS);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { kind: 'not-a-file', what: kindOf(info) };
    if (info.size > maxBytes) return { kind: 'too-large', size: info.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { kind: 'too-large', size: null };
    }
    return { kind: 'file', bytes: Buffer.concat(chunks, total) };
  } finally {
    await handle.close();
  }
}
