/** Runtime validation of a stored simulator state (the state file is user-reachable on disk). */
import { z } from 'zod';
import { REGISTER_STATES, UNIT_TYPES } from '../tke/types.js';
import type { SimState } from './state.js';

/** The files the simulator creates in CLOUDTKEFILES (and so may remove on reset). */
/** The simulator's state file in its state directory (MKRA_SIM_DIR), replaced atomically on each change. */
export const SIM_STATE_FILE = 'state.json';

export const SIM_FILE_NAME = /^(?:\d+\.(?:sigkey|mkpart)|SIGNSERVKEYS)$/;

/**
 * The schema, built on first use: most simulator invocations read a state they wrote themselves and
 * never check it (electron/cli/sim/state-store.ts), and building zod's objects costs a start some
 * milliseconds.
 */
function buildSchema() {
  const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
  const register = z.object({ state: z.enum(REGISTER_STATES), value: z.union([hex64, z.literal('')]) });

  return z.object({
    version: z.literal(1),
    scenario: z.string(),
    seed: z.number().int().nonnegative(),
    rng: z.number().int().nonnegative(),
    session: z.object({
      apiEndpoint: z.string(),
      region: z.string(),
      user: z.string(),
      account: z.string(),
      resourceGroup: z.string(),
      tokenExpiresAt: z.number(),
    }),
    instances: z.array(
      z.object({
        id: z.string(),
        units: z.array(
          z.object({
            num: z.number().int().positive(),
            type: z.enum(UNIT_TYPES),
            location: z.string(),
            thresholds: z.object({ signature: z.number().int(), revocation: z.number().int() }),
            admins: z.array(z.object({ name: z.string(), ski: z.string() })),
            current: register,
            new: register,
            olderFirmware: z.boolean().optional(),
            controlPoints: z.array(z.string().regex(/^(?:XCP_CPB_[A-Z0-9_]+|\d{1,3})$/)).optional(),
          }),
        ),
        keystore: z.array(z.object({ count: z.number().int().nonnegative(), wrap: hex64.nullable() })),
        autoRotateInProgress: z.boolean(),
        pkcs11Keystores: z.boolean().optional(),
        privateOnly: z.boolean().optional(),
      }),
    ),
    selectedUnits: z.array(z.number().int()),
    selectedSigkeys: z.array(z.string()),
    simFiles: z.array(z.string().regex(SIM_FILE_NAME)),
    twinVps: z.record(hex64, z.string().regex(/^[0-9a-f]{16,128}$/)).optional(),
    signingService: z
      .object({
        url: z.string().max(2048),
        keys: z.array(z.object({ name: z.string().min(1).max(512), ski: hex64, tokenDigest: hex64 })).max(256),
      })
      .optional(),
  });
}

let schema: ReturnType<typeof buildSchema> | undefined;

/** Validate parsed JSON as a simulator state; returns an error message instead when it is not one. */
export function parseSimState(json: unknown): SimState | string {
  schema ??= buildSchema();
  const r = schema.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  return `invalid simulator state at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'unknown'}`;
}
