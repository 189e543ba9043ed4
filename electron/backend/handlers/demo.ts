/** Handlers of the demo channels: the simulator's status, reset, twin loading, and the next command's fault. */
import { RefusedError, type Handlers } from '../../../shared/ipc/dispatch.js';
import { demoFaults, demoLoadTwin, demoReset, demoStatus } from '../demo/demo-control.js';
import { isMutating } from '../rotation/interlocks.js';
import type { BackendContext } from './context.js';

/** Demo and training: the next rotation command (one that changes registers) fails at this point. */
export class FaultSlot {
  pending: string | null = null;

  /** The simulator's fault variable for this command, consuming the fault when it applies. */
  envFor(mode: string, argv: readonly string[]): Record<string, string> {
    if (!this.pending || mode !== 'demo' || !isMutating(argv)) return {};
    const fault = this.pending;
    this.pending = null;
    return { MKRA_SIM_FAULT: fault };
  }
}

type DemoHandlers = Pick<Handlers, 'demo:get-status' | 'demo:reset' | 'demo:load-twin' | 'demo:set-fault'>;

export function demoHandlers(ctx: BackendContext, faults: FaultSlot): DemoHandlers {
  const { info, invocation, rotations } = ctx;
  return {
    // The armed fault comes with the status: the console's training control shows what the backend holds.
    'demo:get-status': async () => ({ ...(await demoStatus(invocation())), fault: faults.pending }),
    'demo:reset': (req) => demoReset(invocation(), req.scenario, req.keys, () => rotations.state()),
    'demo:load-twin': (req) =>
      demoLoadTwin(invocation(), Buffer.from(req.twin.base64, 'base64'), req.keys, () => rotations.state()),
    'demo:set-fault': async (req) => {
      if (info.mode !== 'demo') throw new RefusedError('Faults can only be injected on the simulator (demo mode).');
      if (req.fault !== null && !demoFaults(invocation()).includes(req.fault.replace(/:crash$/, '')))
        throw new RefusedError(`Unknown fault point ${req.fault}.`);
      faults.pending = req.fault;
      return { fault: faults.pending };
    },
  };
}
