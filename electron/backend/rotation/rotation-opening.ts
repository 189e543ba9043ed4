/**
 * How the rotation service opens a rotation: a new journal with its baseline entries, a manual run
 * imported as the first entries of a new journal, or a journal reopened (resumed or read-only).
 */
import { hostname, userInfo } from 'node:os';
import { EVIDENCE_REVIEWED } from '../../../shared/analysis/types.js';
import type { Classification, Phase } from '../../../shared/classifier/types.js';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import { checklistRecord } from '../../../shared/precheck/checklist.js';
import {
  findUnfinished,
  journalPath,
  RotationJournal,
  verifyJournal,
  type JournalEntryInput,
  type JournalOptions,
} from '../journal/index.js';
import { createImportedJournal, type ImportedRun, type PrecheckRecord } from './imported-journal.js';
import { rotationTarget } from './live-command.js';
import type { RotationServiceOptions, StartRequest } from './rotation-options.js';
import { RotationState } from './rotation-state.js';

function journalOptions(options: RotationServiceOptions): JournalOptions {
  return options.journalFile ? { openFile: options.journalFile } : {};
}

/** Refuse while any journal on disk is unfinished: its evidence would be left behind. */
export async function refuseUnfinished(dataDir: string): Promise<void> {
  const unfinished = await findUnfinished(dataDir);
  if (unfinished.length === 0) return;
  const ids = unfinished.map((j) => j.rotationId).join(', ');
  throw new RefusedError(
    `Rotation ${ids} is unfinished. Resume it and recover or close it first: a new rotation would not see what it did to the crypto units, and the registers may still hold its new master key.`,
    { kind: 'unfinished', command: 'start' },
  );
}

/**
 * Create a new rotation's journal and journal what it starts on: the pre-check results, an override's
 * reason, the checklist confirmations. `opened` is told of the rotation as soon as its journal exists.
 */
export async function startedRotation(
  options: RotationServiceOptions,
  request: StartRequest,
  prechecks: PrecheckRecord | undefined,
  opened: (r: RotationState) => void,
): Promise<RotationState> {
  const journal = await RotationJournal.create(
    options.dataDir,
    {
      flow: request.flow,
      mode: options.invocation().mode,
      host: hostname(),
      user: userInfo().username,
      ...(request.operator ? { operator: request.operator } : {}),
      ...(request.instanceId ? { instanceId: request.instanceId } : {}),
    },
    journalOptions(options),
  );
  const { entries } = await verifyJournal(journal.path);
  const rotation = new RotationState(journal, entries, false, options.signingService);
  opened(rotation);
  const target = rotationTarget(rotation);
  if (prechecks) await target?.append({ kind: 'prechecks', data: prechecks });
  if (request.overrideReason) {
    await target?.append({
      kind: 'decision',
      data: {
        what: `Started although some pre-checks could not be judged. Reason: ${request.overrideReason}`,
        override: true,
      },
    });
  }
  for (const what of checklistRecord(request.flow, request.confirmed))
    await target?.append({ kind: 'decision', data: { what, override: false } });
  return rotation;
}

/** A new rotation whose first entries are a manual run's output (imported-journal.ts). */
export async function importedRotation(options: RotationServiceOptions, run: ImportedRun): Promise<RotationState> {
  const journal = await createImportedJournal(options.dataDir, run, options.invocation().mode);
  const { entries } = await verifyJournal(journal.path);
  return new RotationState(journal, entries, false, options.signingService);
}

/**
 * Reopen a journal after verifying it: read-only when asked or finished, else resumed for appending
 * (`closeOpen` closes the rotation open so far first, once the journal has verified).
 */
export async function reopenedRotation(
  options: RotationServiceOptions,
  rotationId: string,
  readOnly: boolean,
  closeOpen: () => Promise<void>,
): Promise<RotationState> {
  const verification = await verifyJournal(journalPath(options.dataDir, rotationId));
  if (!verification.ok)
    throw new RefusedError(
      `The journal of ${rotationId} does not verify: ${verification.reason}. It is kept as it is for investigation.`,
    );
  const asRead = readOnly || verification.entries.some((e) => e.kind === 'rotation-finished');
  await closeOpen();
  if (asRead) return new RotationState(null, verification.entries, true, options.signingService);
  const resumed = await RotationJournal.resume(options.dataDir, rotationId, journalOptions(options));
  return new RotationState(resumed.journal, resumed.verification.entries, false, options.signingService);
}

/** The rotation, when it was imported and is open: its files and whether its evidence was reviewed. */
export function importStateOf(r: RotationState): {
  rotationId: string;
  files: { name: string; sha256: string }[];
  reviewed: boolean;
  classification: Classification;
} | null {
  const first = r.entries[0];
  if (!r.writable || first?.kind !== 'rotation-started' || !first.data.imported) return null;
  return {
    rotationId: r.rotationId,
    files: first.data.imported.files,
    reviewed: !r.awaitingReview,
    classification: r.classification,
  };
}

/**
 * The decision recording that the administrator reviewed the imported evidence for `phase`, or null
 * when it is already recorded; refused when the rotation was not imported or the evidence changed.
 */
export function reviewDecision(r: RotationState, phase: Phase): JournalEntryInput | null {
  if (!r.imported) throw new RefusedError(`Rotation ${r.rotationId} was not imported from a manual run.`);
  if (!r.awaitingReview) return null;
  if (phase !== r.classification.phase) {
    throw new RefusedError(
      `The evidence changed since you reviewed it (now: ${r.classification.phase}, you saw: ${phase}). Review it again.`,
    );
  }
  return {
    kind: 'decision',
    data: {
      what: `${EVIDENCE_REVIEWED}: ${phase} (imported output${r.latestRegisters() ? ' and register reading' : ''})`,
    },
  };
}

/**
 * The start gate's verdict (the backend's own pre-checks and plan, never the renderer's word): the
 * pre-check results to journal, or a refusal naming every problem. Without a gate (tests, training)
 * the request's own results are journaled.
 */
export async function gatePrechecks(
  options: RotationServiceOptions,
  request: StartRequest,
): Promise<PrecheckRecord | undefined> {
  if (!options.startGate) return request.prechecks;
  const gate = await options.startGate(request);
  if (gate.problems.length > 0) {
    throw new RefusedError(`The rotation cannot start: ${gate.problems.join('; ')}.`, {
      kind: 'plan-blocked',
      command: `start ${request.flow}`,
    });
  }
  return gate.prechecks;
}
