// A small valid twin for the format and loader tests.
import type { Twin } from '../../../shared/twin/schema.js';

export const VP_A = `${'ab12'.repeat(14)}00000000`;
export const VP_OLD = `${'ab12'.repeat(14)}5eed5eed`;

export function sampleTwin(): Twin {
  const admins = [
    { name: 'admin1', ski: 'a1'.repeat(32) },
    { name: 'admin2', ski: 'b2'.repeat(32) },
  ];
  const unit = (num: number, vp: string) => ({
    num,
    type: 'OPERATIONAL' as const,
    location: `[us-south].[AZ1-CS1].[00].[0${num}]`,
    selected: true,
    thresholds: { signature: 2, revocation: 2 },
    admins,
    registers: { current: { state: 'Valid' as const, vp }, new: { state: 'Empty' as const, vp: '' } },
  });
  return {
    format: 'mkra-twin/1',
    capturedAt: '2025-01-02T03:04:05.000Z',
    cli: { ibmcloud: '2.20.0', tke: '1.3.4' },
    instances: [{ id: 'inst-1', units: [unit(1, VP_A), unit(2, VP_OLD)] }],
    keyFiles: {
      sigkeys: [{ keynum: 2, description: 'admin1', ski: 'a1'.repeat(32), selected: true }],
      mkparts: [{ keynum: 1, description: 'part one', vp: VP_A }],
    },
  };
}
