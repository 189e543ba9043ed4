/** Crash-safe, hash-chained rotation journal (format in docs/journal.md). */
export { canonicalJson, GENESIS_PREV, sha256Hex } from './canonical.js';
export {
  ENTRY_DATA_SCHEMAS,
  JOURNAL_MODES,
  journalEntrySchema,
  type EntryData,
  type EntryKind,
  type JournalEntry,
  type JournalEntryInput,
  type JournalMode,
  type RotationStartedData,
} from './entry-schema.js';
export { isRotationId, journalPath, journalsDir, newRotationId } from './rotation-id.js';
export { OutputScrubber, REDACTED } from './scrubber.js';
export {
  JournalVerificationError,
  RotationJournal,
  type JournalFile,
  type JournalOptions,
  type OutputOptions,
  type RotationStart,
} from './rotation-journal.js';
export {
  verifyJournal,
  verifyJournalBytes,
  type JournalStatus,
  type JournalVerification,
  type TornTail,
} from './verify.js';
export { findUnfinished, listJournals, type JournalSummary } from './list.js';
export { journalStory, type JournalStory } from './story.js';
export {
  measureJournalAppends,
  measureJournalAppends as journalAppendBench,
  type JournalBenchResult,
} from './bench.js';
