/** Channels of the rehearsal on a twin (docs/twin.md): in memory only, never a real ibmcloud. */
import { z } from 'zod';
import { MAX_TWIN_BYTES } from '../../twin/schema.js';
import { LoadedTwinStatus } from '../responses/demo.js';
import { CapturedTwin, RehearsalResult, RehearsalState } from '../responses/twin.js';
import { Empty, fileBytesUpTo } from '../schema-kit.js';

/** `none` (a rotation without a fault), `<point>` or `<point>:crash`. */
export const RehearsalFault = z.string().regex(/^(none|[a-z0-9-]{1,30}(:crash)?)$/);

export const twinChannels = {
  /** Rehearse the rotation on the twin, a fault at each point; kept for the next rotation's journal. */
  'twin:rehearse': {
    request: z
      .object({
        twin: fileBytesUpTo(MAX_TWIN_BYTES),
        instanceId: z.string().trim().min(1).max(200),
        faults: z.array(RehearsalFault).min(1).max(20),
      })
      .strict(),
    response: RehearsalResult,
  },
  /**
   * Demo mode: the simulator becomes the twin (`ibmcloud-sim sim reset --twin`), e.g. a twin captured
   * on another workstation and brought to a training room. `keys`: simulated keys per instance.
   */
  'demo:load-twin': {
    request: z
      .object({ twin: fileBytesUpTo(MAX_TWIN_BYTES), keys: z.number().int().min(1).max(1_000_000).optional() })
      .strict(),
    response: LoadedTwinStatus,
  },
  /**
   * Capture a twin of the workstation's instances with read-only commands only (as `mkra twin
   * capture`), for the renderer to rehearse on and to save; no file is written by the backend.
   */
  'twin:capture': { request: Empty, response: CapturedTwin },
  /** The last rehearsal of this session (null when none). */
  'twin:get-rehearsal': { request: Empty, response: RehearsalState },
} as const;
