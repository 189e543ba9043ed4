/**
 * Recognises the shell line that started a command (`$ ibmcloud tke auto-mk-rotate`,
 * `PS C:\> ibmcloud tke ...`, `node bin/ibmcloud-sim.js tke ...`) in captured output.
 */

/** A command as a user typed it; `name` is `tke <subcommand>`, `login` or another verb. */
export interface ShellCommand {
  /** `auto-mk-rotate`, `cryptounit-mks`, ... for TKE commands; `login` etc. otherwise. */
  name: string;
  /** True for `ibmcloud tke <name>`. */
  tke: boolean;
  /** The text from `ibmcloud` on, as typed. */
  typed: string;
  /** True for an action in the TKE application (smart cards), not a CLI command. */
  app?: boolean;
}

const COMMAND = /(?:^|[\s/\\>$#%])ibmcloud(?:-sim)?(?:\.exe|\.js|\.cmd)?\s+(?:(tke)\s+)?([A-Za-z][\w-]*)(.*)$/;
// What may stand before `ibmcloud` on a command line: nothing, a shell prompt ending in one of
// `$ # % >`, or an interpreter such as `node bin/`.
const PROMPT_END = /[$#%>]$/;
const INTERPRETER = /(?:^|[$#%>]\s*)(?:node|npx|sudo|command|exec)$/;

/** Return the command started on this line, or undefined when the line is not a command line. */
export function parseCommandLine(text: string): ShellCommand | undefined {
  const at = text.indexOf('ibmcloud');
  if (at < 0) return undefined;
  const m = COMMAND.exec(text);
  if (m === null || m[2] === undefined) return undefined;
  const start = m.index + (m[0].startsWith('ibmcloud') ? 0 : 1);
  let prefix = text.slice(0, start).trimEnd();
  // `node bin/ibmcloud-sim.js`, `./ibmcloud`: drop the directory before judging the prefix.
  prefix = prefix.replace(/\S*[/\\]$/, '').trimEnd();
  const ok = prefix === '' || PROMPT_END.test(prefix) || INTERPRETER.test(prefix);
  if (!ok) return undefined;
  const tke = m[1] !== undefined;
  return { name: m[2].toLowerCase(), tke, typed: text.slice(start).trim() };
}

/**
 * An action in the TKE application, as an administrator records it beside the application's messages
 * (`Master keys tab: Rotate`, docs/analysis.md): the CLI command it corresponds to, typed as the
 * application's action. Undefined for any other line.
 */
const APP_ACTION = /^\s*(?:TKE application:\s*)?master keys tab:\s*(load|commit|rotate|set immediate|clear new)\b/i;
const APP_COMMAND: Readonly<Record<string, string>> = {
  load: 'cryptounit-mk-load',
  commit: 'cryptounit-mk-commit',
  rotate: 'cryptounit-mk-rotate',
  'set immediate': 'cryptounit-mk-setimm',
  'clear new': 'cryptounit-mk-clrnew',
};

export function parseAppAction(text: string): ShellCommand | undefined {
  const m = APP_ACTION.exec(text);
  const action = m?.[1]?.toLowerCase();
  const name = action === undefined ? undefined : APP_COMMAND[action];
  return name === undefined ? undefined : { name, tke: true, typed: `TKE application: ${action}`, app: true };
}
