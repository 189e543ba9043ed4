// Preloaded (NODE_OPTIONS=--import) into the simulator in the crash campaign's "the simulator dies
// with its terminal" mode. The simulated rewrap and promotion take milliseconds at the campaign's
// time scale, so on a busy machine a simulator could run many batches ahead of what the backend had
// journaled before the backend's kill reached it, and how much key storage a recovery finds left
// would depend on the machine's speed. Instead, after each paced line (a re-encryption progress or
// promotion line) it waits, blocked, until the backend has journaled that line: crash-child.mjs
// writes one byte to the FIFO named by MKRA_TEST_LOCKSTEP per paced line in a journal entry. When the
// backend dies, the FIFO's writer closes, the read sees its end, and the simulator dies too, exactly
// where the backend left it.
import { openSync, readSync } from 'node:fs';

export const PACED = /Re-encrypted|Promoting the new master key/g;

const path = process.env.MKRA_TEST_LOCKSTEP;
if (path) {
  const fd = openSync(path, 'r');
  const write = process.stdout.write;
  const ack = Buffer.alloc(1);
  process.stdout.write = function paced(chunk, ...rest) {
    const result = write.call(this, chunk, ...rest);
    const count = typeof chunk === 'string' ? (chunk.match(PACED)?.length ?? 0) : 0;
    for (let i = 0; i < count; i++) {
      if (readSync(fd, ack, 0, 1, null) === 0) process.exit(129);
    }
    return result;
  };
}
