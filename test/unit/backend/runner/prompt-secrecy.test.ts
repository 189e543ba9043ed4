/**
 * Every prompt the simulator prints, fed through the real PtyProcess the app runs commands with
 * (a fake terminal in place of node-pty), must come out masked exactly when it asks for a secret:
 * when the simulator itself reads the answer hidden, and as the table below says. A prompt the
 * simulator gains later fails here until someone decides whether it is secret.
 */
import { describe, expect, it } from 'vitest';
import {
  PtyProcess,
  type PendingPrompt,
  type ProcessListener,
} from '../../../../electron/backend/runner/pty-process.js';
import { isSecretPrompt, NOT_SECRET_PROMPTS } from '../../../../shared/parse/prompt-secrecy.js';
import { recogniseLine } from '../../../../shared/parse/recognise.js';
import {
  createMemorySim,
  runInProcess,
  runSim,
  type MemorySim,
  type ScenarioName,
  type SimIo,
  type SimState,
} from '../../../../shared/sim/index.js';
import { INFERRED_LINES as L } from '../../../../shared/tke/catalogue-inferred.js';
import { FAILOVER_SCREEN as FAILOVER, INIT_SCREEN as INIT } from '../../../../shared/tke/catalogue-screens.js';
import { COMMAND_TABLE } from '../../../../shared/tke/command-table.js';
import * as tke from '../../../../shared/tke/messages.js';
import { FakeTerminal } from './fake-terminal.js';

/** What the app must decide for each prompt the simulator prints. */
const EXPECTED: Record<string, boolean> = {
  Email: false,
  Password: true,
  [tke.INSTANCE_PROMPT]: false,
  [tke.SIGKEY_PASSWORD_PROMPT]: true,
  [tke.SIGKEY_SELECT_PROMPT]: false,
  [tke.MKPART_SELECT_PROMPT]: false,
  [tke.MKPART_PASSWORD_PROMPT]: true,
  [tke.MKPART_VALUE_PROMPT]: true,
  [tke.MKPART_DESCRIPTION_PROMPT]: false,
  [tke.NEW_PASSWORD_CONFIRM_PROMPT]: true,
  'Enter a password to protect the signature key:': true,
  'Enter a password to protect the master key part file:': true,
  'Enter an administrator name to be associated with the signature key:': false,
  [tke.CRYPTOUNIT_ADD_PROMPT]: false,
  [tke.CRYPTOUNIT_RM_PROMPT]: false,
  [tke.ROTATE_PRECHECK_CONFIRM]: false,
  [tke.SETIMM_CONFIRM]: false,
  // The rest of IBM's command table (auto-init, administrators, thresholds, control points, failover, removals).
  [INIT.instancePrompt.text]: false,
  [INIT.signaturePrompt.text]: false,
  [INIT.revocationPrompt.text]: false,
  [INIT.adminsPrompt.text]: false,
  [INIT.sigkeysPrompt.text]: false,
  [L.adminAddPrompt.text]: false,
  [L.adminRmPrompt.text]: false,
  [L.cpNumberPrompt.text]: false,
  [L.cpSettingPrompt.text]: false,
  [L.mkRmPrompt.text]: false,
  [L.sigkeyRmPrompt.text]: false,
  'Enter the total number of failover crypto units you would like (max 2):': false,
  [FAILOVER.confirm.text]: false,
};

const ANSWERS: [RegExp, string][] = [
  [/^Email/, 'admin@example.com'],
  [/existing signature key files you want to use/, '1 2'],
  [/number of administrators/, '3'],
  [/number of signatures to be required/, '2'],
  [/KEYNUM of the signature key file of the administrator/, '3'],
  [/SUBJECT KEY IDENTIFIER/, 'ab'],
  [/number of the control point/, '7'],
  [/set or reset/, 'set'],
  [/KEYNUM of the master key part to remove/, '3'],
  [/KEYNUM of the signature key to remove/, '2'],
  [/failover crypto units you would like/, '2'],
  [/\[y\/n\]/, 'y'],
  [/INSTANCE NUM/, '1'],
  [/KEYNUM values of the master key parts/, '1 2'],
  [/KEYNUM values of the signature keys/, '1 2'],
  [/CRYPTO UNIT NUM values to add/, '1'],
  [/CRYPTO UNIT NUM values to remove/, '4'],
  [/key part value/, 'ab'.repeat(32)],
  [/description/, 'part-x'],
  [/administrator name/, 'admin9'],
  [/\(y\/N\)/, 'y'],
  [/password|Password/, 'passw0rd'],
];

interface Seen {
  text: string;
  app: PendingPrompt;
  hidden: boolean;
}

/** Run one simulator command through PtyProcess; returns every prompt with the app's decision. */
async function promptsOf(sim: MemorySim, argv: string[]): Promise<Seen[]> {
  const terminal = new FakeTerminal();
  const seen: Seen[] = [];
  const box: { last: PendingPrompt | null } = { last: null };
  const listener: ProcessListener = {
    line: () => undefined,
    milestone: () => undefined,
    prompt: (p) => (box.last = p),
    hang: () => undefined,
    exit: () => undefined,
  };
  const proc = new PtyProcess(
    { file: 'ibmcloud', args: argv, env: {}, cwd: '/', hangAfterMs: 3_600_000 },
    listener,
    () => terminal.pty,
  );
  const io: SimIo = {
    print: (line) => terminal.emit(`${line}\r\n`),
    readLine: async (prompt, hidden) => {
      box.last = null;
      terminal.emit(prompt);
      const app = box.last as PendingPrompt | null;
      if (app === null) throw new Error(`the app saw no prompt at ${JSON.stringify(prompt)}`);
      const text = app.text;
      seen.push({ text, app, hidden });
      const answer = ANSWERS.find(([re]) => re.test(text))?.[1] ?? '';
      proc.answer(answer);
      // A terminal echoes what it was not told to hide.
      terminal.emit(hidden ? '\r\n' : `${answer}\r\n`);
      return answer;
    },
    sleep: async () => undefined,
    persist: async (state: SimState) => void state,
    crash: async () => {
      throw new Error('no crash in this test');
    },
  };
  const code = await runSim({ state: sim.state, io, ws: sim.ws, now: sim.now, fault: undefined }, argv);
  terminal.exit(code);
  return seen;
}

