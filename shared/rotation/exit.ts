/**
 * A command killed by a signal did not end by itself, whatever exit code its terminal reports (a pty
 * reports 0 with the signal beside it). Every decision the backend takes on an exit (the timeline, a
 * register reading journaled, a flow's next command) reads this effective code, so a killed command
 * is never taken for one that ended with OK. The journal keeps the code and the signal as reported.
 */

/** Signal numbers of the names a simulator or runner may give instead of a number. */
const SIGNALS: Readonly<Record<string, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };

/** True when the process ended by a signal (a crash, SIGKILL), not by exiting. */
export function killedBySignal(signal: number | string | null | undefined): boolean {
  return signal !== undefined && signal !== null && signal !== '' && signal !== 0 && signal !== '0';
}

/**
 * The exit code to decide on: the reported one when the process exited, else a non-zero code
 * (128 + the signal's number, as a shell reports it; 128 for a signal it cannot name).
 */
export function effectiveExitCode(exitCode: number, signal: number | string | null | undefined): number;
export function effectiveExitCode(exitCode: number | null, signal: number | string | null | undefined): number | null;
export function effectiveExitCode(exitCode: number | null, signal: number | string | null | undefined): number | null {
  if (!killedBySignal(signal)) return exitCode;
  if (exitCode !== null && exitCode !== 0) return exitCode;
  const n = typeof signal === 'number' ? signal : (SIGNALS[String(signal)] ?? Number(signal));
  return Number.isInteger(n) && n > 0 ? 128 + n : 128;
}
