/** Public API of the hardware simulator (pure; hosts supply Io, workstation files and the clock). */
export { runSim, TKE_COMMAND_NAMES } from './run.js';
export {
  SimFailure,
  type MkPartInfo,
  type SigkeyInfo,
  type SimContext,
  type SimIo,
  type StandIn,
  type Workstation,
} from './context.js';
export { FAULT_DESCRIPTIONS, FAULT_POINTS, parseFault, type FaultPoint, type FaultSpec } from './faults.js';
export {
  createScenario,
  DEFAULT_KEYS,
  DEFAULT_SEED,
  isScenarioName,
  SCENARIO_PASSWORD,
  SCENARIO_SIGNSERV_URL,
  SCENARIO_TOKEN,
  SCENARIOS,
  type ScenarioName,
} from './scenarios.js';
export { statusOf, statusLines, type SimStatus, type StatusUnit } from './status.js';
export { countAllKeys, countKeys, type KeystoreCounts } from './keystore.js';
export { parseSimState } from './state-schema.js';
export type { KeySegment, SimInstance, SimRegister, SimState, SimUnit } from './state.js';
export { vpOf } from './vp.js';
export { MemoryWorkstation } from './memory-workstation.js';
export {
  autoAnswer,
  createMemorySim,
  MemoryIo,
  runAutoRotate,
  runInProcess,
  SimCrash,
  type Answerer,
  type InProcessResult,
  type MemorySim,
} from './in-process.js';
