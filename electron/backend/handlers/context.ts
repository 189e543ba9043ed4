/** What every group of channel handlers may use: the services of one backend instance. */
import type { AppInfo } from '../../../shared/ipc/contract.js';
import type { EventName, EventPayload } from '../../../shared/ipc/contract.js';
import type { SecretBox } from '../reports/index.js';
import type { RotationService } from '../rotation/rotation-service.js';
import type { Invocation } from '../runner/tke-invocation.js';
import type { SettingsStore } from '../settings.js';

export interface BackendContext {
  info: AppInfo;
  dataDir: string;
  rotations: RotationService;
  settings: SettingsStore;
  invocation: () => Invocation;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** The OS keystore (Electron safeStorage) when the host has one. */
  secretBox: SecretBox | null;
  /** The app's environment (e.g. MKRA_TRAINING_DIR, the instructor's scenario folder). */
  env?: NodeJS.ProcessEnv;
}
