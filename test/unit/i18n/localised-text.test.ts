/**
 * Text the Japanese UI used to show in English: durations (Intl units) and the pre-check texts the
 * backend sends by message id, each of which must have a catalogue entry in both languages with the
 * same placeholders.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../renderer/src/lib/screens/format.js';

type Tree = { [key: string]: string | Tree };
const msg = (lang: 'en' | 'ja') =>
  (
    (JSON.parse(readFileSync(`renderer/src/lib/i18n/${lang}/screens.json`, 'utf8')) as Tree).precheck as {
      msg: Record<string, string>;
    }
  ).msg;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('durations', () => {
  it('keep their English form and use Japanese units in Japanese', () => {
    expect([formatDuration(36), formatDuration(245), formatDuration(3720)]).toEqual([
      '36 s',
      '4 min 05 s',
      '1 h 02 min',
    ]);
    expect([formatDuration(36, 'ja'), formatDuration(245, 'ja'), formatDuration(3720, 'ja')]).toEqual([
      '36 秒',
      '4 分 05 秒',
      '1 時間 02 分',
    ]);
  });
});

describe('pre-check message ids', () => {
  const dir = 'shared/precheck';
  // A fix's own entry (`i18n: { key }`, precheck.fixWhy) is not a pre-check message.
  const ids = new Set(
    readdirSync(dir)
      .filter((f) => /^(?:checks-[\w-]+|context)\.ts$/.test(f)) // where the checks' texts are made
      .flatMap((f) => {
        const source = readFileSync(join(dir, f), 'utf8');
        return [
          ...[...source.matchAll(/(?<!i18n: \{ )\bkey: '([\w-]+)'/g)].map((m) => m[1] ?? ''),
          ...[...source.matchAll(/\bkey: \w+ \? '([\w-]+)' : '([\w-]+)'/g)].flatMap((m) => [m[1] ?? '', m[2] ?? '']),
          ...[...source.matchAll(/\bunknown\([^;]*?'([\w-]+)'\)/g)].map((m) => m[1] ?? ''),
        ];
      }),
  );

  it('are found in the checks', () => {
    expect(ids.size).toBeGreaterThan(30);
  });

  it('each has an English and a Japanese text with the same placeholders', () => {
    const en = msg('en');
    const ja = msg('ja');
    for (const id of ids) {
      expect(en[id], id).toBeTypeOf('string');
      expect(ja[id], id).toBeTypeOf('string');
      expect(placeholders(ja[id] ?? ''), id).toEqual(placeholders(en[id] ?? ''));
    }
  });
});
