import { isSecretPrompt } from '../../../shared/parse/prompt-secrecy.js';
import { redactArgv, redactCredentialsDeep } from '../../../shared/security/credentials.js';

// `ibmcloud login` takes credentials as option values. The runner refuses such argv and the journal
// redacts them, but a report may be built from a journal written before either rule existed, or
// carry a command line in a classification reason or an evidence label: it redacts once more.
export { redactArgv };

/** The command as the user types it (`ibmcloud tke cryptounit-mk-rotate`), with credentials redacted. */
export function typedCommand(argv: readonly string[]): string {
  // The runner journals argv without the executable; older entries and imports may include it.
  const named = /^(?:.*[\\/])?ibmcloud(?:-sim)?(?:\.exe|\.js)?$/i.test(argv[0] ?? '');
  return (named ? redactArgv(argv) : ['ibmcloud', ...redactArgv(argv)]).join(' ');
}

/** Whether a journaled prompt kind asked for a secret, whose answer a report never shows. */
export function isSecretPromptKind(kind: string): boolean {
  return kind === 'password' || isSecretPrompt(kind);
}

/**
 * Every text of the report's content with credential values redacted (classification reasons and
 * evidence labels name commands, decisions quote them), the structure unchanged.
 */
export function redactContent<T>(content: T): T {
  return redactCredentialsDeep(content);
}
