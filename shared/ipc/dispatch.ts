/**
 * Validation at the boundary, shared by the Electron IPC handler and the browser host: unknown
 * channels and malformed payloads get a clear error, handler exceptions become `{ ok: false }`, and
 * an answer that does not match its channel's response schema is never sent.
 */
import { z } from 'zod';
import {
  contract,
  events,
  isChannel,
  type Channel,
  type EventName,
  type EventPayload,
  type RefusalReason,
  type RequestOf,
  type ResponseOf,
  type Result,
} from './contract.js';

/** A backend implements one async handler per channel. */
export type Handlers = { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

/** An error a handler throws on purpose, whose message is safe to show (e.g. an interlock refusal). */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';

  constructor(
    message: string,
    readonly reason?: RefusalReason,
  ) {
    super(message);
  }
}

/** A refused answer's message is cut here (a long list of lines could fail on every one). */
export const MAX_ANSWER_ERROR = 2000;

function describe(error: z.ZodError): string {
  return z.prettifyError(error).replace(/\s*\n\s*/g, '; ');
}

/** Validate and run one request; never throws. */
export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return {
      ok: false,
      error: { code: 'unknown-channel', message: `Unknown channel: ${String(channel).slice(0, 80)}` },
    };
  }
  const parsed = contract[channel].request.safeParse(payload ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid-payload', message: `Invalid request for ${channel}: ${describe(parsed.error)}` },
    };
  }
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    // Every answer passes its channel's schema before it leaves the backend (docs/security.md, "IPC").
    const checked = contract[channel].response.safeParse(value);
    if (!checked.success)
      return {
        ok: false,
        error: {
          code: 'failed',
          message: `The answer to ${channel} is outside the contract: ${describe(checked.error)}`.slice(
            0,
            MAX_ANSWER_ERROR,
          ),
        },
      };
    return { ok: true, value: checked.data };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RefusedError)
      return { ok: false, error: { code: 'refused', message, ...(error.reason ? { reason: error.reason } : {}) } };
    return { ok: false, error: { code: 'failed', message } };
  }
}

/**
 * Validate an outgoing event payload so neither transport ever pushes a malformed event. Never throws:
 * an event is a notification (the journal is the record, and the renderer reads the state again), so a
 * malformed one is dropped with a problem that names the field, never its value, rather than breaking
 * the command whose output produced it.
 */
export function checkEvent<E extends EventName>(
  event: E,
  payload: EventPayload<E>,
): { ok: true; payload: EventPayload<E> } | { ok: false; problem: string } {
  const checked = events[event].safeParse(payload);
  if (checked.success) return { ok: true, payload: checked.data as EventPayload<E> };
  return {
    ok: false,
    problem: `The ${event} event is outside the contract: ${describe(checked.error)}`.slice(0, MAX_ANSWER_ERROR),
  };
}
