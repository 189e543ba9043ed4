/** Handlers of the key files channels: the workspace scan (matched to the installed administrators) and a password check. */
import { basename, join } from 'node:path';
import { RefusedError, type Handlers } from '../../../shared/ipc/dispatch.js';
import type { AdminRow } from '../../../shared/parse/listings.js';
import { matchAdministrators, scanWorkspace, verifyPassword } from '../keyfiles/index.js';
import type { BackendContext } from './context.js';

export function keyfileHandlers(
  ctx: BackendContext,
  admins: () => AdminRow[],
): Pick<Handlers, 'keyfiles:scan' | 'keyfiles:verify-password'> {
  const { info } = ctx;
  return {
    'keyfiles:scan': async () => {
      if (!info.tkeFiles.dir || info.tkeFiles.status !== 'ok')
        return { scan: null, admins: null, message: info.tkeFiles.message };
      const scan = await scanWorkspace(info.tkeFiles.dir);
      const installed = admins();
      const matched =
        installed.length > 0
          ? matchAdministrators(
              scan.sigkeys,
              installed.flatMap((a) => (a.name && a.ski ? [{ unit: a.num, name: a.name, ski: a.ski }] : [])),
            )
          : null;
      return {
        scan,
        admins: matched,
        message: matched
          ? null
          : 'Run the pre-checks to see which keys match the administrators installed in the crypto units.',
      };
    },
    'keyfiles:verify-password': async (req) => {
      const dir = info.tkeFiles.dir;
      if (!dir || basename(req.fileName) !== req.fileName)
        throw new RefusedError('Give the name of a file in the key files directory.');
      return verifyPassword(join(dir, req.fileName), req.password);
    },
  };
}
