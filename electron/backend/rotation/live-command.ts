/**
 * One TKE command of the rotation service under a pseudo-terminal, journaled through the rotation
 * pipeline (pipeline.ts): the executor is PtyProcess, and what the renderer hears of each event
 * comes after it is durable. The answers that matter are checked here before they are typed.
 */
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import type { RotationEvents, RunningCommand } from '../../../shared/rotation/types.js';
import type { JournalEntry, JournalEntryInput } from '../journal/index.js';
import { PtyProcess, type PendingPrompt, type PtySpawn } from '../runner/pty-process.js';
import type { Invocation } from '../runner/tke-invocation.js';
import { deselectProblem, forbiddenReason, reselectProblem, setimmProblem } from './interlocks.js';
import { CommandPipeline, type JournalTarget } from './pipeline.js';
import type { RotationState } from './rotation-state.js';

/** A running command. */
export interface Running {
  info: RunningCommand;
  process: PtyProcess;
  pipeline: CommandPipeline;
  /** The command's output lines so far. */
  lines: string[];
  rotation: RotationState | null;
  readOnly: boolean;
  /** The command to start once this register reading passes the setimm check. */
  then?: string[];
  /** The prompt an answer has been accepted for (compared by identity: each prompt is a new object). */
  answered?: PendingPrompt | null;
  done: Promise<number>;
  /** Resolves `done` (the service calls it once the exit is handled). */
  resolveDone: (exitCode: number) => void;
}

/** What a command needs from the service that runs it. */
export interface LiveCommandContext {
  invocation: Invocation;
  events: RotationEvents;
  spawn: PtySpawn | undefined;
  hangAfterMs: number;
  commandEnv: Record<string, string>;
  enqueue: (work: () => Promise<void>) => void;
  emitState: () => void;
  /** After command-finished (and the reading) are journaled; resolves `running.done`. */
  exited: (running: Running, exitCode: number, signal: number | undefined) => Promise<void>;
}

let runCounter = 0;

/** The open rotation's journal as the pipeline's target: each entry taken into the rotation once durable. */
export function rotationTarget(r: RotationState | null): JournalTarget | null {
  if (!r) return null;
  return {
    append: async (input: JournalEntryInput): Promise<JournalEntry | null> => {
      if (!r.journal || !r.writable) return null;
      const entry = await r.journal.append(input);
      r.add(entry);
      return entry;
    },
    appendBatch: async (inputs: JournalEntryInput[]): Promise<JournalEntry[] | null> => {
      if (!r.journal || !r.writable) return null;
      const entries = await r.journal.appendBatch(inputs);
      for (const entry of entries) r.add(entry);
      return entries;
    },
  };
}

/** One command, not yet started (`launch` starts it). */
export function createCommand(
  ctx: LiveCommandContext,
  r: RotationState | null,
  argv: string[],
  options: { readOnly: boolean; then?: string[]; now: number },
): Running {
  const info: RunningCommand = {
    runId: `run-${++runCounter}-${options.now}`,
    argv,
    command: `ibmcloud ${argv.join(' ')}`,
    startedAt: options.now,
    m1Seen: false,
    prompt: null,
    hang: null,
    journaled: r !== null,
  };
  let resolveDone: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (resolveDone = resolve));
  // The process is set by `launch`, once `command-started` is durable.
  const running = {
    info,
    rotation: r,
    readOnly: options.readOnly,
    done,
    resolveDone: (code: number) => resolveDone(code),
    ...(options.then ? { then: options.then } : {}),
  } as Running;
  running.pipeline = new CommandPipeline({
    target: rotationTarget(r),
    argv,
    mode: ctx.invocation.mode,
    enqueue: ctx.enqueue,
    hooks: commandHooks(ctx, running),
  });
  running.lines = running.pipeline.lines;
  return running;
}

/** Journal `command-started`, then start the process under a pseudo-terminal. */
export async function launch(ctx: LiveCommandContext, running: Running): Promise<void> {
  const { invocation } = ctx;
  const started = running.pipeline.start();
  if (started) await started;
  const spec = {
    file: invocation.file,
    args: [...invocation.prefixArgs, ...running.info.argv],
    env: { ...invocation.env, ...ctx.commandEnv },
    cwd: invocation.cwd,
    hangAfterMs: ctx.hangAfterMs,
  };
  running.process = new PtyProcess(spec, running.pipeline.listener, ctx.spawn);
}

