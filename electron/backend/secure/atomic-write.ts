import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Raised when an atomic create finds the destination already present. */
export class FileExistsError extends Error {
  constructor(readonly path: string) {
    super(`${basename(path)} already exists; refusing to overwrite it`);
    this.name = 'FileExistsError';
  }
}

/** Flushes a directory entry so a just-created or renamed file survives power loss (POSIX only). */
export async function fsyncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Creates `path` with `data` atomically (readers see nothing or everything) and never replaces an
 * existing file: the data goes to a temporary sibling first, is fsynced, then hard-linked into place,
 * which fails with EEXIST instead of overwriting the way rename would.
 */
export async function createFileAtomic(path: string, data: Uint8Array, mode = 0o600): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await linkNoReplace(temp, path);
    await fsyncDirectory(dir);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function linkNoReplace(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new FileExistsError(to);
    // Some file systems (FAT, some network shares) have no hard links; fall back to an exclusive
    // placeholder plus rename, which still never clobbers a file that existed before the call.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
    const placeholder = await open(to, 'wx', 0o600).catch((openError: NodeJS.ErrnoException) => {
      throw openError.code === 'EEXIST' ? new FileExistsError(to) : openError;
    });
    await placeholder.close();
    await rename(from, to);
  }
}
