// The command line's one argument parser (electron/cli/args.ts, over node:util parseArgs) and its one
// way of printing a usage error: every command answers a bad invocation with one line and exit 2.
import { describe, expect, it } from 'vitest';
import { parseCommand, printUsageError, UsageError } from '../../../electron/cli/args.js';
import { runClassify, type ClassifyIo } from '../../../electron/cli/classify.js';
import { parseServeArgs } from '../../../electron/cli/serve.js';
import { runTwin } from '../../../electron/cli/twin.js';
import { runVerify } from '../../../electron/cli/verify.js';

const OPTIONS = { flow: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;
const parse = (...argv: string[]) => parseCommand(argv, OPTIONS, 'usage: x');

describe('parseCommand', () => {
  it('reads flags, values in both spellings, short options and positionals', () => {
    expect(parse('--json', '--flow', 'auto', 'a.txt', '-')).toEqual({
      values: { json: true, flow: 'auto' },
      positionals: ['a.txt', '-'],
    });
    expect(parse('--flow=keyparts', '-h')).toEqual({ values: { flow: 'keyparts', help: true }, positionals: [] });
    expect(parse('--', '--json', '-h')).toEqual({ values: {}, positionals: ['--json', '-h'] });
  });

  it('a string option takes the next argument as it is, so the command judges it', () => {
    expect(parse('--flow', '--json').values).toEqual({ flow: '--json' });
  });

  it.each([
    [['--bogus'], 'unknown option --bogus. usage: x'],
    [['-x', 'a'], 'unknown option -x. usage: x'],
    [['--flow'], '--flow needs a value. usage: x'],
    [['--flow=', 'a'], '--flow needs a value. usage: x'],
    [['--json=yes'], '--json takes no value. usage: x'],
    [['--constructor'], 'unknown option --constructor. usage: x'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(() => parse(...argv)).toThrow(new UsageError(message));
  });

  it('prints a usage error as one line with the command and answers exit 2', () => {
    let err = '';
    expect(printUsageError('mkra x', new UsageError('bad\n  thing'), (s) => (err += s))).toBe(2);
    expect(err).toBe('mkra x: bad thing\n');
  });
});

describe('every command prints a usage error the same way', () => {
  const io = { out: '', err: '' };
  const sink = { stdout: (s: string) => void (io.out += s), stderr: (s: string) => void (io.err += s) };
  const none = () => Promise.reject(new Error('no file is read for a usage error'));

  it.each([
    [
      'classify',
      () => runClassify(['--bogus', 'a.txt'], { ...sink, readInput: none } as ClassifyIo),
      /^mkra classify: unknown option --bogus\. usage: mkra classify /,
    ],
    [
      'verify',
      () => runVerify(['--key'], { ...sink, readFile: none, stat: none }),
      /^mkra verify: --key needs a value\. usage: mkra verify /,
    ],
    [
      'twin',
      () =>
        runTwin(['capture', '--out'], {
          ...sink,
          run: () => Promise.resolve(undefined),
          create: none,
          now: () => new Date(0),
        }),
      /^mkra twin: --out needs a value\. usage: mkra twin capture/,
    ],
  ])('mkra %s', async (_name, run, line) => {
    io.err = '';
    expect(await run()).toBe(2);
    expect(io.err).toMatch(line);
    expect(io.err.split('\n')).toHaveLength(2);
  });

  it('mkra serve refuses what it does not know, and a --port that is no port', () => {
    expect(() => parseServeArgs(['--demo', '--live'])).toThrow(
      /^unknown argument for serve: --live\. usage: mkra serve/,
    );
    expect(() => parseServeArgs(['--demo', 'extra'])).toThrow(/^unknown argument for serve: extra\./);
    expect(() => parseServeArgs(['--demo', '--port='])).toThrow(/^--port needs a value\./);
    expect(() => parseServeArgs(['--demo', '--port', '65536'])).toThrow(
      /^--port needs a number from 0 to 65535, got "65536"/,
    );
  });
});
