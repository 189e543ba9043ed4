/** Schemas of the simulator's status (`demo:*`); `token` says whether the access token is valid, never the token. */
import { z } from 'zod';
import type { DemoStatus as DemoStatusType } from '../views.js';
import { exact } from '../schema-kit.js';
import { UnitRegisters } from './domain.js';

const demoStatusShape = {
  scenario: z.string(),
  scenarios: z.array(z.object({ name: z.string(), description: z.string() })),
  keystore: z.object({ total: z.number().int(), usable: z.number().int(), lost: z.number().int() }),
  token: z.object({ valid: z.boolean(), expiresAt: z.string().nullable() }),
  units: z.array(UnitRegisters.extend({ selected: z.boolean(), location: z.string() })),
  fault: z.string().nullable().optional(),
};

export const DemoStatus = exact<DemoStatusType>()(z.object(demoStatusShape));

/** `demo:load-twin`: the status once the simulator became the twin, and the twin's name. */
export const LoadedTwinStatus = exact<DemoStatusType & { loaded: string }>()(
  z.object({ ...demoStatusShape, loaded: z.string() }),
);
