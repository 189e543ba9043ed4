/** Named starting states (`sim scenarios`), built from a seed with key files made by the workstation. */
import type { Workstation } from './context.js';
import { randomHex, randomUuid, seedState } from './prng.js';
import type { SimAdmin, SimInstance, SimState, SimUnit } from './state.js';
import { vpOf } from './vp.js';
import { tokenDigest } from './signing-service.js';
import { SIGNSERVKEYS_FILE } from '../tke/signing-service.js';
import type { UnitType } from '../tke/types.js';
import { backupRegion, failoverUnit } from './commands/failover.js';

/** Password of every key file the scenarios create. */
export const SCENARIO_PASSWORD = 'passw0rd';
/** Token of every key of the scenarios' signing service, and its address (`TKE_SIGNSERV_URL`). */
export const SCENARIO_TOKEN = 'signing-t0ken';
export const SCENARIO_SIGNSERV_URL = 'https://signing.example.com:9443';
export const DEFAULT_SEED = 1;
export const DEFAULT_KEYS = 300;
const TOKEN_LIFETIME_MS = 3_600_000;

export const SCENARIOS = [
  { name: 'default', description: '1 instance, 2 operational + 2 recovery units, ready to rotate' },
  { name: 'imprint-mode', description: 'crypto unit 2 is in imprint mode (pre-check 3 fails)' },
  { name: 'threshold-mismatch', description: 'crypto unit 2 has signature thresholds 1/1 (pre-check 4 fails)' },
  { name: 'admin-mismatch', description: 'crypto unit 4 has a different second administrator (pre-check 5 fails)' },
  { name: 'current-mk-mismatch', description: 'crypto unit 4 has another current master key (pre-check 6 fails)' },
  {
    name: 'current-mk-cleared',
    description:
      "crypto unit 1's current master key register was cleared; the recovery units still hold the key (auto-mk-recover)",
  },
  { name: 'new-mk-not-empty', description: 'crypto unit 3 has a leftover new master key (pre-check 7 fails)' },
  {
    name: 'several-instances',
    description: '2 instances in the resource group, all 8 units selected (pre-check 2 fails for key parts)',
  },
  { name: 'expired-token', description: 'the access token has expired (pre-check 1 fails)' },
  {
    name: 'signing-service',
    description:
      "default, but the administrators' keys are held by a signing service (TKE_SIGNSERV_URL=https://signing.example.com:9443); SIGNSERVKEYS lists both, without tokens",
  },
  {
    name: 'signing-service-short',
    description:
      'signing-service, but SIGNSERVKEYS lists only one of the two keys the threshold needs (pre-check 5 fails)',
  },
  { name: 'key-parts', description: 'default plus 3 master key part files ready to load' },
  {
    name: 'failover-uninitialised',
    description:
      'default plus failover crypto units 5 and 6 as failover-enable leaves them: imprint mode, no master key, not selected',
  },
  {
    name: 'pkcs11-keystores',
    description:
      'key-parts, but PKCS #11 keystores are enabled in the instance: auto-mk-rotate refuses, the key part flow works',
  },
  {
    name: 'private-only',
    description:
      'default, but the instance allows private network access only: listed through TKE_PRIVATE_ADDR (the private endpoint) alone',
  },
  {
    name: 'older-firmware',
    description:
      'default, but crypto unit 2 runs older firmware: its VPs do not end in zeros (they match on the first 56 digits)',
  },
  {
    name: 'twin-source',
    description:
      'a source to capture a twin from: 2 instances, 3 administrators (thresholds 2/2), unit 8 FAILOVER, ' +
      'unit 2 on older firmware, unit 7 not selected, unit 6 with a leftover new key, a key part file',
  },
] as const;
export type ScenarioName = (typeof SCENARIOS)[number]['name'];

/** Whether a string names a scenario. */
export function isScenarioName(name: string): name is ScenarioName {
  return SCENARIOS.some((s) => s.name === name);
}

export interface ScenarioOptions {
  seed: number;
  keys: number;
  now: number;
}

