/**
 * Simulator commands that ask nothing (`sim reset`, `login`, `sim status`), run in the test's own
 * process by the simulator CLI's own entry (electron/cli/ibmcloud-sim.ts `main`) over the same state
 * directory. A harness sets up and reads its simulator some 400 times a run: as child processes
 * that was some 140 ms of CPU each, mostly Node's start. Rotation commands still run the built
 * simulator as a child under a pseudo-terminal, as the app runs them.
 */
import { Readable, Writable } from 'node:stream';
import { main } from '../../electron/cli/ibmcloud-sim.js';

export async function simHere(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number; stdout: string }> {
  let stdout = '';
  const output = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      stdout += chunk.toString();
      done();
    },
  });
  // No answers: a command that asked for one would read the end of its input.
  const input = Readable.from([]);
  const status = await main(args, env, {
    input: input as unknown as NodeJS.ReadStream,
    output: output as unknown as NodeJS.WriteStream,
  });
  return { status, stdout };
}
