import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The app's data directory outside Electron (CLI, browser host, tests). Electron passes
 * `app.getPath('userData')` instead. `MKRA_DATA_DIR` overrides both.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform = process.platform): string {
  if (env.MKRA_DATA_DIR) return env.MKRA_DATA_DIR;
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'mk-rotation-assistant');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'mk-rotation-assistant');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'mk-rotation-assistant');
}

/**
 * Where demo mode keeps the simulator's state and its CLOUDTKEFILES: inside the data directory, or in
 * `simDir` when one is given (`mkra serve --demo` with `MKRA_SIM_DIR` set).
 */
export function demoPaths(
  dataDir: string,
  simDir = join(dataDir, 'demo', 'sim'),
): { simDir: string; tkeFilesDir: string } {
  return { simDir, tkeFilesDir: join(simDir, 'tkefiles') };
}
