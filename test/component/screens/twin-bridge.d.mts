/** Types of twin-bridge.mjs (see backend-bridge.d.mts in test/component/analysis for why). */
import type { RendererApi } from '../../../shared/ipc/contract.js';
import type { RehearsalResult } from '../../../shared/twin/rehearsal-types.js';

/** A twin file's text captured from a simulator scenario in memory, and its first instance. */
export function captureTwin(scenario: string): Promise<{ text: string; instanceId: string }>;

/**
 * A renderer API whose twin channels run the real backend handlers (validated by the real contract);
 * `twin:capture` reads a memory simulator of `scenario` (default: default).
 */
export function twinBackend(scenario?: string): {
  api: RendererApi;
  calls: { channel: string; request: unknown }[];
  store: { last: RehearsalResult | null };
};
