import { describe, expect, it } from 'vitest';
import { cleanLine, normaliseText } from '../../../shared/parse/normalise.js';
import { decodeTranscript } from '../../../shared/parse/decode.js';

describe('normaliseText', () => {
  it('handles CRLF and keeps 1-based line numbers', () => {
    expect(normaliseText('a\r\nb\r\n\r\nc\r\n')).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
      { line: 3, text: '' },
      { line: 4, text: 'c' },
    ]);
  });

  it('keeps the last rewrite of a bare-CR progress line', () => {
    expect(cleanLine('Re-encrypted 1 of 9 keys\rRe-encrypted 5 of 9 keys\rRe-encrypted 9 of 9 keys\r')).toBe(
      'Re-encrypted 9 of 9 keys',
    );
  });

  it('strips ANSI colours, OSC titles, charset escapes, backspaces and stray controls', () => {
    expect(cleanLine('\x1b]0;admin@host: ~\x07\x1b[1;31mFAILED\x1b[0m')).toBe('FAILED');
    expect(cleanLine('\x1b(B\x1b[?2004hOK\x1b[K')).toBe('OK');
    expect(cleanLine('yx\bes\x00')).toBe('yes');
    expect(cleanLine('\x1b[2K\rDelaying 30 seconds')).toBe('Delaying 30 seconds');
  });

  it('splits a prompt and its answer, or the next output, on one line', () => {
    expect(normaliseText('Do you want to continue? (y/N) > y')).toEqual([
      { line: 1, text: 'Do you want to continue? (y/N)' },
      { line: 1, text: 'y' },
    ]);
    expect(normaliseText('> Delaying 30 seconds to allow server to discover new master key values')).toEqual([
      { line: 1, text: 'Delaying 30 seconds to allow server to discover new master key values' },
    ]);
    expect(normaliseText('Enter the INSTANCE NUM of the service instance to use:\n> 2')[1]).toEqual({
      line: 2,
      text: '2',
    });
    expect(normaliseText('admin1 (3c0f...) > ')).toEqual([{ line: 1, text: 'admin1 (3c0f...)' }]);
  });

  it('does not split a PowerShell prompt', () => {
    expect(normaliseText('PS C:\\Users\\admin> ibmcloud tke cryptounit-mks')).toEqual([
      { line: 1, text: 'PS C:\\Users\\admin> ibmcloud tke cryptounit-mks' },
    ]);
  });

  it('drops a BOM and trailing blanks', () => {
    expect(normaliseText('\uFEFFOK   \n')).toEqual([{ line: 1, text: 'OK' }]);
  });
});

describe('decodeTranscript', () => {
  const utf16 = (text: string, be: boolean): Uint8Array => {
    const out = new Uint8Array(2 + text.length * 2);
    out.set(be ? [0xfe, 0xff] : [0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      out[2 + i * 2 + (be ? 1 : 0)] = c & 0xff;
      out[2 + i * 2 + (be ? 0 : 1)] = c >> 8;
    }
    return out;
  };

  it('decodes UTF-16 LE and BE with a BOM (PowerShell transcripts)', () => {
    expect(decodeTranscript(utf16('OK\r\n', false))).toEqual({ ok: true, text: 'OK\r\n', encoding: 'utf-16le' });
    expect(decodeTranscript(utf16('OK\r\n', true))).toEqual({ ok: true, text: 'OK\r\n', encoding: 'utf-16be' });
  });

  it('guesses UTF-16 LE without a BOM', () => {
    const r = decodeTranscript(utf16('Delaying 30 seconds\n', false).subarray(2));
    expect(r.ok && r.encoding).toBe('utf-16le');
  });

  it('decodes UTF-8 with a BOM', () => {
    expect(decodeTranscript(new Uint8Array([0xef, 0xbb, 0xbf, 0x4f, 0x4b]))).toEqual({
      ok: true,
      text: 'OK',
      encoding: 'utf-8',
    });
  });

  it('refuses binary data', () => {
    const bin = new Uint8Array(4096);
    for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919) % 256;
    const r = decodeTranscript(bin);
    expect(r.ok).toBe(false);
    const notUtf8 = new Uint8Array(4096).fill(0xc3).map((v, i) => (i % 2 === 0 ? 0xff : v));
    expect(decodeTranscript(notUtf8).ok).toBe(false);
  });
});
