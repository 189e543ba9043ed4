import { accessSync, constants, lstatSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo } from '../../../shared/ipc/contract.js';
import {
  parseSignServKeys,
  SIGNSERVKEYS_FILE,
  SIGNSERVKEYS_MAX_BYTES,
  type SigningService,
} from '../../../shared/tke/signing-service.js';

type TkeFilesInfo = AppInfo['tkeFiles'];

/** Describe the CLOUDTKEFILES directory in use: where it came from and whether it is usable. */
export function inspectTkeFiles(dir: string | null, source: TkeFilesInfo['source']): TkeFilesInfo {
  if (!dir) {
    return {
      dir: null,
      source,
      status: 'unset',
      message: 'CLOUDTKEFILES is not set. Create a directory for your key files and set CLOUDTKEFILES to it.',
    };
  }
  try {
    const stat = statSync(dir);
    if (!stat.isDirectory()) {
      return {
        dir,
        source,
        status: 'not-a-directory',
        message: `CLOUDTKEFILES points to ${dir}, which is not a directory.`,
      };
    }
    accessSync(dir, constants.R_OK | constants.X_OK);
    return { dir, source, status: 'ok', message: `Key files are read from ${dir}.` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return { dir, source, status: 'missing', message: `CLOUDTKEFILES points to ${dir}, which does not exist.` };
    }
    return {
      dir,
      source,
      status: 'unreadable',
      message: `CLOUDTKEFILES points to ${dir}, which cannot be read (${code ?? 'error'}).`,
    };
  }
}

/**
 * Read the signing service's key list, `SIGNSERVKEYS` in CLOUDTKEFILES [hs-crypto: signing-service.md]:
 * identifiers only; its tokens are dropped by the parser and never leave this function. A file that is
 * not a regular file, or larger than a key list can be, is reported, not read.
 */
export function readSigningService(dir: string): SigningService {
  const path = join(dir, SIGNSERVKEYS_FILE);
  let text: string;
  try {
    const stat = lstatSync(path);
    if (!stat.isFile()) return { problem: `${SIGNSERVKEYS_FILE} in CLOUDTKEFILES is not a regular file.` };
    if (stat.size > SIGNSERVKEYS_MAX_BYTES)
      return {
        problem: `${SIGNSERVKEYS_FILE} is larger than ${SIGNSERVKEYS_MAX_BYTES} bytes: it is not a list of signature keys.`,
      };
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return parseSignServKeys(null);
    return { problem: `${SIGNSERVKEYS_FILE} in CLOUDTKEFILES cannot be read (${code ?? 'error'}).` };
  }
  return parseSignServKeys(text);
}
