// Node side of the training store test; typed by training-bridge.d.mts (the component tests are
// type-checked as renderer code, so they see this helper through those declarations only).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainingHandlers } from '../../../electron/backend/handlers/training.ts';
import { contract } from '../../../shared/ipc/contract.ts';

const dirs = [];

/** Remove the data directories the backends made. */
export function removeBackends() {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A renderer api over the training handlers of a fresh demo backend; the requests it was sent. */
export function trainingBackend() {
  const dataDir = mkdtempSync(join(tmpdir(), 'mkra-training-store-'));
  dirs.push(dataDir);
  const handlers = trainingHandlers({ info: { mode: 'demo' }, dataDir, env: {} });
  const sent = [];
  const api = {
    invoke: async (channel, request) => {
      sent.push({ channel, request });
      const valid = contract[channel].request.parse(request);
      // As over the wire: JSON, so the store holds only what a payload carries.
      return { ok: true, value: JSON.parse(JSON.stringify(await handlers[channel](valid))) };
    },
    on: () => () => undefined,
  };
  return { api, sent };
}
