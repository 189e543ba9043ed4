/**
 * Drives the backend the way the renderer does, through one transport (the Electron IPC handler or
 * the browser host's WebSocket): requests as contract channels, prompts answered from the
 * `rotation:updated` events, command ends from `rotation:exit`. Every answer to a command is reduced
 * to a cell of the written-out interlock table.
 */
import type { Result } from '../../../shared/ipc/contract.js';
import type { ConsoleState } from '../../../shared/rotation/types.js';
import { whyOf } from '../../unit/backend/interlocks/expected-table.js';

export interface Transport {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  /** Every event pushed so far, in order. */
  readonly events: { event: string; payload: unknown }[];
  /** Resolves once more than `seen` events have arrived. */
  nextEvent(seen: number): Promise<void>;
  close(): Promise<void>;
}

export const PASSWORD = 'passw0rd';

type Refusal = { code: string; message: string; reason?: { kind: string; command: string } };

export class TransportDriver {
  constructor(readonly transport: Transport) {}

  /** A request that must succeed. */
  async call<T>(channel: string, payload: unknown): Promise<T> {
    const result = await this.transport.invoke(channel, payload);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  }

  /** The error of a request that must fail. */
  async refusal(channel: string, payload: unknown): Promise<Refusal> {
    const result = await this.transport.invoke(channel, payload);
    if (result.ok) throw new Error(`${channel} was expected to fail`);
    return result.error;
  }

  /** The answer to `tke <command>` as a table cell (`run` never expected here: it would start it). */
  async answerOf(command: string): Promise<string> {
    const result = await this.transport.invoke('rotation:run-command', { argv: ['tke', command] });
    if (result.ok) return `run ${JSON.stringify(result.value)}`;
    const { code, message, reason } = result.error;
    if (code !== 'refused') return `${code}: ${message}`;
    if (/^Not a command this app runs/.test(message)) return 'not-run';
    if (!reason) return `refused without a reason: ${message}`;
    // A refusal because another command runs names the running one; every other names this one.
    const named = reason.kind === 'busy' || reason.command === `ibmcloud tke ${command}`;
    if (!named) return `refused naming ${reason.command}`;
    return reason.kind === 'forbidden' ? whyOf(command, message) : reason.kind;
  }

  /** Answers to several commands, keyed by command. */
  async answers(commands: readonly string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const command of commands) out[command] = await this.answerOf(command);
    return out;
  }

  /** The latest console state the events told of. */
  state(): ConsoleState | null {
    const last = this.transport.events.findLast((e) => e.event === 'rotation:updated');
    return (last?.payload as ConsoleState | undefined) ?? null;
  }

  /**
   * Run a command and answer its prompts until it exits. For setimm in a promotion the backend reads
   * the registers first, then starts setimm itself or refuses it: that setimm is followed too.
   */
  async runToExit(
    argv: string[],
    whileRunning?: () => Promise<void>,
    answer = defaultAnswer,
  ): Promise<ConsoleState | null> {
    let runId = (await this.call<{ runId: string }>('rotation:run-command', { argv })).runId;
    await whileRunning?.();
    let follow = argv[1] === 'cryptounit-mk-setimm';
    let answeredAt = -1;
    for (;;) {
      const events = this.transport.events;
      const exitAt = events.findIndex((e) => e.event === 'rotation:exit' && (e.payload as RunRef).runId === runId);
      if (exitAt >= 0) {
        // The backend states the console once it has taken in the exit (classification included); after
        // a reading for setimm, that state shows setimm started, or nothing running (refused, a notice).
        const after = events.slice(exitAt + 1).find((e) => e.event === 'rotation:updated');
        if (after) {
          const next = (after.payload as ConsoleState).running;
          if (!follow || next?.argv[1] !== 'cryptounit-mk-setimm') return after.payload as ConsoleState;
          follow = false;
          runId = next.runId;
          continue;
        }
      } else {
        const updatedAt = events.findLastIndex((e) => e.event === 'rotation:updated');
        const running = this.state()?.running;
        if (running?.runId === runId && running.prompt && updatedAt > answeredAt) {
          answeredAt = updatedAt;
          const { kind, secret } = running.prompt;
          await this.call('rotation:answer-prompt', { runId, text: answer(kind, secret), secret });
          continue;
        }
      }
      await this.transport.nextEvent(events.length);
    }
  }
}

type RunRef = { runId: string };

function defaultAnswer(kind: string, secret: boolean): string {
  if (secret) return PASSWORD;
  if (kind === 'confirm') return 'y';
  if (kind === 'instance') return '1';
  return '1 2';
}
