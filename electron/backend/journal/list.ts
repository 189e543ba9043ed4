import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalMode } from './entry-schema.js';
import { isRotationId, journalsDir } from './rotation-id.js';
import { journalStory, type JournalStory } from './story.js';
import { verifyJournal, type JournalStatus } from './verify.js';

export interface JournalSummary {
  rotationId: string;
  path: string;
  /** Time of the rotation-started entry, if it verified. */
  startedAt?: string;
  mode?: JournalMode;
  flow?: string;
  instanceId?: string;
  /** Operator name entered in the plan, as the rotation-started entry holds it. */
  operator?: string;
  finished: boolean;
  outcome?: string;
  /** Entries that verified. */
  entryCount: number;
  /** `hash` field of the last verified entry. */
  lastHash?: string;
  status: JournalStatus;
  reason: string;
  tamperedAt?: number;
  /** Failed commands, failures recovered from, keys lost, the final VP (journal/story.ts). */
  story: JournalStory;
}

/** Verifies and summarises every journal in the data directory, oldest rotation first. */
export async function listJournals(dataDir: string): Promise<JournalSummary[]> {
  let names: string[];
  try {
    names = await readdir(journalsDir(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const ids = names
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => name.slice(0, -'.jsonl'.length))
    .filter(isRotationId)
    .sort();
  const summaries: JournalSummary[] = [];
  for (const rotationId of ids) {
    const path = join(journalsDir(dataDir), `${rotationId}.jsonl`);
    const result = await verifyJournal(path);
    const first = result.entries[0];
    const start = first?.kind === 'rotation-started' ? first.data : undefined;
    const last = result.entries.at(-1);
    const finish = result.entries.find((entry) => entry.kind === 'rotation-finished');
    summaries.push({
      rotationId,
      path,
      ...(first && { startedAt: first.time }),
      ...(start && { mode: start.mode, flow: start.flow }),
      ...(start?.instanceId !== undefined && { instanceId: start.instanceId }),
      ...(start?.operator !== undefined && { operator: start.operator }),
      finished: finish !== undefined,
      ...(finish?.kind === 'rotation-finished' && { outcome: finish.data.outcome }),
      entryCount: result.entries.length,
      ...(last && { lastHash: last.hash }),
      status: result.status,
      reason: result.reason,
      ...(result.tamperedAt !== undefined && { tamperedAt: result.tamperedAt }),
      story: journalStory(result.entries),
    });
  }
  return summaries;
}

/**
 * Journals without a rotation-finished entry, oldest first. Tampered and unreadable ones are
 * included (their status says so) because the administrator must hear about them, not lose them.
 */
export async function findUnfinished(dataDir: string): Promise<JournalSummary[]> {
  return (await listJournals(dataDir)).filter((summary) => !summary.finished);
}
