/** Handlers of the twin channels: a rehearsal runs on the in-memory simulator only, in either mode. */
import type { Handlers } from '../../../shared/ipc/dispatch.js';
import type { RehearsalResult } from '../../../shared/twin/rehearsal-types.js';
import { rehearse } from '../twin/rehearsal.js';

type TwinChannel = Extract<keyof Handlers, `twin:${string}`>;

/** The last rehearsal, kept for the journal of the next rotation of the same instance. */
export interface RehearsalStore {
  last: RehearsalResult | null;
}

export function twinHandlers(store: RehearsalStore): Pick<Handlers, TwinChannel> {
  return {
    'twin:rehearse': async (req) => {
      const twin = Buffer.from(req.twin.base64, 'base64');
      store.last = await rehearse({ twin, instanceId: req.instanceId, faults: req.faults });
      return store.last;
    },
    'twin:get-rehearsal': async () => ({ rehearsal: store.last }),
  };
}