function commandHooks(
  ctx: LiveCommandContext,
  running: Running,
): ConstructorParameters<typeof CommandPipeline>[0]['hooks'] {
  const r = running.rotation;
  return {
    line: (text, entry, index) => {
      const stored = entry?.kind === 'output' ? entry.data.line : text;
      const at = r && entry ? r.outputs.findLastIndex((o) => o.seq === entry.seq) : r ? r.outputs.length - 1 : index;
      ctx.events.line({ runId: running.info.runId, seq: entry?.seq ?? 0, index: at, text: stored });
    },
    milestone: (milestone) => {
      if (milestone === 'M1') running.info = { ...running.info, m1Seen: true };
    },
    prompt: (prompt) => {
      if (running.readOnly) {
        running.lines.push(
          `(the command asked "${prompt.text}"; a read-only listing must not need an answer, so it was stopped)`,
        );
        running.process.kill();
        return;
      }
      running.info = { ...running.info, prompt: publicPrompt(prompt), hang: null };
      ctx.emitState();
    },
    hang: (silentMs) => {
      running.info = { ...running.info, hang: { silentMs } };
      ctx.events.notice({
        level: 'warning',
        message: `${running.info.command} has printed nothing for ${Math.round(silentMs / 1000)} s. It may be waiting on the network or hung; keep waiting or cancel it.`,
      });
      ctx.emitState();
    },
    exit: (exitCode, signal) => ctx.exited(running, exitCode, typeof signal === 'number' ? signal : undefined),
  };
}

/**
 * Why this answer may not be typed, or null: it must answer the prompt waiting (once), be secret
 * exactly when the prompt asks for a secret, and in a recovery name exactly the units to deselect
 * or select again.
 */
export function answerRefusal(running: Running, text: string, secret: boolean): string | null {
  const prompt = running.process.waiting;
  if (!prompt) return 'The command is not waiting for an answer.';
  if (running.answered === prompt) return 'This prompt has already been answered.';
  if (prompt.secret !== secret)
    return prompt.secret
      ? 'This prompt asks for a password: use the password field.'
      : 'This prompt does not ask for a password.';
  if (!secret && /[\r\n\0]/.test(text)) return 'An answer is one line of text.';
  const r = running.rotation;
  if (
    r &&
    running.info.argv[1] === 'cryptounit-rm' &&
    prompt.kind === 'units' &&
    r.classification.phase === 'partially-promoted'
  ) {
    const problem = deselectProblem(text, r.classification.unitsToDeselect);
    if (problem) return problem;
  }
  const reselect = r?.classification.unitsToReselect ?? [];
  if (running.info.argv[1] === 'cryptounit-add' && prompt.kind === 'units' && reselect.length > 0)
    return reselectProblem(text, reselect);
  return null;
}

/**
 * Type an answer the checks allow (answerRefusal), journaling the fact first (a secret as
 * `password entered`); the answer itself is written to the terminal and not kept.
 */
export async function typeAnswer(
  running: Running,
  text: string,
  secret: boolean,
  journal: (input: JournalEntryInput) => Promise<void>,
): Promise<void> {
  const refusal = answerRefusal(running, text, secret);
  const prompt = running.process.waiting;
  if (refusal !== null || !prompt) throw new RefusedError(refusal ?? 'The command is not waiting for an answer.');
  // Consumed before the journal write is awaited: a second answer arriving meanwhile must not
  // pass these checks and then be typed into whatever the command asks next.
  running.answered = prompt;
  const fact = secret ? 'password entered' : `answered ${text.trim().slice(0, 40)}`;
  try {
    await journal({ kind: 'prompt-answered', data: { promptKind: prompt.secret ? 'password' : prompt.kind, fact } });
  } catch (error) {
    running.answered = null;
    throw error;
  }
  running.process.answer(text);
  running.info = { ...running.info, prompt: null };
}

function publicPrompt(prompt: PendingPrompt): RunningCommand['prompt'] {
  return { kind: prompt.kind, text: prompt.text, detail: prompt.detail, secret: prompt.secret };
}

/** Why cancelling after M1 needs the typed confirmation `CANCEL`. */
export const CANCEL_AFTER_M1 =
  'Re-encryption of key storage has started (M1 was printed). Stopping the CLI now leaves key storage partly re-encrypted; you will then have to run ibmcloud tke cryptounit-mk-rotate to finish it. Type CANCEL to stop anyway.';

/** Why `then` (setimm) may not follow the register reading just taken, or null when it may. */
export function refusalAfterReading(r: RotationState, readExit: number, then: readonly string[]): string | null {
  const problem = readExit === 0 ? setimmProblem(r.latestRegisters()?.units ?? []) : 'The register reading failed.';
  return problem ?? forbiddenReason(r.classification, then);
}
