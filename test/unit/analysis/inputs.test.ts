/** Unusable and awkward inputs get clear reasons; helpers keep original line numbers. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisService } from '../../../electron/backend/analysis/analysis-service.js';
import { RotationService } from '../../../electron/backend/rotation/rotation-service.js';
import { decodeInputs } from '../../../electron/backend/analysis/decode-inputs.js';
import {
  captureFormat,
  capturedLines,
  chunkLines,
  CHUNK_LINES,
  lacksCommandLine,
  MAX_ANALYSIS_BYTES,
  MAX_ANALYSIS_FILES,
  redactTypedSecrets,
  unshiftEvidence,
} from '../../../shared/analysis/index.js';
import type { Classification } from '../../../shared/classifier/types.js';

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const M1 = 'Delaying 30 seconds to allow server to discover new master key values';

describe('decodeInputs', () => {
  it('refuses empty, blank, binary and non-UTF-8 inputs, naming each', () => {
    const shiftJis = Buffer.from([
      ...Buffer.from('FAILED\n'),
      ...Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 0x82 : 0xa0)),
    ]);
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const result = decodeInputs([
      { name: 'empty.txt', base64: '' },
      { name: 'blank.txt', base64: b64('\n \r\n\t\n') },
      { name: 'core.dump', base64: b64(binary) },
      { name: 'sjis.log', base64: b64(shiftJis) },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.file, p.code])).toEqual([
      ['empty.txt', 'empty'],
      ['blank.txt', 'blank'],
      ['core.dump', 'binary'],
      ['sjis.log', 'not-text'],
    ]);
  });

  it('refuses more than the size limit before decoding, and too many files', () => {
    const big = 'A'.repeat(Math.ceil(((MAX_ANALYSIS_BYTES + 1024) * 4) / 3));
    const tooLarge = decodeInputs([{ name: 'huge.log', base64: big }]);
    expect(tooLarge).toMatchObject({ ok: false, problems: [{ code: 'too-large' }] });
    const many = Array.from({ length: MAX_ANALYSIS_FILES + 1 }, (_, i) => ({ name: `${i}.log`, base64: b64('OK\n') }));
    expect(decodeInputs(many)).toMatchObject({ ok: false, problems: [{ code: 'too-many' }] });
  });

  it('decodes UTF-16 BE and UTF-8 with BOM, hashes the original bytes and makes names unique', () => {
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`FAILED\r\n${M1}\r\n`, 'utf16le').swap16()]);
    const result = decodeInputs([
      { name: 'a.log', base64: b64(be) },
      { name: 'a.log', base64: b64(`\uFEFF${M1}\n`) },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.inputs.map((i) => [i.file.name, i.file.encoding, i.lines.length])).toEqual([
      ['a.log', 'utf-16be', 2],
      ['a.log (2)', 'utf-8', 1],
    ]);
    expect(result.inputs[0]?.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.inputs[0]?.file.sha256).not.toBe(result.inputs[1]?.file.sha256);
    expect(result.warnings).toContainEqual({ file: 'a.log (2)', code: 'renamed', count: 0 });
  });

  it('warns about replaced characters and about input with no TKE output', () => {
    const result = decodeInputs([
      {
        name: 'notes.txt',
        base64: b64(Buffer.concat([Buffer.from('my shopping list\nmilk '), Buffer.from([0xff]), Buffer.from('\n')])),
      },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => w.code).sort()).toEqual(['no-tke-output', 'replaced-characters']);
  });
});

describe('capture helpers', () => {
  it('keep one cleaned line per physical line (control codes and CR rewrites gone)', () => {
    const lines = capturedLines(
      '\uFEFFa\x1b[31mFAILED\x1b[0m\r\nRe-encrypted 1 of 2 keys\rRe-encrypted 2 of 2 keys\r\n\r\nlast\n',
    );
    expect(lines).toEqual(['aFAILED', 'Re-encrypted 2 of 2 keys', '', 'last']);
  });

  it('recognise script typescripts and PowerShell transcripts', () => {
    expect(captureFormat('Script started on 2026-03-02 09:12:00+00:00\n')).toBe('script');
    expect(captureFormat('\uFEFF**********************\r\nWindows PowerShell transcript start\r\n')).toBe('powershell');
    expect(captureFormat('$ ibmcloud tke cryptounit-mks\n')).toBe('plain');
  });

  it('chunk lines for the journal with their first original line number', () => {
    const lines = Array.from({ length: CHUNK_LINES * 2 + 5 }, (_, i) => `line ${i + 1}`);
    const chunks = chunkLines(lines);
    expect(chunks.map((c) => [c.firstLine, c.lines.length])).toEqual([
      [1, CHUNK_LINES],
      [CHUNK_LINES + 1, CHUNK_LINES],
      [CHUNK_LINES * 2 + 1, 5],
    ]);
    expect(chunks[2]?.lines[0]).toBe(`line ${CHUNK_LINES * 2 + 1}`);
  });

  it('tell whether the output shows its command line before the TKE output', () => {
    expect(lacksCommandLine(['PS C:\\> ibmcloud tke auto-mk-rotate', 'API endpoint: x'])).toBe(false);
    expect(lacksCommandLine(['API endpoint: x', '$ ibmcloud tke cryptounit-mks'])).toBe(true);
  });

  it('redact a typed answer after a password prompt but keep TKE output on the prompt line', () => {
    const lines = [
      'Enter the password for the signature key identified by:',
      'admin1 (3c0f81aa22bb...)',
      '> hunter2',
      'Enter the password for the signature key identified by:',
      'admin2 (438219685bac)',
      `> ${M1}`,
      '> y',
    ];
    expect(redactTypedSecrets(lines)).toEqual([
      lines[0],
      lines[1],
      '> [redacted]',
      lines[3],
      lines[4],
      lines[5],
      '> y',
    ]);
  });

  it('shift evidence of a stated command back to the original numbering', () => {
    const c: Classification = {
      phase: 'failed-before-new-key',
      flow: 'auto',
      next: [],
      forbidden: [],
      unitsToDeselect: [],
      failedChecks: [],
      evidence: [
        { file: 'p.txt', line: 1, text: '$ ibmcloud tke auto-mk-rotate' },
        { file: 'p.txt', line: 9, text: 'FAILED' },
        { file: 'q.txt', line: 3, text: 'x' },
      ],
    };
    expect(unshiftEvidence(c, new Set(['p.txt'])).evidence).toEqual([
      { file: 'p.txt', line: 0, text: 'ibmcloud tke auto-mk-rotate (command stated by the administrator)' },
      { file: 'p.txt', line: 8, text: 'FAILED' },
      { file: 'q.txt', line: 3, text: 'x' },
    ]);
  });
});

describe('credentials in a pasted run', () => {
  const K = 'Zq7-secret-paste-key-3Vb';
  const P = 'Zq7-secret-paste-pw-6Nc';
  const E = 'Zq7-secret-paste-env-1Rx';
  const paste = [
    `$ ibmcloud login --apikey ${K} -r us-south`,
    `$ ibmcloud login -u admin@example.com -p ${P}`,
    `$ ibmcloud login --password=${P}`,
    `PS C:\\> $env:IBMCLOUD_API_KEY = "${E}"`,
    `Password> ${P}`,
    `$ IBMCLOUD_API_KEY=${E} ibmcloud tke auto-mk-rotate`,
    'API endpoint:     https://cloud.ibm.com',
    M1,
    'FAILED',
    '',
  ].join('\n');

  it('are redacted as the capture is decoded, line for line, with the hash of the bytes as received', () => {
    const result = decodeInputs([{ name: 'run.txt', base64: b64(paste) }]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [input] = result.inputs;
    for (const secret of [K, P, E]) expect(JSON.stringify(result)).not.toContain(secret);
    expect(input?.lines).toEqual([
      '$ ibmcloud login --apikey [redacted] -r us-south',
      '$ ibmcloud login -u admin@example.com -p [redacted]',
      '$ ibmcloud login --password=[redacted]',
      'PS C:\\> $env:IBMCLOUD_API_KEY = [redacted]',
      'Password> [redacted]',
      '$ IBMCLOUD_API_KEY=[redacted] ibmcloud tke auto-mk-rotate',
      'API endpoint:     https://cloud.ibm.com',
      M1,
      'FAILED',
    ]);
    expect(input?.file.sha256).toBe(createHash('sha256').update(paste).digest('hex'));
  });

  it('never reach the analysis view, and the run still classifies by its command and M1', () => {
    const rotations = new RotationService({
      dataDir: mkdtempSync(join(tmpdir(), 'mkra-paste-')),
      invocation: () => {
        throw new Error('classifying runs nothing');
      },
      events: { line: () => undefined, exit: () => undefined, updated: () => undefined, notice: () => undefined },
    });
    const service = new AnalysisService(rotations);
    const view = service.classify([{ name: 'run.txt', base64: b64(paste) }], 'auto-mk-rotate');
    const text = JSON.stringify(view);
    for (const secret of [K, P, E]) expect(text).not.toContain(secret);
    expect(view.status === 'classified' && view.classification.phase).toBe('rewrap-interrupted');
  });
});
