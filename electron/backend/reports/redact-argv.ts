import { REDACTED } from '../journal/index.js';

// `ibmcloud login` takes credentials as option values; the journal keeps argv as run, so a report
// must drop these values even though no TKE command takes a secret on its command line.
const SECRET_OPTIONS = new Set(['-p', '--password', '--apikey', '--api-key', '--passcode', '--token', '--access-token', '--iam-token', '--cr-token']);

/** Replaces the values of credential options (`--apikey KEY`, `-p=PASS`) with `[redacted]`. */
export function redactArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  let hideNext = false;
  for (const arg of argv) {
    if (hideNext) {
      out.push(REDACTED);
      hideNext = false;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq < 0 ? arg : arg.slice(0, eq)).toLowerCase();
    if (SECRET_OPTIONS.has(name)) {
      if (eq < 0) hideNext = true;
      out.push(eq < 0 ? arg : `${arg.slice(0, eq)}=${REDACTED}`);
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** The command as the user types it (`ibmcloud tke cryptounit-mk-rotate`), with credentials redacted. */
export function typedCommand(argv: readonly string[]): string {
  // The runner journals argv without the executable; older entries and imports may include it.
  const named = /^(?:.*[\\/])?ibmcloud(?:-sim)?(?:\.exe|\.js)?$/i.test(argv[0] ?? '');
  return (named ? redactArgv(argv) : ['ibmcloud', ...redactArgv(argv)]).join(' ');
}
