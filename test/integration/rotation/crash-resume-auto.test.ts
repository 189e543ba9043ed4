/**
 * Crash campaign, auto-mk-rotate flow: the backend killed with SIGKILL at positions across a rotation and
 * the recoveries the advisor runs, then restarted on what it left (crash-campaign.ts).
 */
import { describe, expect, it } from 'vitest';
import { CRASH_POINTS } from './crash-points.js';
import { crashCampaign } from './crash-campaign.js';

const points = CRASH_POINTS.filter((p) => p.flow === 'auto');
crashCampaign('auto', points);

describe('crash campaign size', () => {
  it('has at least 50 distinct kill points over both flows', () => {
    expect(new Set(CRASH_POINTS.map((p) => p.label)).size).toBeGreaterThanOrEqual(50);
  });
});
