/** Reading the twin file named by `ibmcloud-sim sim reset --twin FILE`: a regular file, 1 MiB at most, UTF-8. */
import { MAX_TWIN_BYTES } from '../../../shared/twin/schema.js';
import { readBounded } from '../bounded-read.js';

function reason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

/** The file's text; throws an Error whose message says why it cannot be a twin. */
export async function readTwinFile(path: string): Promise<string> {
  let read;
  try {
    read = await readBounded(path, MAX_TWIN_BYTES);
  } catch (e) {
    throw new Error(reason(e), { cause: e });
  }
  if (read.kind === 'not-a-file') throw new Error(`it is ${read.what}, not a regular file`);
  if (read.kind === 'too-large') {
    const size = read.size === null ? 'more than 1 MiB' : `${read.size} bytes`;
    throw new Error(`it is ${size}, over the limit of ${MAX_TWIN_BYTES} bytes (1 MiB); a twin is a few KiB`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    throw new Error('it is not UTF-8 text');
  }
}