const LAYOUT: readonly { type: UnitType; location: string }[] = [
  { type: 'OPERATIONAL', location: '[us-south].[AZ1-CS1].[00].[03]' },
  { type: 'OPERATIONAL', location: '[us-south].[AZ2-CS2].[01].[04]' },
  { type: 'RECOVERY', location: '[us-south].[AZ3-CS3].[02].[03]' },
  { type: 'RECOVERY', location: '[us-east].[AZ1-CS4].[00].[05]' },
];

function makeInstance(state: SimState, firstNum: number, admins: SimAdmin[], keys: number): SimInstance {
  const value = randomHex(state, 32);
  const id = randomUuid(state);
  const units: SimUnit[] = LAYOUT.map((l, i) => ({
    num: firstNum + i,
    type: l.type,
    location: l.location,
    thresholds: { signature: 2, revocation: 2 },
    admins: admins.map((a) => ({ ...a })),
    current: { state: 'Valid', value },
    new: { state: 'Empty', value: '' },
  }));
  return { id, units, keystore: keys > 0 ? [{ count: keys, wrap: value }] : [], autoRotateInProgress: false };
}

function unit(inst: SimInstance | undefined, num: number): SimUnit {
  const u = inst?.units.find((x) => x.num === num);
  if (!u) throw new Error(`scenario layout has no crypto unit ${num}`);
  return u;
}

/** A state with a fresh one-hour token and nothing else: no instance, no unit, no key file. */
export function emptyState(scenario: string, seed: number, rng: number, now: number): SimState {
  return {
    version: 1,
    scenario,
    seed,
    rng,
    session: {
      apiEndpoint: 'https://cloud.ibm.com',
      region: 'us-south',
      user: 'admin@example.com',
      account: 'Example Co (0123456789abcdef)',
      resourceGroup: 'default',
      tokenExpiresAt: now + TOKEN_LIFETIME_MS,
    },
    instances: [],
    selectedUnits: [],
    selectedSigkeys: [],
    simFiles: [],
  };
}

/** What a scenario's shaping step works on: the state with its first instance and administrators. */
interface ScenarioContext {
  state: SimState;
  main: SimInstance;
  admins: SimAdmin[];
  opts: ScenarioOptions;
  ws: Workstation;
}

/** The master key part files of the key-part flow, one per owner. */
async function keyPartFiles({ state, ws }: ScenarioContext): Promise<void> {
  for (const owner of ['part1-alice', 'part2-bob', 'part3-carol']) {
    const part = randomHex(state, 32);
    const f = await ws.createMkPart(owner, SCENARIO_PASSWORD, part, vpOf(part));
    state.simFiles.push(f.fileName);
  }
}

/** How each scenario differs from `default` (one instance of four units, ready to rotate). */
const SHAPES: Record<ScenarioName, (ctx: ScenarioContext) => void | Promise<void>> = {
  default: () => undefined,
  'imprint-mode': ({ main }) => {
    unit(main, 2).thresholds = { signature: 0, revocation: 0 };
    unit(main, 2).admins = [];
  },
  'threshold-mismatch': ({ main }) => {
    unit(main, 2).thresholds = { signature: 1, revocation: 1 };
  },
  'admin-mismatch': async ({ state, main, admins, ws }) => {
    const k = await ws.createSigkey('admin3', SCENARIO_PASSWORD);
    state.simFiles.push(k.fileName);
    unit(main, 4).admins = [admins[0] ?? { name: 'admin1', ski: '' }, { name: 'admin3', ski: k.ski }];
  },
  'current-mk-mismatch': ({ state, main }) => {
    unit(main, 4).current = { state: 'Valid', value: randomHex(state, 32) };
  },
  // As cryptounit-mk-clrcur leaves it (shared/sim/commands/keyparts.ts); IBM's recover page case.
  'current-mk-cleared': ({ main }) => {
    unit(main, 1).current = { state: 'Empty', value: '' };
  },
  'new-mk-not-empty': ({ state, main }) => {
    unit(main, 3).new = { state: 'Full Uncommitted', value: randomHex(state, 32) };
  },
  'several-instances': ({ state, admins, opts }) => {
    state.instances.push(makeInstance(state, 5, admins, opts.keys));
  },
  'private-only': ({ main }) => {
    main.privateOnly = true;
  },
  'older-firmware': ({ main }) => {
    unit(main, 2).olderFirmware = true;
  },
  'expired-token': ({ state, opts }) => {
    state.session.tokenExpiresAt = opts.now - 60_000;
  },
  'twin-source': ({ state, admins, opts, ws }) => twinSource(state, admins, opts.keys, ws),
  // As failover-enable assigns them [hs-crypto: enable-failover.md]; initializing them is the fix.
  'failover-uninitialised': ({ state, main }) => {
    main.units.push(...[0, 1].map((i) => failoverUnit(5 + i, backupRegion(state.session.region), i)));
  },
  'signing-service': ({ state, main, ws }) => signingService(state, main, ws, 2),
  'signing-service-short': ({ state, main, ws }) => signingService(state, main, ws, 1),
  'key-parts': keyPartFiles,
  'pkcs11-keystores': (ctx) => {
    ctx.main.pkcs11Keystores = true;
    return keyPartFiles(ctx);
  },
};

