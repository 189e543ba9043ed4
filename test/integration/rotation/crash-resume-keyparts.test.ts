/**
 * Crash campaign, key-part flow: the backend killed with SIGKILL at positions across a rotation and
 * the recoveries the advisor runs, then restarted on what it left (crash-campaign.ts).
 */
import { CRASH_POINTS } from './crash-points.js';
import { crashCampaign } from './crash-campaign.js';

const points = CRASH_POINTS.filter((p) => p.flow === 'keyparts');
crashCampaign('keyparts', points);
