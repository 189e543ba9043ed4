import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface TkeDetection {
  executable: string | null;
  pluginDir: string | null;
}

/** Find an executable on PATH the way a shell would, without running anything. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv, platform = process.platform): string | null {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = join(dir, name + ext.toLowerCase());
      try {
        if (statSync(candidate).isFile()) {
          accessSync(candidate, constants.X_OK);
          return candidate;
        }
      } catch {
        // not here; keep looking
      }
    }
  }
  return null;
}

/**
 * Detect a live TKE CLI: `ibmcloud` on PATH and the `tke` plug-in in the CLI's plug-in folder
 * (`$IBMCLOUD_HOME/.bluemix/plugins/tke`). Looking at files instead of running
 * `ibmcloud plugin list` keeps start-up instant and makes no network call.
 */
export function detectTke(env: NodeJS.ProcessEnv, platform = process.platform): TkeDetection {
  const executable = findOnPath('ibmcloud', env, platform);
  if (!executable) return { executable: null, pluginDir: null };
  const home = env.IBMCLOUD_HOME ?? env.HOME ?? env.USERPROFILE ?? homedir();
  const pluginDir = join(home, '.bluemix', 'plugins', 'tke');
  try {
    return { executable, pluginDir: statSync(pluginDir).isDirectory() ? pluginDir : null };
  } catch {
    return { executable, pluginDir: null };
  }
}