/** The units a scenario starts with selected: all, but the ones its story leaves out. */
function selectedUnits(name: ScenarioName, state: SimState): number[] {
  const all = state.instances.flatMap((i) => i.units.map((u) => u.num));
  if (name === 'twin-source') return all.filter((n) => n !== 7);
  // failover-enable leaves the new units unselected.
  if (name === 'failover-uninitialised') return all.filter((n) => n < 5);
  return all;
}

/** Build a scenario's state, creating its key files through the workstation. */
export async function createScenario(name: ScenarioName, opts: ScenarioOptions, ws: Workstation): Promise<SimState> {
  const state = emptyState(name, opts.seed, seedState(opts.seed), opts.now);
  const admins: SimAdmin[] = [];
  for (const adminName of ['admin1', 'admin2']) {
    const k = await ws.createSigkey(adminName, SCENARIO_PASSWORD);
    admins.push({ name: adminName, ski: k.ski });
    state.simFiles.push(k.fileName);
    state.selectedSigkeys.push(k.ski);
  }
  const main = makeInstance(state, 1, admins, opts.keys);
  state.instances.push(main);
  await SHAPES[name]({ state, main, admins, opts, ws });
  state.selectedUnits = selectedUnits(name, state);
  return state;
}

/** `twin-source`: many things a capture must carry, including a KEYNUM gap and an unselected key. */
async function twinSource(state: SimState, admins: SimAdmin[], keys: number, ws: Workstation): Promise<void> {
  const gone = await ws.createSigkey('retired', SCENARIO_PASSWORD);
  const k = await ws.createSigkey('admin3', SCENARIO_PASSWORD);
  await ws.removeFiles([gone.fileName]);
  state.simFiles.push(k.fileName);
  admins.push({ name: 'admin3', ski: k.ski });
  for (const u of state.instances[0]?.units ?? []) u.admins = admins.map((a) => ({ ...a }));
  const second = makeInstance(state, 5, admins, keys);
  state.instances.push(second);
  unit(state.instances[0], 2).olderFirmware = true;
  unit(second, 8).type = 'FAILOVER';
  unit(second, 6).new = { state: 'Full Uncommitted', value: randomHex(state, 32) };
  const part = randomHex(state, 32);
  const f = await ws.createMkPart('part1-alice', SCENARIO_PASSWORD, part, vpOf(part));
  state.simFiles.push(f.fileName);
}

/**
 * The administrators are keys of a signing service [hs-crypto: signing-service.md]: the workstation
 * has no signature key file, and SIGNSERVKEYS lists `listed` of the service's two keys, without tokens
 * (so each is asked, as IBM recommends).
 */
async function signingService(state: SimState, main: SimInstance, ws: Workstation, listed: number): Promise<void> {
  await ws.removeFiles(state.simFiles);
  state.simFiles = [SIGNSERVKEYS_FILE];
  state.selectedSigkeys = [];
  const keys = ['admin1-key', 'admin2-key'].map((name) => ({
    name,
    ski: randomHex(state, 32),
    tokenDigest: tokenDigest(SCENARIO_TOKEN),
  }));
  state.signingService = { url: SCENARIO_SIGNSERV_URL, keys };
  for (const u of main.units) u.admins = keys.map((k) => ({ name: k.name, ski: k.ski }));
  await ws.writeSignServKeys(JSON.stringify(keys.slice(0, listed).map((k) => ({ key: k.name }))));
}
