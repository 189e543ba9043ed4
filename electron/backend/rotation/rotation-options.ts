/** What the rotation service is given: where journals go, how commands run, what it tells. */
import type { RunFlow } from '../../../shared/classifier/types.js';
import type { ChecklistId } from '../../../shared/precheck/checklist.js';
import type { RotationEvents } from '../../../shared/rotation/types.js';
import type { JournalOptions } from '../journal/index.js';
import type { PtySpawn } from '../runner/pty-process.js';
import type { Invocation } from '../runner/tke-invocation.js';
import type { PrecheckRecord } from './imported-journal.js';

export interface StartRequest {
  flow: RunFlow;
  operator?: string;
  instanceId?: string;
  overrideReason?: string;
  /** The checklist confirmations given (shared/precheck/checklist.ts); the start gate refuses without them. */
  confirmed?: ChecklistId[];
  /** Pre-check results to journal when no start gate is configured (tests, training). */
  prechecks?: PrecheckRecord;
}

export interface RotationServiceOptions {
  dataDir: string;
  invocation: () => Invocation;
  events: RotationEvents;
  hangAfterMs?: number;
  clock?: () => number;
  spawn?: PtySpawn;
  /** Extra variables for one command (demo fault injection; live login's API key, which is never journaled). */
  commandEnv?: (argv: readonly string[]) => Record<string, string>;
  /** Journal a register reading when a rotation starts and when it completes (default true). */
  baselineReading?: boolean;
  /**
   * Decides whether a rotation may start, from the backend's own reading of the crypto units (never
   * from what the renderer says): the pre-check results to journal, and the problems that refuse it.
   */
  startGate?: (request: StartRequest) => Promise<{ prechecks?: PrecheckRecord | undefined; problems: string[] }>;
  /** Told when a command ends (e.g. to remember a successful login's time). */
  onCommandFinished?: (argv: readonly string[], exitCode: number) => void;
  /** The CLI signs through a signing service (`TKE_SIGNSERV_URL`): advice never names sigkey-sel. */
  signingService?: boolean;
  /** Opens a started or resumed journal's file (a test seam to observe writes and fsyncs). */
  journalFile?: JournalOptions['openFile'];
}
