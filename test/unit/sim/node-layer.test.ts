import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, test } from 'vitest';
import { applyBackspaces, LineReader } from '../../../electron/cli/sim/line-reader.js';
import { NodeWorkstation } from '../../../electron/cli/sim/key-files.js';
import { loadState, saveState } from '../../../electron/cli/sim/state-store.js';
import { makeSim } from './helpers.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'mkra-sim-unit-'));
  dirs.push(d);
  return d;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('state store', () => {
  test('saves atomically, loads back, and reports damage instead of throwing', async () => {
    const dir = tmp();
    expect(loadState(dir)).toBeUndefined();
    const sim = await makeSim();
    saveState(dir, sim.state);
    expect(loadState(dir)).toEqual(sim.state);
    expect(readdirSync(dir).sort()).toEqual(['.state.json.checked', 'state.json']);
    writeFileSync(join(dir, 'state.json'), '{"version":1');
    expect(loadState(dir)).toHaveProperty('error');
    writeFileSync(join(dir, 'state.json'), '{"version":2}');
    expect(loadState(dir)).toEqual({ error: expect.stringContaining('version') as unknown });
  });

  test('skips the schema only for the exact text of a state it wrote or checked', async () => {
    const dir = tmp();
    const sim = await makeSim();
    saveState(dir, sim.state);
    const path = join(dir, 'state.json');
    const text = readFileSync(path, 'utf8');
    // Same length, same file, written right after: an invalid state is still refused.
    const broken = text.replace('"version":1', '"version":7');
    expect(broken).toHaveLength(text.length);
    writeFileSync(path, broken);
    expect(loadState(dir)).toEqual({ error: expect.stringContaining('version') as unknown });
    // A state with a key the schema strips loads stripped, every time.
    writeFileSync(path, text.replace('{', '{"extra":"kept?",'));
    expect(loadState(dir)).not.toHaveProperty('extra');
    expect(loadState(dir)).not.toHaveProperty('extra');
    // A torn copy of the checked text is not the text: the state is checked.
    writeFileSync(path, broken);
    writeFileSync(join(dir, '.state.json.checked'), broken.slice(0, -1));
    expect(loadState(dir)).toHaveProperty('error');
    // Back to the valid text: it loads, and equals the state written.
    writeFileSync(path, text);
    expect(loadState(dir)).toEqual(sim.state);
    expect(readFileSync(join(dir, '.state.json.checked'), 'utf8')).toBe(text);
  });

  test('removes stale temp files a killed writer left behind', () => {
    const dir = tmp();
    const stale = join(dir, '.state.json.4242.tmp');
    writeFileSync(stale, 'partial');
    utimesSync(stale, new Date(0), new Date(0));
    loadState(dir);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('key files', () => {
  test('sigkey and key part files round-trip through their passwords', async () => {
    const ws = new NodeWorkstation(tmp());
    const k = await ws.createSigkey('alice', 'pw1');
    expect(k).toMatchObject({ keynum: 1, fileName: '1.sigkey', description: 'alice' });
    expect(await ws.checkSigkeyPassword(1, 'pw1')).toBe(true);
    expect(await ws.checkSigkeyPassword(1, 'pw2')).toBe(false);
    const p = await ws.createMkPart('part', 'pw3', 'cd'.repeat(32), 'ee'.repeat(32));
    expect(p.keynum).toBe(1);
    expect(await ws.openMkPart(1, 'pw3')).toBe('cd'.repeat(32));
    expect(await ws.openMkPart(1, 'nope')).toBeUndefined();
    await ws.removeFiles(['1.sigkey', '../etc/passwd']);
    expect(await ws.listSigkeys()).toEqual([]);
    expect((await ws.listMkParts()).map((x) => x.description)).toEqual(['part']);
  });
});

describe('line reader', () => {
  test('applies backspaces', () => {
    expect(applyBackspaces('pass\u007fsw0rd\b\bd')).toBe('passw0d');
  });

  test('reads piped answers line by line across CR, LF and CRLF, then end of input', async () => {
    const input = new PassThrough() as unknown as NodeJS.ReadStream;
    const reader = new LineReader(input);
    const prompts: string[] = [];
    (input as unknown as PassThrough).end('a\r\nb\rc\nlast');
    const read = () =>
      reader.readLine(
        false,
        () => prompts.push('>'),
        () => undefined,
      );
    expect([await read(), await read(), await read(), await read(), await read()]).toEqual([
      'a',
      'b',
      'c',
      'last',
      undefined,
    ]);
    expect(prompts).toHaveLength(5);
  });
});
