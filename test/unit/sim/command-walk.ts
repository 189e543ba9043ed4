/**
 * Runs one simulator command in memory and records which prompt it asked at each `> ` mark: the last
 * line before the mark that is one of the command table's prompt texts (`{name}` parts match any
 * text). A prompt the table does not know is recorded as `?` and its line, so it cannot pass unseen.
 */
import { runInProcess, type MemorySim } from '../../../shared/sim/index.js';
import { COMMAND_TABLE } from '../../../shared/tke/command-table.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const TEMPLATES: readonly { text: string; re: RegExp }[] = [
  ...new Set(COMMAND_TABLE.flatMap((row) => row.prompts.map((p) => p.text))),
].map((text) => ({ text, re: new RegExp(`^${escape(text).replace(/\\\{\w+\\\}/g, '.+?')}$`) }));

/** The table prompt a pending output ends with, or `? <last line>`. */
export function promptOf(pending: string): string {
  const lines = pending
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== '>');
  for (let i = lines.length - 1; i >= 0; i--) {
    const hit = TEMPLATES.find((t) => t.re.test(lines[i] ?? ''));
    if (hit) return hit.text;
  }
  return `? ${lines[lines.length - 1] ?? ''}`;
}

export interface Walk {
  exitCode: number;
  transcript: string;
  /** The table prompt texts asked, in order. */
  prompts: string[];
}

/** Answers a prompt (by its table text) given the output since the last answer. */
export type PromptAnswer = (prompt: string, pending: string) => string | undefined;

/** Run `words` (split on spaces) in memory, answering each prompt and recording it. */
export async function walk(sim: MemorySim, words: string, answer: PromptAnswer): Promise<Walk> {
  const prompts: string[] = [];
  const r = await runInProcess(sim, words.split(' '), {
    answers: (pending) => {
      const prompt = promptOf(pending);
      prompts.push(prompt);
      return answer(prompt, pending);
    },
  });
  return { exitCode: r.exitCode, transcript: r.transcript, prompts };
}
