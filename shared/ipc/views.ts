/** Shapes the backend sends that have no other home in shared/. */
import type { AdminMatchResult, WorkspaceScan } from '../keyfiles/workspace-types.js';
import type { UnitRegisters } from '../tke/types.js';

/** One past or unfinished rotation, for History and the resume offer. */
export interface RotationSummary {
  rotationId: string;
  startedAt: string | null;
  mode: string | null;
  flow: string | null;
  instanceId: string | null;
  operator: string | null;
  finished: boolean;
  outcome: string | null;
  entries: number;
  lastHash: string | null;
  status: string;
  problem: string | null;
  /** What the journal says happened (electron/backend/journal/story.ts). */
  story: RotationStory;
}

/** A rotation's story as History tells it, counted from its journal by the backend. */
export interface RotationStory {
  /** Commands that failed (non-zero exit, a signal) or were interrupted. */
  failedCommands: number;
  /** Times the classifier found the rotation in a failure phase. */
  failurePhases: number;
  /** Keys lost as far as the journal can tell (0 for a completed rotation); null when it cannot. */
  keysLost: number | null;
  /** The current master key's verification pattern all units shared at the last reading. */
  currentVp: string | null;
}

/** The key-file workspace as the renderer sees it. */
export interface WorkspaceView {
  scan: WorkspaceScan | null;
  /** Which signature keys match administrators installed in the crypto units, when known. */
  admins: AdminMatchResult | null;
  message: string | null;
}

/** The simulator's state in demo mode (keys lost are the consequence training shows). */
export interface DemoStatus {
  scenario: string;
  scenarios: { name: string; description: string }[];
  keystore: { total: number; usable: number; lost: number };
  token: { valid: boolean; expiresAt: string | null };
  units: (UnitRegisters & { selected: boolean; location: string })[];
  /**
   * `demo:get-status` only: the fault armed for the next rotation command (`<point>` or
   * `<point>:crash`), null when none; the next command that changes registers consumes it.
   */
  fault?: string | null;
}

export interface ReportExportResult {
  jsonPath: string;
  pdfPath: string;
  fingerprint: string;
  adminSki: string | null;
}

export interface ReportPublicKeyView {
  pem: string;
  fingerprint: string;
  /** True when the key is protected by the OS keystore; false when by a password. */
  osProtected: boolean;
}

/** `mkra verify` as the app shows it. */
export type ReportVerificationView =
  | {
      status: 'valid';
      fingerprint: string;
      pinned: boolean;
      admin: { ski: string; name: string } | null;
      summary: string[];
      /**
       * `identical`: the PDF is exactly the one made from its signed content; `not-checked`: made by
       * another PDF renderer, only the signed content inside is verified (shown as a warning, with
       * `facts` to compare with the pages); `none`: a JSON report.
       */
      pages: 'identical' | 'not-checked' | 'none';
      /** The PDF renderer the report names, and this app's. */
      renderer: { report: string; here: string };
      /** The signed key facts, as the PDF prints them. */
      facts: string[];
    }
  | { status: 'invalid'; reason: string; problem?: 'pages-differ' | 'cosignature-missing' }
  | { status: 'unreadable'; reason: string };
