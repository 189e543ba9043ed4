// Test-only kill switch for the crash campaign (crash-campaign.ts). Installed in the child that
// runs the real RotationService: it watches the journal's own writes at the file-handle level and
// SIGKILLs this process at a POSITION (the n-th entry of a kind, optionally whose data contains a
// text), never after a delay, so where a kill lands does not depend on the machine's speed.
//
//   how = 'before': the entry is about to be written (nothing of it reaches the file)
//         'torn':   half of its line is written and synced, then the kill (a torn tail)
//         'after':  the whole line is written and fsynced, but the service has not acted on it yet
//
// A group commit writes several entries with one write: the entries of that batch before the one
// aimed at are written first (not synced: a killed process leaves them in the page cache), so the
// kill lands inside the batch, and the entries after it are never written.
//
// The first entry (rotation-started) is written by createFileAtomic with writeFile on a temporary
// file: 'before' kills with that temporary file created but empty, 'after' with it full but never
// linked into place. The product code is untouched: only FileHandle methods of this process are
// wrapped. Before dying it writes `KILLED <label>` to stdout with a synchronous write.
import { writeSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** The journal entry a buffer holds (a canonical line starts with `{"data":`), or null. */
function entryOf(buffer, offset = 0, length = buffer.length - offset) {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset + offset, length);
  if (bytes.length < 9 || bytes.subarray(0, 8).toString('latin1') !== '{"data":') return null;
  try {
    const entry = JSON.parse(bytes.toString('utf8'));
    return typeof entry.kind === 'string' && typeof entry.seq === 'number' ? entry : null;
  } catch {
    return null;
  }
}

/** The complete lines of a write, each with its byte range in `buffer` (the end includes the `\n`). */
function linesOf(buffer, offset, length) {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset + offset, length);
  const lines = [];
  for (let start = 0; start < bytes.length;) {
    const newline = bytes.indexOf(0x0a, start);
    if (newline < 0) break;
    lines.push({ start, end: newline + 1, entry: entryOf(bytes, start, newline + 1 - start) });
    start = newline + 1;
  }
  return lines;
}

function die(label) {
  writeSync(1, `KILLED ${label}\n`);
  process.kill(process.pid, 'SIGKILL');
  return new Promise(() => undefined);
}

/**
 * Arm the kill switch: `point` is `{label, kind, n, how, match?}`. Counts entries of `kind` (whose
 * JSON data contains `match`, when given) as they are written; the n-th one triggers `how`.
 * `journaled(entry)` is told of every other entry once its write has returned.
 */
export async function armCrash(point, journaled = () => undefined) {
  const probe = await open(process.execPath, 'r');
  const proto = Object.getPrototypeOf(probe);
  await probe.close();
  const originalWrite = proto.write;
  const originalWriteFile = proto.writeFile;
  let seen = 0;
  const hits = (entry) => {
    if (!entry || entry.kind !== point.kind) return false;
    if (point.match && !JSON.stringify(entry.data).includes(point.match)) return false;
    seen += 1;
    return seen === point.n;
  };
  async function writeAll(handle, buffer, offset, length) {
    let done = 0;
    while (done < length) done += (await originalWrite.call(handle, buffer, offset + done, length - done)).bytesWritten;
  }
  proto.write = async function write(buffer, offset = 0, length, ...rest) {
    const len = length ?? buffer.length - offset;
    const hit =
      buffer instanceof Uint8Array ? linesOf(buffer, offset, len).find((line) => hits(line.entry)) : undefined;
    if (!hit) {
      const written = await originalWrite.call(this, buffer, offset, length, ...rest);
      if (buffer instanceof Uint8Array) for (const line of linesOf(buffer, offset, len)) journaled(line.entry);
      return written;
    }
    if (hit.start > 0) await writeAll(this, buffer, offset, hit.start);
    const size = hit.end - hit.start;
    if (point.how === 'torn') await writeAll(this, buffer, offset + hit.start, Math.max(1, Math.floor(size / 2)));
    if (point.how === 'after') await writeAll(this, buffer, offset + hit.start, size);
    if (point.how !== 'before') await this.sync();
    return die(point.label);
  };
  proto.writeFile = async function writeFile(data, ...rest) {
    if (!(data instanceof Uint8Array) || !hits(entryOf(data))) return originalWriteFile.call(this, data, ...rest);
    if (point.how !== 'before') {
      await writeAll(this, data, 0, point.how === 'torn' ? Math.max(1, Math.floor(data.length / 2)) : data.length);
      await this.sync();
    }
    return die(point.label);
  };
}
