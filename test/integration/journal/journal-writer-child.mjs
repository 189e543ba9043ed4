// Child process for crash.test.ts: appends entries to a journal in a loop with the BUILT journal
// module until the parent kills it. The file wrapper makes every write(2) short (at most 1 KiB), as
// network file systems and full disks may: the journal's own loop must finish the line, and a
// SIGKILL between those calls leaves a torn tail, the shape a power loss mid-write leaves; a batch
// (appendBatch) is one buffer of several lines, so a kill may land inside it.
// The test runs this file bundled with the built journal module (../child-bundle.ts).
import { open } from 'node:fs/promises';
import { RotationJournal } from '../../../dist/electron/backend/journal/index.js';

const [dataDir, rotationId, how] = process.argv.slice(2);
const openFile = async (path) => {
  const handle = await open(path, 'a');
  return {
    write: (buffer, offset, length) => handle.write(buffer, offset, Math.min(length, 1024)),
    sync: () => handle.sync(),
    close: () => handle.close(),
  };
};
const journal =
  how === 'resume'
    ? (await RotationJournal.resume(dataDir, rotationId, { openFile })).journal
    : await RotationJournal.create(
        dataDir,
        { rotationId, flow: 'auto', mode: 'demo', host: 'crash-test', user: 'ci' },
        { openFile },
      );
process.stdout.write('ready\n');

const big = 'Re-encrypted 1 of 3000 keys '.repeat(2_000);
for (let i = 0; ; i += 1) {
  switch (i % 5) {
    case 0:
      await journal.append({
        kind: 'command-started',
        data: { argv: ['ibmcloud-sim', 'tke', 'auto-mk-rotate'], mode: 'demo' },
      });
      break;
    case 1:
      await journal.appendOutput(big.slice(0, 8_000 + (i % 7) * 6_000), { stream: 'pty' });
      break;
    case 2:
      await journal.append({ kind: 'milestone', data: { id: 'M1', text: 'Delaying 30 seconds' } });
      break;
    case 3:
      // Group commit: one write of several lines (spanning many short writes) and one fsync.
      await journal.appendBatch(
        [`line ${i}`, big.slice(0, 3_000), `line ${i}b`, big.slice(0, 2_000 + (i % 3) * 1_000)].map((line) => ({
          kind: 'output',
          data: { line },
        })),
      );
      break;
    default:
      await journal.append({ kind: 'command-finished', data: { exitCode: 0 } });
  }
}
