/**
 * Types of backend-bridge.mjs. The component tests are type-checked as renderer code (DOM only),
 * so they see the Node-side test helpers through these declarations, never through Node types.
 */
import type { StatedCommand } from '../../../shared/analysis/types.js';
import type { RendererApi } from '../../../shared/ipc/contract.js';

export interface CaptureCase {
  name: string;
  expected: {
    row: string;
    command: StatedCommand;
    phase: string;
    next: string;
    forbids: string[];
    evidence: { file: string; line: number; contains: string }[];
    registers?: { phase: string; next?: string; unitsToDeselect?: number[] };
  };
  /** Capture files with their original bytes. */
  files: { name: string; bytes: Uint8Array }[];
  registers: string[] | null;
}

export interface FakeBackend {
  api: RendererApi;
  calls: { channel: string; request: unknown }[];
  imported: { files: { name: string; encoding: string; format: string }[] }[];
}

/** Every realistic capture in test/fixtures/captures/. */
export function captureCases(): CaptureCase[];

/**
 * A renderer API whose analysis channels run the real backend handlers (validated by the real
 * contract) over a fake rotation service whose register reading prints `listing`.
 */
export function fakeBackend(listing: string[] | null): FakeBackend;
