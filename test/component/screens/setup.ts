/** Shared set-up for the screen component tests: both catalogues, English by default, sample data. */
import { addMessages, init, locale } from 'svelte-i18n';
import { MESSAGES } from '../../../renderer/src/lib/i18n/messages.js';
import type { PrecheckReport } from '../../../shared/precheck/report.js';
import type { PrecheckResult } from '../../../shared/precheck/types.js';
import { PRECHECK_IDS } from '../../../shared/tke/messages.js';
import type { UnitRegisters } from '../../../shared/tke/types.js';

export async function setupMessages(): Promise<void> {
  addMessages('en', MESSAGES.en);
  addMessages('ja', MESSAGES.ja);
  init({ fallbackLocale: 'en', initialLocale: 'en' });
  await locale.set('en');
}

export const VP_A = '6d382eefece5a1b2c3d4e5f60718293a';
export const VP_B = 'd907b8b6685a3f00112233445566778899';

/** Four units in the default layout, every current register Valid with VP A, every new register Empty. */
export function units(overrides: Partial<Record<number, Partial<UnitRegisters>>> = {}): UnitRegisters[] {
  return [1, 2, 3, 4].map((num) => ({
    num,
    type: num <= 2 ? 'OPERATIONAL' : 'RECOVERY',
    current: { state: 'Valid', vp: VP_A },
    new: { state: 'Empty', vp: '' },
    ...overrides[num],
  }));
}

/** A report where every check passes, with one instance of four selected units. */
export function report(results: Partial<Record<(typeof PRECHECK_IDS)[number], Partial<PrecheckResult>>> = {}, extra: Partial<PrecheckReport> = {}): PrecheckReport {
  return {
    flow: 'auto',
    ranAt: Date.UTC(2026, 0, 5, 9, 0, 0),
    results: PRECHECK_IDS.map((id) => ({ id, status: 'pass', summary: `${id} ok`, units: [], evidence: [], fix: [], ...results[id] })),
    instances: [
      {
        id: 'aa43af49-a9bf-4ddc-a376-e1d234398287',
        units: [1, 2, 3, 4].map((num) => ({ num, selected: true, type: num <= 2 ? 'OPERATIONAL' : 'RECOVERY', location: `[us-south].[AZ${num}]`, line: num })),
      },
    ],
    registers: units(),
    thresholds: [],
    admins: [],
    sigkeys: { keys: [], selected: [] },
    token: { expiresAt: Date.now() + 3_600_000, source: 'simulator' },
    estimate: { keyCount: 300, seconds: 36, tokenMayExpire: false },
    reads: [],
    ...extra,
  };
}
