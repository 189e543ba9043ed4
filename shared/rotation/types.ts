import type { Classification, RunFlow } from '../classifier/types.js';
import type { Timeline } from './timeline.js';
import type { UnitRegisters } from '../tke/types.js';

export interface RunningCommand {
  runId: string;
  argv: string[];
  command: string;
  startedAt: number;
  m1Seen: boolean;
  prompt: { kind: string; text: string; detail: string[]; secret: boolean } | null;
  hang: { silentMs: number } | null;
  /** False for commands run outside a rotation (logins, selections, listings): not journaled. */
  journaled: boolean;
}

export interface RotationSnapshot {
  rotationId: string;
  flow: RunFlow;
  mode: 'live' | 'demo' | 'training';
  startedAt: string;
  finished: boolean;
  readOnly: boolean;
  classification: Classification;
  timeline: Timeline;
  commands: { seq: number; command: string; at: string; exitCode: number | null }[];
  registers: { seq: number; at: string; units: UnitRegisters[] } | null;
  lineCount: number;
  journal: { path: string; entries: number; headHash: string };
}

/** Everything the console shows: the open rotation (if any) and the command running (if any). */
export interface ConsoleState {
  rotation: RotationSnapshot | null;
  running: RunningCommand | null;
}

/** What the service pushes; the backend forwards them to the renderer after the journal write. */
export interface RotationEvents {
  /** `seq` is the journal entry (0 when the command runs outside a rotation). */
  line(event: { runId: string; seq: number; index: number; text: string }): void;
  exit(event: { runId: string; exitCode: number; signal: number | null }): void;
  updated(state: ConsoleState): void;
  notice(notice: { level: 'info' | 'warning' | 'error'; message: string }): void;
}
