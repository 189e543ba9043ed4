/** What the "Analyse a failed run" screen and its channels exchange (docs/analysis.md). */
import type { Classification, Phase } from '../classifier/types.js';
import type { UnitRegisters } from '../tke/types.js';

/** The command the administrator says they ran, for output that does not show its command line. */
export const STATED_COMMANDS = ['auto-mk-rotate', 'cryptounit-mk-rotate', 'cryptounit-mk-setimm', 'other'] as const;
export type StatedCommand = (typeof STATED_COMMANDS)[number];

/** Total input (all files and the paste, as bytes) the app takes in one analysis. */
export const MAX_ANALYSIS_BYTES = 32 * 1024 * 1024;
/** Files (the paste counts as one) in one analysis. */
export const MAX_ANALYSIS_FILES = 20;

/** How a capture was made, recognised from its header (line numbers are never changed). */
export type CaptureFormat = 'script' | 'powershell' | 'plain';

/** Why an input cannot be analysed; the renderer translates the code, `detail` is English. */
export type InputProblemCode = 'empty' | 'blank' | 'binary' | 'not-text' | 'too-large' | 'too-many';
export interface InputProblem {
  file: string;
  code: InputProblemCode;
  detail: string;
}

/** Something the administrator should know although the input could be analysed. */
export type InputWarningCode = 'replaced-characters' | 'no-tke-output' | 'renamed';
export interface InputWarning {
  file: string;
  code: InputWarningCode;
  count: number;
}

export interface AnalysedFile {
  /** Name cited in evidence (made unique when two inputs share a name). */
  name: string;
  bytes: number;
  sha256: string;
  encoding: string;
  format: CaptureFormat;
  lines: number;
  /** The administrator's stated command was put in front of this file (cited as line 0). */
  commandStated: boolean;
}

export interface RegisterReadingView {
  at: string;
  exitCode: number;
  units: UnitRegisters[];
  /** The listing as printed (at most a few hundred lines). */
  lines: string[];
}

export type AnalysisView =
  | { status: 'unusable'; problems: InputProblem[] }
  | {
      status: 'classified';
      analysisId: string;
      command: StatedCommand;
      files: AnalysedFile[];
      warnings: InputWarning[];
      classification: Classification;
      registers: RegisterReadingView | null;
    };

/** An open rotation that was imported from a manual run, and whether its evidence was reviewed. */
export interface ImportReview {
  rotationId: string;
  files: { name: string; sha256: string }[];
  reviewed: boolean;
  phase: Phase;
  classification: Classification;
}

/** The decision a journal records when the administrator confirms the imported evidence. */
export const EVIDENCE_REVIEWED = 'evidence reviewed';
