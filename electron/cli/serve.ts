import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend } from '../backend/backend.js';
import { defaultDataDir } from '../backend/environment/paths.js';
import { startHost, type RunningHost } from '../backend/host/server.js';
import { packageInfo, projectRoot } from '../backend/package-info.js';
import { parseCommand, parsePort, UsageError } from './args.js';

export const SERVE_USAGE = 'usage: mkra serve --demo [--port N] [--data-dir DIR]';

const OPTIONS = { demo: { type: 'boolean' }, port: { type: 'string' }, 'data-dir': { type: 'string' } } as const;

/** Parse `mkra serve` arguments. */
export function parseServeArgs(argv: readonly string[]): { port: number; dataDir: string | undefined } {
  const unknown = (arg: string) => `unknown argument for serve: ${arg}`;
  const { values, positionals } = parseCommand(argv, OPTIONS, SERVE_USAGE, unknown);
  if (positionals.length > 0) throw new UsageError(`${unknown(positionals[0] ?? '')}. ${SERVE_USAGE}`);
  if (values.demo !== true)
    throw new UsageError(
      `mkra serve only runs the demo backend (it can never drive a real ibmcloud): pass --demo. ${SERVE_USAGE}`,
    );
  return { port: values.port === undefined ? 0 : parsePort(values.port), dataDir: values['data-dir'] };
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
    // The simulator's state where MKRA_SIM_DIR says, as for ibmcloud-sim itself (a training room's prepared state).
    ...(env.MKRA_SIM_DIR ? { simDir: env.MKRA_SIM_DIR } : {}),
    name,
    version,
  });
  const host = await startHost({ backend, rendererDir, port: args.port, log: warn });
  print(`Listening on ${host.url}`);
  // Closing also ends a command still waiting at a prompt, whose terminal would keep us alive.
  return {
    ...host,
    close: async () => {
      await host.close();
      await backend.rotations.shutdown();
    },
  };
}
