/**
 * "Analyse a failed run": classify a manual run's output at once (nothing journaled, nothing run),
 * add a read-only register reading, and adopt it as the first entries of a new rotation journal.
 * One analysis is held at a time; a new one replaces it.
 */
import { randomUUID } from 'node:crypto';
import {
  importedTranscript,
  lacksCommandLine,
  statedCommandLine,
  unshiftEvidence,
  type AnalysisView,
  type ImportReview,
  type InputWarning,
  type RegisterReadingView,
  type StatedCommand,
} from '../../../shared/analysis/index.js';
import { classify } from '../../../shared/classifier/index.js';
import type { Classification, Phase } from '../../../shared/classifier/types.js';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import type { RotationSnapshot } from '../../../shared/rotation/types.js';
import { registerUnits } from '../rotation/pipeline.js';
import type { RotationService } from '../rotation/rotation-service.js';
import { APP_READING_NAME } from '../../../shared/analysis/sources.js';
import { decodeInputs, type DecodedInput } from './decode-inputs.js';

/** The part of the rotation service an analysis uses (a seam for tests). */
export type AnalysisRotations = Pick<RotationService, 'read' | 'state' | 'importRun' | 'confirmReview' | 'importState'>;

const READ_ARGV = ['tke', 'cryptounit-mks'];
const MAX_LISTING_LINES = 400;

interface Analysis {
  id: string;
  command: StatedCommand;
  inputs: DecodedInput[];
  /** The stated command line put in front of the first file, when its output does not show one. */
  commandLine: string | undefined;
  warnings: InputWarning[];
  reading: (RegisterReadingView & { allLines: string[] }) | null;
  classification: Classification;
}

function classifyAnalysis(a: Omit<Analysis, 'classification'>): Classification {
  const first = a.inputs[0]?.file.name;
  const transcripts = a.inputs.map((input) =>
    importedTranscript(input.file.name, input.lines, input.file.name === first ? a.commandLine : undefined),
  );
  const registers =
    a.reading && a.reading.units.length > 0 ? { registers: a.reading.units, registersFile: APP_READING_NAME } : {};
  const result = classify({ transcripts, ...registers });
  return unshiftEvidence(result, new Set(a.commandLine !== undefined && first !== undefined ? [first] : []));
}

function viewOf(a: Analysis): AnalysisView {
  const first = a.inputs[0]?.file.name;
  return {
    status: 'classified',
    analysisId: a.id,
    command: a.command,
    files: a.inputs.map((i) => ({ ...i.file, commandStated: a.commandLine !== undefined && i.file.name === first })),
    warnings: a.warnings,
    classification: a.classification,
    registers: a.reading
      ? { at: a.reading.at, exitCode: a.reading.exitCode, units: a.reading.units, lines: a.reading.lines }
      : null,
  };
}

export class AnalysisService {
  readonly #rotations: AnalysisRotations;
  readonly #clock: () => Date;
  #current: Analysis | null = null;

  constructor(rotations: AnalysisRotations, clock: () => Date = () => new Date()) {
    this.#rotations = rotations;
    this.#clock = clock;
  }

  /** Decode and classify; nothing is run or journaled. */
  classify(inputs: readonly { name: string; base64: string }[], command: StatedCommand): AnalysisView {
    const decoded = decodeInputs(inputs);
    if (!decoded.ok) return { status: 'unusable', problems: decoded.problems };
    const stated = statedCommandLine(command);
    const commandLine = stated !== undefined && lacksCommandLine(decoded.inputs[0]?.lines ?? []) ? stated : undefined;
    const base = {
      id: `analysis-${randomUUID()}`,
      command,
      inputs: decoded.inputs,
      commandLine,
      warnings: decoded.warnings,
      reading: null,
    };
    this.#current = { ...base, classification: classifyAnalysis(base) };
    return viewOf(this.#current);
  }

  /** Read the registers (read-only listing) and classify again with the reading. */
  async readRegisters(analysisId: string): Promise<AnalysisView> {
    const a = this.#require(analysisId);
    this.#requireNoOpenRotation();
    const { exitCode, lines } = await this.#rotations.read(READ_ARGV);
    const units = exitCode === 0 ? registerUnits(lines) : [];
    a.reading = {
      at: this.#clock().toISOString(),
      exitCode,
      units,
      lines: lines.slice(0, MAX_LISTING_LINES),
      allLines: lines,
    };
    a.classification = classifyAnalysis(a);
    return viewOf(a);
  }

  /** Adopt the analysed run as a new rotation; refused when the phase the administrator saw is stale. */
  async adopt(analysisId: string, reviewedPhase: Phase): Promise<{ review: ImportReview; snapshot: RotationSnapshot }> {
    const a = this.#require(analysisId);
    if (reviewedPhase !== a.classification.phase)
      throw new RefusedError(`The analysis now says ${a.classification.phase}, not ${reviewedPhase}. Review it again.`);
    const flow = a.classification.flow;
    // The app runs the TKE CLI; a smart-card rotation is recovered in the TKE application, not here.
    if (flow === 'smartcard')
      throw new RefusedError(
        'This run was made with smart cards in the TKE application: recover it there, with the actions the findings name. The app cannot sign with smart cards.',
      );
    const first = a.inputs[0]?.file.name;
    const names = a.inputs.map((i) => i.file.name).join(', ');
    const snapshot = await this.#rotations.importRun({
      flow,
      files: a.inputs.map((i) => ({
        ...i.file,
        lines: i.lines,
        ...(a.commandLine !== undefined && i.file.name === first ? { commandLine: a.commandLine } : {}),
      })),
      ...(a.reading
        ? {
            reading: {
              argv: READ_ARGV,
              lines: a.reading.allLines,
              exitCode: a.reading.exitCode,
              units: a.reading.units,
            },
          }
        : {}),
      note: `imported a manual terminal run from ${a.inputs.length} file(s): ${names}; stated command: ${a.command}; analysed as ${a.classification.phase}`,
    });
    this.#current = null;
    return { review: this.#requireReview(), snapshot };
  }

  /** The administrator confirms having reviewed the evidence of the open imported rotation. */
  async confirmReview(rotationId: string, phase: Phase): Promise<{ review: ImportReview; snapshot: RotationSnapshot }> {
    if (this.#rotations.importState()?.rotationId !== rotationId)
      throw new RefusedError(`Rotation ${rotationId} is not the open imported rotation.`);
    const snapshot = await this.#rotations.confirmReview(phase);
    return { review: this.#requireReview(), snapshot };
  }

  /** The open rotation's import state, or null. */
  review(): ImportReview | null {
    const s = this.#rotations.importState();
    return s
      ? {
          rotationId: s.rotationId,
          files: s.files,
          reviewed: s.reviewed,
          phase: s.classification.phase,
          classification: s.classification,
        }
      : null;
  }

  #requireReview(): ImportReview {
    const review = this.review();
    if (!review) throw new Error('the imported rotation is not open');
    return review;
  }

  #require(analysisId: string): Analysis {
    if (this.#current?.id !== analysisId)
      throw new RefusedError('This analysis is no longer current: analyse the output again.');
    return this.#current;
  }

  #requireNoOpenRotation(): void {
    const open = this.#rotations.state().rotation;
    if (open && !open.finished && !open.readOnly)
      throw new RefusedError(
        `Rotation ${open.rotationId} is open. Finish it (or continue it on the Rotation screen) before analysing another run.`,
      );
  }
}
