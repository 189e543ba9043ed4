/** The realistic captures in test/fixtures/captures/ and what the recovery table says about each. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StatedCommand } from '../../../shared/analysis/types.js';

export const CAPTURES_DIR = 'test/fixtures/captures';

export interface Expected {
  row: string;
  command: StatedCommand;
  phase: string;
  next: string;
  forbids: string[];
  evidence: { file: string; line: number; contains: string }[];
  registers?: { phase: string; next?: string; unitsToDeselect?: number[] };
}

export interface CaptureCase {
  name: string;
  expected: Expected;
  /** Capture files, oldest first, as the renderer sends them. */
  inputs: { name: string; base64: string }[];
  /** The `cryptounit-mks` listing taken after the failure, when the case has one. */
  registers: string[] | null;
}

const SIDE_FILES = new Set(['expected.json', 'registers.txt']);

/** Every case folder, loaded. */
export function captureCases(): CaptureCase[] {
  return readdirSync(CAPTURES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = join(CAPTURES_DIR, d.name);
      const files = readdirSync(dir)
        .filter((f) => !SIDE_FILES.has(f))
        .sort();
      const listing = readdirSync(dir).includes('registers.txt')
        ? readFileSync(join(dir, 'registers.txt'), 'utf8').split('\n')
        : null;
      return {
        name: d.name,
        expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected,
        inputs: files.map((f) => ({ name: f, base64: readFileSync(join(dir, f)).toString('base64') })),
        registers: listing,
      };
    });
}
