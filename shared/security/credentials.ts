/**
 * Credentials on command lines: `ibmcloud login -p PASSWORD`, `--apikey KEY`, `--password=...`,
 * `IBMCLOUD_API_KEY=... ibmcloud ...`. The runner refuses argv that carries one (it would sit in
 * the process list, the journal and the report); the journal, the import of pasted runs and the
 * report redact any that arrive anyway. One definition here, so the refusal and every redaction
 * agree on what a credential is.
 */

export const CREDENTIAL_REDACTED = '[redacted]';

/**
 * Options whose value is a credential, compared without leading dashes, in lower case, `_` as `-`.
 * The IBM Cloud CLI parses flags with Go's flag package, which takes `-apikey` as `--apikey`, so
 * `-p` and `--p` are the same flag. `-a` (API endpoint), `-u` (user) and `-c` (account) are not secret.
 */
const SECRET_OPTION_NAMES = new Set([
  'p',
  'pw',
  'password',
  'passwd',
  'passcode',
  'passphrase',
  'apikey',
  'api-key',
  'token',
  'access-token',
  'refresh-token',
  'iam-token',
  'cr-token',
  'secret',
  'client-secret',
]);

/** Fail safe: an option whose name merely contains one of these is treated as secret too. */
const SECRET_NAME_PART = /pass|apikey|api-key|token|secret/;

/**
 * `mk-add --value` is a flag (the key part is typed at a hidden prompt); a word after it is key
 * material typed where it does not belong.
 */
const VALUE_OPTION = 'value';

/** Environment variables that carry a credential (`IBMCLOUD_API_KEY`, `MY_TOKEN`, `DB_PASSWORD`). */
const SECRET_VARIABLE = /^[a-z0-9_]*(?:api_?key|apikey|password|passwd|passcode|passphrase|token|secret)[a-z0-9_]*$/i;

function optionName(word: string): string | undefined {
  const m = /^--?([A-Za-z][\w-]*)(?:=|$)/.exec(word);
  return m?.[1]?.toLowerCase().replace(/_/g, '-');
}

function isSecretOptionName(name: string): boolean {
  return SECRET_OPTION_NAMES.has(name) || SECRET_NAME_PART.test(name);
}

/** Single-dash flags starting with `p` that are not a password glued to `-p`. */
const P_FLAGS = new Set(['profile']);

/** `-pSECRET`: Go's flag package rejects it (and prints it back), but a user may well type it. */
function attachedPassword(word: string): boolean {
  return /^-p[^-=]/i.test(word) && !P_FLAGS.has(word.slice(1).toLowerCase());
}

/** `NAME=value` where NAME names a credential variable; undefined otherwise. */
function secretAssignment(word: string): string | undefined {
  const eq = word.indexOf('=');
  if (eq <= 0 || word.startsWith('-')) return undefined;
  const name = word.slice(0, eq).replace(/^\$env:/i, '');
  return SECRET_VARIABLE.test(name) ? name : undefined;
}

/**
 * The first word of argv that carries a credential, described without any of the user's text
 * (`-p`, `--apikey`, `IBMCLOUD_API_KEY=`, or a generic description), or undefined when there is none.
 */
export function credentialIn(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (attachedPassword(word)) return '-p';
    const name = optionName(word);
    if (name !== undefined && SECRET_OPTION_NAMES.has(name)) return name.length === 1 ? `-${name}` : `--${name}`;
    if (name !== undefined && isSecretOptionName(name)) return 'an option named like a credential';
    const next = argv[i + 1];
    if (name === VALUE_OPTION && (word.includes('=') || (next !== undefined && !next.startsWith('-'))))
      return '--value with a value';
    if (secretAssignment(word) !== undefined) return 'a credential variable assignment (NAME=value)';
  }
  return undefined;
}

/** True when this argv word is the value of the credential option before it. */
function valueOfPrevious(argv: readonly string[], i: number): boolean {
  const before = argv[i - 1];
  if (before === undefined || before.includes('=') || attachedPassword(before)) return false;
  const name = optionName(before);
  if (name === undefined) return false;
  return SECRET_OPTION_NAMES.has(name) || (name === VALUE_OPTION && !(argv[i] ?? '').startsWith('-'));
}

