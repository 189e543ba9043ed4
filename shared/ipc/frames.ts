/** Frames of the browser host's WebSocket: the same contract as Electron IPC, in JSON. */
import type { Result } from './contract.js';

export interface InvokeFrame {
  type: 'invoke';
  id: number;
  channel: string;
  payload: unknown;
}

export type ServerFrame =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'error'; message: string };

/** Parse a client frame; anything malformed gets a message instead of an exception. */
export function parseClientFrame(
  text: string | null,
): { ok: true; value: InvokeFrame } | { ok: false; message: string } {
  if (text === null) return { ok: false, message: 'Binary frames are not accepted.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'Frame is not valid JSON.' };
  }
  if (typeof value !== 'object' || value === null) return { ok: false, message: 'Frame must be a JSON object.' };
  const frame = value as Record<string, unknown>;
  if (
    frame.type !== 'invoke' ||
    typeof frame.id !== 'number' ||
    !Number.isSafeInteger(frame.id) ||
    typeof frame.channel !== 'string'
  ) {
    return { ok: false, message: 'Frame must be {"type":"invoke","id":<integer>,"channel":<string>,"payload":...}.' };
  }
  return { ok: true, value: { type: 'invoke', id: frame.id, channel: frame.channel, payload: frame.payload } };
}
