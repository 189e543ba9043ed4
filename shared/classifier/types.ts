/** Input and output of the state classifier (the `mkra classify` JSON contract). */
import type { FailedCheckId } from '../tke/messages.js';
import type { UnitRegisters } from '../tke/types.js';

export const PHASES = [
  'no-rotation',
  'auth-expired',
  'precheck-failed',
  'failed-before-new-key',
  'rewrap-interrupted',
  'rewrap-complete',
  'partially-promoted',
  'completed',
  'indeterminate',
] as const;
export type Phase = (typeof PHASES)[number];

/**
 * Why a classification is `indeterminate`, so that it is never worded as a cause it does not have:
 * `contradiction`: the evidence contradicts itself or IBM's documented sequence (a reading against the
 * transcripts, a step they call for that they also refuse); `unfinished`: a rotation command's end was
 * not seen (the app died while it ran, or the capture stops), so how far it got is missing: read the
 * registers first; `undocumented`: only output IBM does not document would change the advice: read
 * first; `defect`: the advisor's own advice failed its self-check.
 */
export const INDETERMINATE_CAUSES = ['contradiction', 'unfinished', 'undocumented', 'defect'] as const;
export type IndeterminateCause = (typeof INDETERMINATE_CAUSES)[number];
/** Each cause in plain words, as `mkra classify` and the backend's refusals say it. */
export const INDETERMINATE_CAUSE_WORDS: Readonly<Record<IndeterminateCause, string>> = {
  contradiction: 'the evidence is contradictory',
  unfinished: 'how far the last command got is not known: its end was not seen',
  undocumented: 'how far the rotation got rests on output IBM does not document',
  defect: 'the advisor found a defect in its own advice',
};

export const FLOWS = ['auto', 'keyparts', 'smartcard'] as const;
/**
 * `auto`: recovery crypto units (`auto-mk-rotate`); `keyparts`: key part files (`cryptounit-mk-rotate`);
 * `smartcard`: smart cards in the TKE application, whose actions the advice then names.
 */
export type Flow = (typeof FLOWS)[number];

/** The flows the app itself runs (through the TKE CLI); the smart-card flow is only classified. */
export const RUN_FLOWS = ['auto', 'keyparts'] as const;
export type RunFlow = (typeof RUN_FLOWS)[number];

/** A command as the user types it, and why it is advised or refused (what the decision rules produce). */
export interface AdviceStep {
  command: string;
  why: string;
}

/**
 * A step of a classification: the command as the user types it, why, and the argv the app runs for it
 * (`['tke', 'cryptounit-mk-setimm']`), null when the step is not one the app runs (a TKE application
 * action, a shell step, a command with placeholders). The renderer displays `command` and sends
 * `argv` back unchanged; the backend compares argv word for word.
 */
export interface Advice extends AdviceStep {
  argv: string[] | null;
}

/** Where a conclusion comes from; `line` is 1-based in the original file (0: the file as a whole). */
export interface Evidence {
  file: string;
  line: number;
  text: string;
}

export interface Classification {
  phase: Phase;
  flow: Flow;
  next: Advice[];
  forbidden: Advice[];
  evidence: Evidence[];
  unitsToDeselect: number[];
  failedChecks: FailedCheckId[];
  /** Units deselected while recovering a partial promotion, to select again (`cryptounit-add`); omitted when none. */
  unitsToReselect?: number[];
  /**
   * Set when no command is safe to run at all (the evidence contradicts itself): what to do instead.
   * `next` is then empty, so following the advice can never loop.
   */
  stop?: string;
  /** Why the phase is `indeterminate`; present exactly when it is. */
  indeterminateCause?: IndeterminateCause;
}

export interface TranscriptInput {
  file: string;
  text: string;
  /**
   * How the command of this transcript ended, when the app ran it and saw the process exit (null code:
   * killed by a signal). Absent for captured output, whose end is judged from what it printed.
   */
  exit?: { code: number | null; signal?: string | null };
}

/** A register reading; `line` points into `registersFile` when it came from captured text. */
export type RegisterReading = UnitRegisters & { line?: number };

export interface ClassifyInput {
  /** Transcripts of every command since the rotation began, oldest first. */
  transcripts: TranscriptInput[];
  /** Detected from the transcripts when not given. */
  flow?: Flow;
  /** Register reading taken after the failure (all selected units). */
  registers?: RegisterReading[];
  /** Name cited in evidence for register readings (default `registers`). */
  registersFile?: string;
  /**
   * The workstation signs through a signing service (`TKE_SIGNSERV_URL`): the `sigkey` commands do
   * nothing there, so advice never sends the administrator to `sigkey-sel`.
   */
  signingService?: boolean;
}
