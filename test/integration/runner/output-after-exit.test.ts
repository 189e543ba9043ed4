/**
 * A command's last lines are read even when this process is slow to handle its output: libuv ends
 * the terminal's stream at the command's hang-up with output still buffered, unless the backend holds
 * the terminal open (electron/backend/runner/pty-drain.ts). The handler here busy-waits on each line, as a process on
 * a loaded machine or behind a slow fsync would be, so the command exits long before its output has
 * been read. No duration is asserted: only that every line arrives, in order, before the exit.
 */
import { describe, expect, it } from 'vitest';
import { PtyProcess, type ProcessListener } from '../../../electron/backend/runner/pty-process.js';

/** A command that prints `count` numbered lines at once and exits 0; the last says it is done. */
function printer(count: number, extra = ''): string[] {
  return [
    '-e',
    `for (let i = 1; i <= ${count}; i++) process.stdout.write('line ' + i + ' ' + 'x'.repeat(60) + '\\n'); process.stdout.write('DONE\\n');${extra}`,
  ];
}

function run(args: string[], perLineMs: number): Promise<{ lines: string[]; exitCode: number; linesAtExit: number }> {
  return new Promise((resolve) => {
    const lines: string[] = [];
    const listener: ProcessListener = {
      line(text) {
        lines.push(text);
        const until = Date.now() + perLineMs;
        while (Date.now() < until) {
          // Busy: this process cannot read the terminal meanwhile.
        }
      },
      milestone: () => undefined,
      prompt: () => undefined,
      hang: () => undefined,
      exit: (exitCode) => resolve({ lines, exitCode, linesAtExit: lines.length }),
    };
    new PtyProcess(
      { file: process.execPath, args, env: { PATH: process.env.PATH ?? '' }, cwd: process.cwd(), hangAfterMs: 600_000 },
      listener,
    );
  });
}

describe('output printed just before a command exits', () => {
  it(
    'every line is read when handling each takes a while, and only then is the exit reported',
    { timeout: 300_000 },
    async () => {
      const count = 600;
      const result = await run(printer(count), 2);
      const numbered = result.lines.filter((l) => l.startsWith('line '));
      expect(numbered).toHaveLength(count);
      expect(numbered.map((l) => Number(l.split(' ')[1]))).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      expect(result.lines.at(-1)).toBe('DONE');
      expect(result.linesAtExit).toBe(result.lines.length);
      expect(result.exitCode).toBe(0);
    },
  );

  it(
    'a command that leaves a process holding its terminal still has its exit reported, with all its lines',
    { timeout: 300_000 },
    async () => {
      // The leftover child keeps the terminal open for 5 s after the command exits.
      const leftover = `require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 5000)'], { stdio: 'inherit', detached: true }).unref();`;
      const result = await run(printer(50, leftover), 0);
      expect(result.lines.filter((l) => l.startsWith('line '))).toHaveLength(50);
      expect(result.lines).toContain('DONE');
      expect(result.exitCode).toBe(0);
    },
  );
});
