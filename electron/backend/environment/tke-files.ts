import { accessSync, constants, statSync } from 'node:fs';
import type { AppInfo } from '../../../shared/ipc/contract.js';

type TkeFilesInfo = AppInfo['tkeFiles'];

/** Describe the CLOUDTKEFILES directory in use: where it came from and whether it is usable. */
export function inspectTkeFiles(dir: string | null, source: TkeFilesInfo['source']): TkeFilesInfo {
  if (!dir) {
    return { dir: null, source, status: 'unset', message: 'CLOUDTKEFILES is not set. Create a directory for your key files and set CLOUDTKEFILES to it.' };
  }
  try {
    const stat = statSync(dir);
    if (!stat.isDirectory()) {
      return { dir, source, status: 'not-a-directory', message: `CLOUDTKEFILES points to ${dir}, which is not a directory.` };
    }
    accessSync(dir, constants.R_OK | constants.X_OK);
    return { dir, source, status: 'ok', message: `Key files are read from ${dir}.` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return { dir, source, status: 'missing', message: `CLOUDTKEFILES points to ${dir}, which does not exist.` };
    }
    return { dir, source, status: 'unreadable', message: `CLOUDTKEFILES points to ${dir}, which cannot be read (${code ?? 'error'}).` };
  }
}
