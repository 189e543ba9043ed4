/** A usage error: the CLI prints its message on one line and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parse a `--port` value: an integer 0..65535 (0 = any free port). */
export function parsePort(value: string | undefined): number {
  if (value === undefined || !/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`--port needs a number from 0 to 65535, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
  }
  return Number(value);
}
