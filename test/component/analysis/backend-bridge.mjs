// Node side of the analysis component tests; typed by backend-bridge.d.mts (see there why).
import { analysisHandlers } from '../../../electron/backend/handlers/analysis.ts';
import { contract } from '../../../shared/ipc/contract.ts';
import { RefusedError } from '../../../shared/ipc/dispatch.ts';
import { captureCases as loadCases } from '../../unit/analysis/capture-cases.ts';

export function captureCases() {
  return loadCases().map((c) => ({
    ...c,
    files: c.inputs.map((i) => ({ name: i.name, bytes: new Uint8Array(Buffer.from(i.base64, 'base64')) })),
  }));
}

export function fakeBackend(listing) {
  const calls = [];
  const imported = [];
  let open = null;
  const snapshot = () => ({ rotationId: open?.rotationId ?? '' });
  const rotations = {
    read: async () => ({ exitCode: listing ? 0 : 1, lines: listing ?? ['FAILED'] }),
    state: () => ({ rotation: null, running: null }),
    importRun: async (run) => {
      imported.push(run);
      open = {
        rotationId: '2026-03-02T10-00-00Z-abcd',
        reviewed: false,
        classification: {
          phase: 'rewrap-interrupted',
          flow: run.flow,
          next: [],
          forbidden: [],
          evidence: [],
          unitsToDeselect: [],
          failedChecks: [],
        },
      };
      return snapshot();
    },
    confirmReview: async (phase) => {
      if (!open || phase !== open.classification.phase)
        throw new RefusedError('The evidence changed since you reviewed it.');
      open.reviewed = true;
      return snapshot();
    },
    importState: () =>
      open
        ? { rotationId: open.rotationId, files: [], reviewed: open.reviewed, classification: open.classification }
        : null,
  };
  const handlers = analysisHandlers({ rotations });
  const invoke = async (channel, request) => {
    calls.push({ channel, request });
    if (!(channel in handlers)) return { ok: false, error: { code: 'unknown-channel', message: channel } };
    try {
      return { ok: true, value: await handlers[channel](contract[channel].request.parse(request)) };
    } catch (error) {
      return {
        ok: false,
        error: {
          code: error instanceof RefusedError ? 'refused' : 'failed',
          message: error instanceof Error ? error.message : String(error),
        },
      };
    }
  };
  return { api: { invoke, on: () => () => undefined }, calls, imported };
}
