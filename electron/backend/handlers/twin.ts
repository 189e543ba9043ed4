/** Handlers of the twin channels: a rehearsal runs on the in-memory simulator only, in either mode. */
import type { Handlers } from '../../../shared/ipc/dispatch.js';
import type { RehearsalResult } from '../../../shared/twin/rehearsal-types.js';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import { CaptureError } from '../../../shared/twin/capture.js';
import { captureTwin, defaultTwinName, type CommandResult } from '../../../shared/twin/capture-run.js';
import { rehearse } from '../twin/rehearsal.js';

type TwinChannel = Extract<keyof Handlers, `twin:${string}`>;

/** The last rehearsal, kept for the journal of the next rotation of the same instance. */
export interface RehearsalStore {
  last: RehearsalResult | null;
}

/** Runs one read-only TKE command through the app's runner (the same CLI the rotation uses). */
export type ReadOnlyRun = (argv: string[]) => Promise<{ exitCode: number; lines: string[] }>;

/** The capture's commands through the app's runner; the version commands are not TKE commands and stay unknown. */
function runnerFor(read: ReadOnlyRun): (argv: readonly string[]) => Promise<CommandResult> {
  return async (argv) => {
    if (argv[0] !== 'tke') return { code: null, stdout: '', stderr: 'not run by the app' };
    const r = await read([...argv]);
    return { code: r.exitCode, stdout: r.lines.join('\n'), stderr: '' };
  };
}

export function twinHandlers(store: RehearsalStore, read: ReadOnlyRun): Pick<Handlers, TwinChannel> {
  return {
    'twin:capture': async () => {
      const at = new Date();
      try {
        const captured = await captureTwin(runnerFor(read), at);
        return {
          name: defaultTwinName(at),
          text: captured.text,
          summary: captured.summary,
          warnings: captured.warnings,
        };
      } catch (e) {
        if (e instanceof CaptureError) throw new RefusedError(e.message);
        throw e;
      }
    },
    'twin:rehearse': async (req) => {
      const twin = Buffer.from(req.twin.base64, 'base64');
      store.last = await rehearse({ twin, instanceId: req.instanceId, faults: req.faults });
      return store.last;
    },
    'twin:get-rehearsal': async () => ({ rehearsal: store.last }),
  };
}
