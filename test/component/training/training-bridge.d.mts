/** Types of training-bridge.mjs (see backend-bridge.d.mts in test/component/analysis for why). */
import type { RendererApi } from '../../../shared/ipc/contract.js';

export function removeBackends(): void;
export function trainingBackend(): { api: RendererApi; sent: { channel: string; request: unknown }[] };
