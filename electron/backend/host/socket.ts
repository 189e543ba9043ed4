/**
 * One browser-host WebSocket: contract requests in, results and events out. Whatever arrives
 * (oversized, fragmented, binary, invalid UTF-8, not JSON, not a frame, not the contract) gets an
 * error frame or a close with the protocol's status code; nothing a client sends may throw out of
 * here, because an unhandled error would end `mkra serve` for everyone.
 */
import type { WebSocket } from 'ws';
import { MAX_ANALYSIS_BYTES } from '../../../shared/analysis/types.js';
import type { Result } from '../../../shared/ipc/contract.js';
import { dispatch } from '../../../shared/ipc/dispatch.js';
import { parseClientFrame, type ServerFrame } from '../../../shared/ipc/frames.js';
import { MAX_REPORT_BYTES } from '../../../shared/reports/limits.js';
import type { Backend } from '../backend.js';

/** Base64 length of `bytes` bytes. */
const base64Length = (bytes: number): number => 4 * Math.ceil(bytes / 3);

/**
 * The largest message a channel needs: the analysis inputs (base64, in all) or one report to
 * verify, plus room for names and JSON. ws closes a socket whose message exceeds it with 1009.
 */
export const MAX_MESSAGE_BYTES = base64Length(Math.max(MAX_ANALYSIS_BYTES, MAX_REPORT_BYTES)) + 1024 * 1024;

/** Requests one socket may have unanswered; more are refused rather than queued without bound. */
export const MAX_IN_FLIGHT = 64;

/** Error messages sent back are cut here: a payload with a million unknown keys is not echoed. */
const MAX_ERROR_CHARS = 2000;

function bounded(result: Result<unknown>): Result<unknown> {
  if (result.ok || result.error.message.length <= MAX_ERROR_CHARS) return result;
  const cut = result.error.message.length - MAX_ERROR_CHARS;
  return {
    ok: false,
    error: { ...result.error, message: `${result.error.message.slice(0, MAX_ERROR_CHARS)}… (${cut} more characters)` },
  };
}

/** Serve one accepted socket; `log` hears of connections closed for a protocol error. */
export function serveSocket(ws: WebSocket, backend: Backend, log: (line: string) => void): void {
  let inFlight = 0;
  const send = (frame: ServerFrame): void => {
    if (ws.readyState !== ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (error) {
      text = JSON.stringify(
        frame.type === 'result'
          ? {
              type: 'result',
              id: frame.id,
              result: {
                ok: false,
                error: { code: 'failed', message: `The response could not be sent: ${String(error)}` },
              },
            }
          : { type: 'error', message: 'An event could not be sent.' },
      );
    }
    ws.send(text);
  };
  const unsubscribe = backend.subscribe((event, payload) => send({ type: 'event', event, payload }));
  ws.on('close', unsubscribe);
  // ws has already started closing with the right status (1009 too big, 1007 bad UTF-8, 1002
  // protocol error); without this listener the error would be thrown and end the process.
  ws.on('error', (error) => log(`closed a WebSocket: ${error.message}`));
  ws.on('message', (data, isBinary) => {
    const frame = parseClientFrame(isBinary ? null : data.toString());
    if (!frame.ok) return send({ type: 'error', message: frame.message });
    const { id, channel, payload } = frame.value;
    if (inFlight >= MAX_IN_FLIGHT) {
      return send({
        type: 'result',
        id,
        result: {
          ok: false,
          error: {
            code: 'refused',
            message: `Too many requests at once (at most ${MAX_IN_FLIGHT} unanswered); wait for answers first.`,
          },
        },
      });
    }
    inFlight++;
    void dispatch(backend.handlers, channel, payload).then((result) => {
      inFlight--;
      send({ type: 'result', id, result: bounded(result) });
    });
  });
}