type Setup = [words: string, answers: string[]];
const ZEROIZE: Setup = ['tke cryptounit-zeroize', ['passw0rd']];
const CLEARED_UNIT_1: Setup[] = [
  ['tke cryptounit-rm', ['2 3 4']],
  ['tke cryptounit-mk-clrcur', ['passw0rd']],
  ['tke cryptounit-add', ['2 3 4']],
];

const RUNS: [ScenarioName, string, Setup[]?][] = [
  ['default', 'login'],
  ['default', 'tke cryptounit-add'],
  ['default', 'tke cryptounit-rm'],
  ['default', 'tke sigkey-sel'],
  ['default', 'tke sigkey-add'],
  ['default', 'tke mk-add --random'],
  ['default', 'tke mk-add --value'],
  ['key-parts', 'tke cryptounit-mk-load'],
  ['key-parts', 'tke cryptounit-mk-commit'],
  ['default', 'tke cryptounit-mk-rotate'],
  ['default', 'tke cryptounit-mk-setimm'],
  ['default', 'tke cryptounit-mk-clrnew'],
  ['several-instances', 'tke auto-mk-rotate'],
  ['several-instances', 'tke auto-init', [ZEROIZE]],
  ['default', 'tke auto-recover', CLEARED_UNIT_1],
  ['default', 'tke cryptounit-admin-add', [['tke sigkey-add', ['admin3', 'passw0rd', 'passw0rd']]]],
  ['default', 'tke cryptounit-admin-rm'],
  ['default', 'tke cryptounit-cp'],
  ['default', 'tke cryptounit-cp-btc'],
  ['default', 'tke cryptounit-exit-impr', [ZEROIZE, ['tke cryptounit-admin-add', ['1', 'passw0rd']]]],
  ['default', 'tke cryptounit-mk-clrcur'],
  ['default', 'tke cryptounit-thrhld-set'],
  ['default', 'tke cryptounit-zeroize'],
  ['default', 'tke failover-enable'],
  ['key-parts', 'tke mk-rm'],
  ['default', 'tke sigkey-rm'],
];

describe('secret prompts, decided by the runner for every prompt the simulator prints', () => {
  it('masks exactly the prompts the simulator reads hidden, and no prompt is missing from the table', async () => {
    const texts = new Set<string>();
    for (const [scenario, words, setup] of RUNS) {
      const sim = await createMemorySim(scenario, { keys: 30, seed: 7, now: () => 1_700_000_000_000 });
      for (const [w, answers] of setup ?? []) {
        expect((await runInProcess(sim, w.split(' '), { answers })).exitCode).toBe(0);
      }
      for (const { text, app, hidden } of await promptsOf(sim, words.split(' '))) {
        texts.add(text);
        expect(EXPECTED[text], `prompt not in the table: ${text}`).toBeDefined();
        expect({ text, secret: app.secret, hidden }).toEqual({ text, secret: EXPECTED[text], hidden: EXPECTED[text] });
        expect(app.kind === 'password').toBe(app.secret);
      }
    }
    expect([...texts].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('recognises every prompt of the command table as a prompt, secret exactly as the table says', () => {
    for (const spec of COMMAND_TABLE.flatMap((row) => row.prompts)) {
      const text = spec.text.replace(/\{\w+\}/g, '2');
      const prompt = recogniseLine(text).prompt;
      expect(prompt, text).toBeDefined();
      const decided = { text, secret: isSecretPrompt(text), masked: prompt?.kind === 'password' };
      expect(decided).toEqual({ text, secret: spec.secret, masked: spec.secret });
    }
  });

  it('fails safe: any wording that mentions a secret is secret unless it is on the short list', () => {
    for (const text of [
      'Enter your passphrase:',
      'PIN:',
      'Enter the API key:',
      'Paste the apikey:',
      'Token:',
      'Enter the secret:',
      'Re-enter the password to confirm:',
      'Enter the key part value:',
      'Enter the KEYNUM of the key part to load now:',
      'Password',
    ]) {
      expect(isSecretPrompt(text), text).toBe(true);
    }
    for (const text of [
      ...NOT_SECRET_PROMPTS,
      'Email',
      tke.INSTANCE_PROMPT,
      tke.SETIMM_CONFIRM,
      'Enter the CRYPTO UNIT NUM values to add, separated by spaces:',
    ]) {
      expect(isSecretPrompt(text), text).toBe(false);
    }
  });

  it('treats an unrecognised question before the mark as the prompt, masked when it mentions a secret', async () => {
    const terminal = new FakeTerminal();
    const prompts: PendingPrompt[] = [];
    new PtyProcess(
      { file: 'x', args: [], env: {}, cwd: '/', hangAfterMs: 3_600_000 },
      {
        line: () => undefined,
        milestone: () => undefined,
        prompt: (p) => prompts.push(p),
        hang: () => undefined,
        exit: () => undefined,
      },
      () => terminal.pty,
    );
    terminal.emit('Please type the passphrase of the file below\r\n> ');
    expect(prompts[0]).toMatchObject({
      secret: true,
      kind: 'password',
      text: 'Please type the passphrase of the file below',
    });
  });
});
