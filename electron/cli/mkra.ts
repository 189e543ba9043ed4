/** `mkra`: the command-line entry (serve, classify, verify, twin, version). */
// Each command is imported when it runs: `mkra classify` must not load the server, the PDF library
// or the signing code, so that it starts about as fast as node itself (npm run bench measures it).
import { printUsageError, UsageError } from './args.js';

const HELP = `MK Rotation Assistant command line

  mkra serve --demo [--port N] [--data-dir DIR]
      Serve the app in a browser on 127.0.0.1 with the simulator (demo mode only).
  mkra classify [--flow auto|keyparts|smartcard] [--registers FILE] [--signing-service] [--json] TRANSCRIPT...
      Classify the output of a failed rotation: phase, the next command, the forbidden ones,
      and the evidence lines. Exit 0 when classified, 2 for unusable input.
  mkra verify [--key FINGERPRINT|PUBLIC-KEY-FILE] REPORT.pdf|REPORT.json
      Check a signed report offline. Exit 0 valid (prints the signer fingerprint and a summary),
      1 invalid or tampered, 2 unreadable or not a report.
  mkra twin capture [--out FILE]
      Read your instances with read-only TKE commands and write a twin file (names, SKIs, settings,
      verification patterns; no key file contents, no passwords) to rehearse on the simulator with
      ibmcloud-sim sim reset --twin FILE. Exit 0 written, 1 a command failed, 2 usage or no CLI.
  mkra version
      Print the version.
  mkra help
      Print this help.
`;

/** Run one `mkra` invocation; resolves to the exit code (serve keeps running until a signal). */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve': {
        const { runServe } = await import('./serve.js');
        const host = await runServe(rest, process.env, (line) => process.stdout.write(line + '\n'));
        await new Promise<void>((resolve) => {
          const stop = () => void host.close().then(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        // A killed CLI's terminal can hold the event loop for a moment; do not let it hang shutdown.
        setTimeout(() => process.exit(0), 500).unref();
        return 0;
      }
      case 'classify': {
        const { nodeClassifyIo, runClassify } = await import('./classify.js');
        return await runClassify(rest, nodeClassifyIo());
      }
      case 'verify': {
        const { nodeVerifyIo, runVerify } = await import('./verify.js');
        return await runVerify(rest, nodeVerifyIo());
      }
      case 'twin': {
        const { nodeTwinIo, runTwin } = await import('./twin.js');
        return await runTwin(rest, nodeTwinIo(process.env));
      }
      case 'version':
      case '--version': {
        const { packageInfo } = await import('../backend/package-info.js');
        process.stdout.write(packageInfo().version + '\n');
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(HELP);
        return 0;
      default:
        throw new UsageError(`unknown command: ${command}. Run mkra help.`);
    }
  } catch (error) {
    if (error instanceof UsageError) return printUsageError('mkra', error, (s) => process.stderr.write(s));
    process.stderr.write(`mkra: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
