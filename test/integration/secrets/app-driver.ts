/**
 * Drives a backend the way the renderer does: every request through the IPC dispatcher (payload
 * validation included), prompts answered as the console answers them. Every reply and every event
 * is kept as the text the UI would have shown, to be searched for secrets afterwards.
 */
import type { Backend } from '../../../electron/backend/backend.js';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract.js';
import { dispatch } from '../../../shared/ipc/dispatch.js';

export type Prompt = { kind: string; text: string; detail: string[]; secret: boolean };

export class AppDriver {
  /** Every reply and event, serialised as it crossed the IPC boundary. */
  readonly shown: string[] = [];
  readonly prompts: Prompt[] = [];
  readonly #exits = new Map<string, number>();
  #version = 0;
  #wake: (() => void)[] = [];

  constructor(readonly backend: Backend) {
    backend.subscribe((event, payload) => {
      this.shown.push(JSON.stringify({ event, payload }));
      if (event === 'rotation:exit') {
        const exit = payload as { runId: string; exitCode: number };
        this.#exits.set(exit.runId, exit.exitCode);
      }
      this.#version++;
      this.#wake.splice(0).forEach((wake) => wake());
    });
  }

  /** A request that must succeed. */
  async call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const reply = await dispatch(this.backend.handlers, channel, request);
    this.shown.push(JSON.stringify(reply));
    if (!reply.ok) throw new Error(`${channel} failed: ${reply.error.code}: ${reply.error.message}`);
    return reply.value as ResponseOf<C>;
  }

  /** A request that must be refused or fail; resolves with the message the UI would show. */
  async refusal<C extends Channel>(channel: C, request: RequestOf<C>): Promise<string> {
    const reply = await dispatch(this.backend.handlers, channel, request);
    this.shown.push(JSON.stringify(reply));
    if (reply.ok) throw new Error(`${channel} was expected to be refused`);
    return reply.error.message;
  }

  /** Run a command and answer each prompt with `answer(prompt)`; resolves with the exit code. */
  async run(argv: string[], answer: (prompt: Prompt) => string): Promise<number> {
    const { runId } = await this.call('rotation:run-command', { argv });
    for (;;) {
      const seen = this.#version;
      await this.backend.rotations.idle();
      const running = this.backend.rotations.state().running;
      if (running?.runId !== runId) return this.#exits.get(runId) ?? Number.NaN;
      if (running.prompt) {
        this.prompts.push(running.prompt);
        await this.call('rotation:answer-prompt', {
          runId,
          text: answer(running.prompt),
          secret: running.prompt.secret,
        });
        continue;
      }
      if (this.#version === seen) await new Promise<void>((resolve) => this.#wake.push(resolve));
    }
  }
}
