import { describe, expect, it } from 'vitest';
import {
  matchAdministrators,
  planKeyPartSelection,
  scanWorkspace,
} from '../../../../electron/backend/keyfiles/index.js';
import { workspaceFrom } from './helpers.js';

describe('matchAdministrators', () => {
  it('matches by SKI case-insensitively and lists admins without a key file', async () => {
    const scan = await scanWorkspace(await workspaceFrom('good'));
    const [admin1, old] = scan.sigkeys;
    const result = matchAdministrators(scan.sigkeys, [
      { unit: 2, name: 'admin1', ski: admin1!.ski.toUpperCase() },
      { unit: 1, name: 'admin1', ski: admin1!.ski },
      { unit: 1, name: 'stranger', ski: 'ab'.repeat(32) },
      { unit: 3, name: '-', ski: '-' },
    ]);
    expect(result.sigkeys).toEqual([
      { fileName: '1.sigkey', description: 'admin1', ski: admin1!.ski, units: [1, 2], adminNames: ['admin1'] },
      { fileName: '2.sigkey', description: 'old-admin', ski: old!.ski, units: [], adminNames: [] },
    ]);
    expect(result.unmatchedAdmins).toEqual([{ unit: 1, name: 'stranger', ski: 'ab'.repeat(32) }]);
  });
});

describe('planKeyPartSelection', () => {
  it('accepts two distinct parts and existing signature keys', async () => {
    const scan = await scanWorkspace(await workspaceFrom('good'));
    const plan = planKeyPartSelection(scan, { parts: ['1.mkpart', '2.mkpart'], sigkeys: ['1.sigkey'] });
    expect(plan.ok).toBe(true);
    if (plan.ok) {
      expect(plan.parts.map((p) => p.description)).toEqual(['part1-alice', 'part2-bob']);
      expect(plan.sigkeys.map((k) => k.description)).toEqual(['admin1']);
    }
  });

  it('explains every problem in words', async () => {
    const scan = await scanWorkspace(await workspaceFrom('good'));
    const errors = (parts: string[], sigkeys: string[]) => {
      const plan = planKeyPartSelection(scan, { parts, sigkeys });
      return plan.ok ? [] : plan.errors;
    };
    expect(errors(['1.mkpart'], ['1.sigkey'])).toEqual(['A master key is made of 2 or 3 parts; 1 was chosen.']);
    expect(errors(['1.mkpart', '2.mkpart', '1.mkpart', '2.mkpart'], ['1.sigkey'])).toEqual([
      'A master key is made of 2 or 3 parts; 4 were chosen.',
      'The part 1.mkpart was chosen more than once.',
      'The part 2.mkpart was chosen more than once.',
    ]);
    expect(errors(['1.mkpart', '2.MKPART'], [])).toEqual([
      'Choose at least one signature key to sign the commands.',
      'There is no master key part file named 2.MKPART; did you mean 2.mkpart?',
    ]);
    expect(errors(['1.mkpart', '2.mkpart'], ['1.mkpart', '9.sigkey'])).toEqual([
      'There is no usable signature key file named 1.mkpart in the workspace.',
      'There is no usable signature key file named 9.sigkey in the workspace.',
    ]);
    const copied = { ...scan, mkparts: [...scan.mkparts, { ...scan.mkparts[0]!, fileName: '3.mkpart' }] };
    const plan = planKeyPartSelection(copied, { parts: ['1.mkpart', '3.mkpart'], sigkeys: ['1.sigkey'] });
    expect(plan).toEqual({
      ok: false,
      errors: ['1.mkpart and 3.mkpart are copies of the same part (same verification pattern).'],
    });
  });
});
