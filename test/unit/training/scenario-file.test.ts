import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { formatProblem, parseJsonWithPositions, parseScenarioText } from '../../../shared/training/index.js';

const valid = readFileSync('training/scenarios/m1-not-m2.json', 'utf8');
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

function problemsOf(text: string) {
  const result = parseScenarioText('bad.json', text);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.problems;
}

describe('scenario files', () => {
  test('a shipped example loads with its defaults', () => {
    const result = parseScenarioText('m1-not-m2.json', valid);
    expect(result.ok && result.scenario).toMatchObject({ id: 'm1-not-m2', flow: 'auto', keys: 300, restart: false, expected: 'cryptounit-mk-rotate' });
  });

  test.each([
    ['a syntax error (missing comma)', valid.replace('"flow": "auto",', '"flow": "auto"'), '"flow"', /expected ',' or '}'/],
    ['an unterminated string', valid.replace('"flow": "auto"', '"flow": "auto'), '"flow"', /closing quote/],
    ['a duplicate key', valid.replace('"keys": 300,', '"keys": 300,\n  "keys": 5,'), '"keys": 5', /appears twice/],
    ['an unknown simulator scenario', valid.replace('"simScenario": "default"', '"simScenario": "nowhere"'), '"simScenario"', /simScenario: is not a simulator scenario/],
    ['an unknown fault point', valid.replace('"fault": "mid-rewrap"', '"fault": "mid-lunch"'), '"fault"', /steps\[0\]\.fault: is not a simulator fault point/],
    ['an unknown command', valid.replace('"expected": "cryptounit-mk-rotate"', '"expected": "rm -rf"'), '"expected"', /expected: must be one of/],
    ['an unknown field', valid.replace('"keys": 300,', '"keys": 300,\n  "colour": "red",'), '"colour"', /colour: unknown field/],
    ['a missing Japanese briefing', valid.replace(/"ja": "最初のマイルストーンが[^"]*"/, '"jp": "x"'), '"jp"', /briefing/],
    ['a wrong type', valid.replace('"keys": 300', '"keys": "many"'), '"keys"', /keys:/],
    ['a restart without a crash', valid.replace('"flow": "auto",', '"flow": "auto",\n  "restart": true,'), '"restart"', /restart: needs the last step to end in a :crash fault/],
    ['a wrong format marker', valid.replace('mkra-training-scenario/1', 'mkra-training-scenario/9'), '"format"', /format: must be/],
  ])('%s is rejected with the problem and its line', (_name, text, needle, message) => {
    const problems = problemsOf(text);
    expect(problems.some((p) => message.test(p.message) && p.line === lineOf(text, needle))).toBe(true);
    expect(formatProblem(problems[0] ?? { file: '', line: 0, message: '' })).toMatch(/^bad\.json:\d+: /);
  });

  test('an empty file and trailing text are rejected at their line', () => {
    expect(problemsOf('')[0]).toMatchObject({ line: 1, message: expect.stringMatching(/the end of the file/) });
    expect(problemsOf(`${valid}\n\n{}`)[0]?.line).toBe(valid.split('\n').length + 2);
  });

  test('the position reader agrees with JSON.parse', () => {
    const text = '{\n "a": [1, {"b": "c\\n"}],\n "d": -1.5e3, "e": null, "f": true\n}';
    const { value, lines } = parseJsonWithPositions(text);
    expect(value).toEqual(JSON.parse(text));
    expect(lines.get('d')).toBe(3);
    expect(lines.get('a\u00001\u0000b')).toBe(2);
  });
});
