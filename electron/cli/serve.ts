import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend } from '../backend/backend.js';
import { defaultDataDir } from '../backend/environment/paths.js';
import { startHost, type RunningHost } from '../backend/host/server.js';
import { packageInfo, projectRoot } from '../backend/package-info.js';
import { parsePort, UsageError } from './args.js';

export const SERVE_USAGE = 'usage: mkra serve --demo [--port N] [--data-dir DIR]';

/** Parse `mkra serve` arguments. */
export function parseServeArgs(argv: string[]): { port: number; dataDir: string | undefined } {
  let demo = false;
  let port = 0;
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--demo') demo = true;
    else if (arg === '--port') port = parsePort(argv[++i]);
    else if (arg?.startsWith('--port=')) port = parsePort(arg.slice(7));
    else if (arg === '--data-dir') {
      dataDir = argv[++i];
      if (!dataDir) throw new UsageError('--data-dir needs a directory');
    } else throw new UsageError(`unknown argument for serve: ${arg}. ${SERVE_USAGE}`);
  }
  if (!demo) throw new UsageError(`mkra serve only runs the demo backend (it can never drive a real ibmcloud): pass --demo. ${SERVE_USAGE}`);
  return { port, dataDir };
}

/** Start the browser host and print `Listening on <url>`; `warn` hears of sockets closed for a protocol error. */
export async function runServe(
  argv: string[],
  env: NodeJS.ProcessEnv,
  print: (line: string) => void,
  warn: (line: string) => void = (line) => void process.stderr.write(`mkra serve: ${line}\n`),
): Promise<RunningHost> {
  const args = parseServeArgs(argv);
  const rendererDir = join(projectRoot, 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new UsageError(`the renderer is not built (${rendererDir}): run npm run build first`);
  }
  const { name, version } = packageInfo();
  const backend = createBackend({
    host: 'browser',
    env,
    dataDir: args.dataDir ?? join(defaultDataDir(env), 'serve-demo'),
    forceDemo: true,
    name,
    version,
  });
  const host = await startHost({ backend, rendererDir, port: args.port, log: warn });
  print(`Listening on ${host.url}`);
  // Closing also ends a command still waiting at a prompt, whose terminal would keep us alive.
  return { ...host, close: async () => { await host.close(); await backend.rotations.shutdown(); } };
}
