import { hostname, userInfo } from 'node:os';
import { RotationJournal } from './rotation-journal.js';

export interface JournalBenchResult {
  entries: number;
  seconds: number;
  entriesPerSecond: number;
  path: string;
}

/**
 * Appends `count` output entries of about `lineLength` characters to a fresh demo journal in
 * `dataDir`, fsynced as in production, and reports the sustained rate (for `npm run bench`). With
 * `batch` > 1 they are group-committed that many at a time (`appendBatch`, one fsync per batch).
 */
export async function measureJournalAppends(
  dataDir: string,
  { count = 1000, lineLength = 80, batch = 1 }: { count?: number; lineLength?: number; batch?: number } = {},
): Promise<JournalBenchResult> {
  const journal = await RotationJournal.create(dataDir, {
    flow: 'auto',
    mode: 'demo',
    host: hostname(),
    user: userInfo().username,
  });
  const line = 'Re-encrypted 1 of 3000 keys '.padEnd(lineLength, '.');
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i += batch) {
    const size = Math.min(batch, count - i);
    if (size === 1) await journal.appendOutput(line);
    else await journal.appendBatch(Array.from({ length: size }, () => ({ kind: 'output' as const, data: { line } })));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await journal.close();
  return { entries: count, seconds, entriesPerSecond: count / seconds, path: journal.path };
}
