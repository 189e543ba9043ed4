/** The app's small settings file (never a secret): last login time, last operator name. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Settings {
  /** When `ibmcloud login` last succeeded through the app (epoch ms): tokens last one hour. */
  lastLoginAt?: number;
  operator?: string;
}

/** Read and write `settings.json` in the data directory (atomic replace). */
export class SettingsStore {
  readonly #path: string;

  constructor(dataDir: string) {
    this.#path = join(dataDir, 'settings.json');
  }

  read(): Settings {
    try {
      const value = JSON.parse(readFileSync(this.#path, 'utf8')) as Settings;
      return typeof value === 'object' && value !== null ? value : {};
    } catch {
      return {};
    }
  }

  update(change: Partial<Settings>): Settings {
    const next = { ...this.read(), ...change };
    mkdirSync(dirname(this.#path), { recursive: true, mode: 0o700 });
    const temp = `${this.#path}.tmp`;
    writeFileSync(temp, JSON.stringify(next, null, 2), { mode: 0o600 });
    renameSync(temp, this.#path);
    return next;
  }
}
