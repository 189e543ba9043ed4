import type { Classification, Flow } from '../../../shared/classifier/types.js';
import type { Timeline } from '../../../shared/rotation/timeline.js';
import type { UnitRegisters } from '../../../shared/tke/types.js';

export interface RunningCommand {
  runId: string;
  argv: string[];
  command: string;
  startedAt: number;
  m1Seen: boolean;
  prompt: { kind: string; text: string; detail: string[]; secret: boolean } | null;
  hang: { silentMs: number } | null;
}

export interface RotationSnapshot {
  rotationId: string;
  flow: Flow;
  mode: 'live' | 'demo' | 'training';
  startedAt: string;
  finished: boolean;
  readOnly: boolean;
  classification: Classification;
  timeline: Timeline;
  running: RunningCommand | null;
  commands: { seq: number; command: string; at: string; exitCode: number | null }[];
  registers: { seq: number; at: string; units: UnitRegisters[] } | null;
  lineCount: number;
  journal: { path: string; entries: number; headHash: string };
}

/** What the service pushes; the backend forwards them to the renderer after the journal write. */
export interface RotationEvents {
  line(event: { runId: string; seq: number; index: number; text: string }): void;
  exit(event: { runId: string; exitCode: number; signal: number | null }): void;
  updated(snapshot: RotationSnapshot): void;
  notice(notice: { level: 'info' | 'warning' | 'error'; message: string }): void;
}