/** Replaces credential values in argv (`--apikey KEY`, `-p=PASS`, `TOKEN=x`) with `[redacted]`. */
export function redactArgv(argv: readonly string[]): string[] {
  return argv.map((word, i) => {
    if (valueOfPrevious(argv, i) || attachedPassword(word))
      return attachedPassword(word) ? `-p${CREDENTIAL_REDACTED}` : CREDENTIAL_REDACTED;
    const name = optionName(word);
    const eq = word.indexOf('=');
    if (name !== undefined && (SECRET_OPTION_NAMES.has(name) || name === VALUE_OPTION))
      return eq >= 0 ? `${word.slice(0, eq)}=${CREDENTIAL_REDACTED}` : word;
    // A flag whose own name looks like a credential may be one typed in the wrong place.
    if (name !== undefined && isSecretOptionName(name)) return CREDENTIAL_REDACTED;
    if (secretAssignment(word) !== undefined) return `${word.slice(0, eq)}=${CREDENTIAL_REDACTED}`;
    return word;
  });
}

// A value as a shell shows it: quoted (either quote) or up to the next blank.
const VALUE = String.raw`(?:"[^"]*"?|'[^']*'?|[^\s"']+)`;
const OPTION_IN_TEXT = new RegExp(String.raw`(^|[\s(\[{])(--?[A-Za-z][\w-]*)(=|[ \t]+)(${VALUE})`, 'g');
const ASSIGNMENT_IN_TEXT = new RegExp(String.raw`(^|[^\w])((?:\$env:)?[A-Za-z_][\w]*)([ \t]*=[ \t]*)(${VALUE})`, 'g');
const SETX_IN_TEXT = new RegExp(String.raw`(\bsetx[ \t]+)([A-Za-z_]\w*)([ \t]+)(${VALUE})`, 'gi');

/**
 * Redacts credential values in a line of text (a captured shell line, an output line, a label):
 * `--apikey KEY`, `-p PASS`, `--password="a b"`, `IBMCLOUD_API_KEY=...`, `$env:IBMCLOUD_API_KEY = "..."`,
 * `setx IBMCLOUD_API_KEY ...`. The rest of the line is kept, so a command stays recognisable.
 */
export function redactCredentialText(line: string): string {
  let out = line;
  // Cheap tests first: most output lines hold no option, no assignment and no setx.
  if (/(?:^|[\s([{])-/.test(out)) {
    out = out.replace(OPTION_IN_TEXT, (all, lead: string, option: string, sep: string, value: string) => {
      const name = optionName(option) ?? '';
      if (!isSecretOptionName(name) && !(name === VALUE_OPTION && /^[0-9a-f]{16,}$/i.test(value))) return all;
      return `${lead}${option}${sep}${CREDENTIAL_REDACTED}`;
    });
    out = out.replace(/(^|[\s([{])(-p[^\s-=]\S*)/gi, (all, lead: string, word: string) =>
      attachedPassword(word) && word.slice(2) !== CREDENTIAL_REDACTED ? `${lead}-p${CREDENTIAL_REDACTED}` : all,
    );
  }
  if (out.includes('=')) {
    out = out.replace(ASSIGNMENT_IN_TEXT, (all, lead: string, name: string, sep: string) =>
      SECRET_VARIABLE.test(name.replace(/^\$env:/i, '')) ? `${lead}${name}${sep}${CREDENTIAL_REDACTED}` : all,
    );
  }
  if (/setx/i.test(out))
    out = out.replace(SETX_IN_TEXT, (all, lead: string, name: string, sep: string) =>
      SECRET_VARIABLE.test(name) ? `${lead}${name}${sep}${CREDENTIAL_REDACTED}` : all,
    );
  return out;
}

/** Every string inside a JSON value passed through `redactCredentialText` (structure unchanged). */
export function redactCredentialsDeep<T>(value: T): T {
  if (typeof value === 'string') return redactCredentialText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactCredentialsDeep(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactCredentialsDeep(item)])) as T;
  }
  return value;
}
