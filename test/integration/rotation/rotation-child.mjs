// A demo rotation in its own process, for the crash test: starts a journaled rotation and runs
// auto-mk-rotate, answering the password prompts, until the parent kills it with SIGKILL.
import { resolveEnvironment } from '../../../dist/electron/backend/backend.js';
import { demoPaths } from '../../../dist/electron/backend/environment/paths.js';
import { RotationService } from '../../../dist/electron/backend/rotation/rotation-service.js';
import { buildInvocation } from '../../../dist/electron/backend/runner/tke-invocation.js';

const dataDir = process.argv[2];
const scale = process.argv[3] ?? '0.05';
const { simDir } = demoPaths(dataDir);
const info = resolveEnvironment({ host: 'browser', env: process.env, dataDir, forceDemo: true, name: 'n', version: '0' });
let service;
service = new RotationService({
  dataDir,
  invocation: () => buildInvocation({ info, env: process.env, simDir, simTimeScale: scale }),
  events: {
    line: () => undefined,
    exit: () => process.stdout.write('EXIT\n'),
    notice: () => undefined,
    updated: (state) => {
      const prompt = state.running?.prompt;
      if (prompt) void service.answer(state.running.runId, prompt.secret ? 'passw0rd' : 'y', prompt.secret);
    },
  },
});
await service.start({ flow: 'auto' });
process.stdout.write('STARTED\n');
await service.run(['tke', 'auto-mk-rotate']);
