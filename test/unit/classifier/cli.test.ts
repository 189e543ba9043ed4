import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeClassifyIo, runClassify, type ClassifyIo } from '../../../electron/cli/classify.js';
import { PRECHECK_FAILED_PREFIX, PRECHECK_MESSAGES } from '../../../shared/tke/messages.js';
import { autoRotate, mksListing, NEW_VP, OLD_VP, registersJson, text } from './tke-text.js';

function memIo(files: Record<string, string | Uint8Array>): ClassifyIo & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const enc = new TextEncoder();
  const missing = (p: string): Error => Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
  return {
    out: () => out.join(''),
    err: () => err.join(''),
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    readInput: async (p, maxBytes) => {
      if (p.endsWith('/')) return { kind: 'not-a-file', what: 'a directory' };
      const f = files[p];
      if (f === undefined) throw missing(p);
      const bytes = typeof f === 'string' ? enc.encode(f) : f;
      return bytes.length > maxBytes ? { kind: 'too-large', size: bytes.length } : { kind: 'file', bytes };
    },
  };
}

const m1 = text(autoRotate('after-m1'));
const m2 = text(autoRotate('after-m2'));

describe('mkra classify', () => {
  it('prints the JSON contract with --json', async () => {
    const io = memIo({ 'a.txt': m1 });
    expect(await runClassify(['--json', 'a.txt'], io)).toBe(0);
    const out = io.out();
    expect(out.endsWith('\n')).toBe(true);
    expect(out.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'phase',
      'flow',
      'next',
      'forbidden',
      'evidence',
      'unitsToDeselect',
      'failedChecks',
    ]);
    expect(json['phase']).toBe('rewrap-interrupted');
    // Each step is exactly {command, why}, as the contract says (the app's argv stays inside the app).
    for (const list of ['next', 'forbidden'] as const) {
      const steps = json[list] as Record<string, unknown>[];
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps) expect(Object.keys(step)).toEqual(['command', 'why']);
    }
  });

  it('prints a readable form without --json', async () => {
    const io = memIo({ 'a.txt': m1 });
    expect(await runClassify(['a.txt'], io)).toBe(0);
    expect(io.out()).toContain('Phase: rewrap-interrupted');
    expect(io.out()).toContain('  1. ibmcloud tke cryptounit-mk-rotate');
    expect(io.out()).toContain('Do NOT run:\n  - ibmcloud tke auto-mk-rotate');
    expect(io.out()).toMatch(/a\.txt:11: Delaying 30 seconds/);
  });

  it('accepts --flow=keyparts and --flow keyparts', async () => {
    for (const args of [['--flow=keyparts'], ['--flow', 'keyparts']]) {
      const io = memIo({ 'a.txt': m1 });
      expect(await runClassify([...args, '--json', 'a.txt'], io)).toBe(0);
      expect((JSON.parse(io.out()) as { flow: string }).flow).toBe('keyparts');
    }
  });

  it('--signing-service: a failed administrators pre-check is not fixed with sigkey-sel, which does nothing there', async () => {
    const admins = text([
      ...autoRotate('precheck').slice(0, -1),
      `${PRECHECK_FAILED_PREFIX} ${PRECHECK_MESSAGES.admins}`,
    ]);
    const next = async (args: string[]): Promise<string[]> => {
      const io = memIo({ 'a.txt': admins });
      expect(await runClassify([...args, '--json', 'a.txt'], io)).toBe(0);
      return (JSON.parse(io.out()) as { next: { command: string }[] }).next.map((a) => a.command);
    };
    expect(await next([])).toContain('ibmcloud tke sigkey-sel');
    const signed = await next(['--signing-service']);
    expect(signed).not.toContain('ibmcloud tke sigkey-sel');
    expect(signed).toContain('ibmcloud tke cryptounit-admin-add');
  });

  it('reads registers as sim status JSON (extra keys) or as cryptounit-mks text', async () => {
    const units = [
      { num: 1, current: ['Valid', NEW_VP] as [string, string], new: ['Empty', ''] as [string, string] },
      { num: 2, current: ['Valid', OLD_VP] as [string, string], new: ['Full Committed', NEW_VP] as [string, string] },
    ];
    const json = JSON.stringify({
      ...registersJson(units),
      keystore: { total: 1, usable: 1, lost: 0 },
      thresholds: {},
    });
    for (const [name, content] of [
      ['r.json', json],
      ['r.txt', text(mksListing(units))],
    ] as const) {
      const io = memIo({ 'a.txt': m2, [name]: content });
      expect(await runClassify(['--json', '--registers', name, 'a.txt'], io)).toBe(0);
      const c = JSON.parse(io.out()) as { phase: string; unitsToDeselect: number[] };
      expect(c.phase).toBe('partially-promoted');
      expect(c.unitsToDeselect).toEqual([1]);
    }
  });

  it.each([
    [['a.txt', 'missing.txt'], /cannot read transcript missing\.txt: no such file/],
    [['dir/'], /is a directory/],
    [['--bogus', 'a.txt'], /unknown option --bogus/],
    [['--flow', 'smart', 'a.txt'], /unknown --flow "smart"/],
    [['--flow'], /--flow needs a value/],
    [[], /no transcript given/],
    [['--registers', 'bad.json', 'a.txt'], /malformed registers JSON/],
    [
      ['--registers', 'wrong.json', 'a.txt'],
      /malformed registers JSON: units\.0\.current\.state: unknown register state/,
    ],
    [['--registers', 'empty.txt', 'a.txt'], /no register reading found/],
    [['bin.dat'], /binary/],
  ])('exit 2 with one line for %j', async (args, message) => {
    const bin = new Uint8Array(8192).map((_, i) => (i * 31) % 256);
    const io = memIo({
      'a.txt': m1,
      'bad.json': '{"units": [',
      'wrong.json':
        '{"units":[{"num":1,"type":"OPERATIONAL","current":{"state":"Broken","vp":""},"new":{"state":"Empty","vp":""}}]}',
      'empty.txt': 'nothing here\n',
      'bin.dat': bin,
    });
    expect(await runClassify(args, io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(message);
    expect(io.err().endsWith('\n')).toBe(true);
    expect(io.err().trimEnd().split('\n')).toHaveLength(1);
  });

  it('works on real files, including a UTF-16 PowerShell capture', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mkra-classify-'));
    const file = join(dir, 'ps.txt');
    const body = Buffer.from(m1.replace(/\n/g, '\r\n'), 'utf16le');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    mkdirSync(join(dir, 'sub'));
    const out: string[] = [];
    const err: string[] = [];
    const io: ClassifyIo = { ...nodeClassifyIo(), stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) };
    expect(await runClassify(['--json', file], io)).toBe(0);
    expect((JSON.parse(out.join('')) as { phase: string }).phase).toBe('rewrap-interrupted');
    expect(await runClassify([join(dir, 'sub')], io)).toBe(2);
    expect(err.join('')).toMatch(/is a directory/);
  });
});
