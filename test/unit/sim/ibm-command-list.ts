/**
 * IBM's TKE command table [hs-crypto: hs-crypto-cli.md], copied by hand for the walk in
 * command-table.test.ts: per command, the page that documents its prompts, a set-up that makes it
 * runnable, and the prompts and signatures the documentation gives (inferred wordings are the
 * catalogue's, docs/ibm-strings.md section 10).
 */
import { INFERRED_LINES as L } from '../../../shared/tke/catalogue-inferred.js';
import { FAILOVER_SCREEN as F, INIT_SCREEN as I } from '../../../shared/tke/catalogue-screens.js';
import * as M from '../../../shared/tke/messages.js';

export const SIG = M.SIGKEY_PASSWORD_PROMPT;
export const PW = 'passw0rd';
const ZEROIZE: Setup = ['tke cryptounit-zeroize', [PW]];
const LOAD: Setup = ['tke cryptounit-mk-load', ['1 2', PW, PW, PW]];
const COMMIT: Setup = ['tke cryptounit-mk-commit', [PW, PW]];
const ADD_ADMIN3: Setup = ['tke sigkey-add', ['admin3', 'pw3', 'pw3']];
export type Setup = [words: string, answers: string[]];

export interface Row {
  /** The words after `ibmcloud`. */
  run: string;
  /** The IBM page that documents the command's prompts (or the command table when none does). */
  page: string;
  scenario?: 'default' | 'key-parts' | 'several-instances';
  setup?: Setup[];
  /** Answers by prompt text, in order of asking for a prompt asked more than once. */
  answers?: Record<string, string | string[]>;
  prompts: string[];
  /** Signature key passwords that sign the command (the others open a key file). */
  signatures: number;
}

const T = 'hs-crypto-cli.md';
const INIT_CLI = 'initialize-hsm-cli.md';
const RECOVERY_INIT = 'initialize-hsm-cli-recovery-crypto-unit.md';

export const IBM_TABLE: Row[] = [
  {
    run: 'tke auto-init',
    page: RECOVERY_INIT,
    scenario: 'several-instances',
    setup: [ZEROIZE, ADD_ADMIN3],
    answers: { [I.adminsPrompt.text]: '3', [I.sigkeysPrompt.text]: '1 2' },
    prompts: [
      I.instancePrompt.text,
      I.signaturePrompt.text,
      I.revocationPrompt.text,
      I.adminsPrompt.text,
      I.sigkeysPrompt.text,
      SIG,
      SIG,
      L.sigkeyNamePrompt.text,
      L.sigkeyNewPassword.text,
      M.NEW_PASSWORD_CONFIRM_PROMPT,
    ],
    signatures: 0,
  },
  {
    run: 'tke auto-mk-rotate',
    page: 'rotate-master-key-recovery-crypto-unit.md',
    scenario: 'several-instances',
    prompts: [M.INSTANCE_PROMPT, SIG, SIG],
    signatures: 2,
  },
  {
    run: 'tke auto-recover',
    page: 'recover-master-key.md',
    setup: [
      ['tke cryptounit-rm', ['2 3 4']],
      ['tke cryptounit-mk-clrcur', [PW]],
      ['tke cryptounit-add', ['2 3 4']],
    ],
    prompts: [SIG, SIG],
    signatures: 2,
  },
  { run: 'tke', page: T, prompts: [], signatures: 0 },
  { run: 'tke cryptounit-add', page: INIT_CLI, prompts: [M.CRYPTOUNIT_ADD_PROMPT], signatures: 0 },
  {
    run: 'tke cryptounit-admin-add',
    page: INIT_CLI,
    setup: [ADD_ADMIN3],
    answers: { [SIG]: ['pw3', PW, PW] },
    prompts: [L.adminAddPrompt.text, SIG, SIG, SIG],
    signatures: 2,
  },
  {
    run: 'tke cryptounit-admin-rm',
    page: T,
    setup: [ADD_ADMIN3, ['tke cryptounit-admin-add', ['3', 'pw3', PW, PW]]],
    prompts: [L.adminRmPrompt.text, SIG, SIG],
    signatures: 2,
  },
  { run: 'tke cryptounit-admins', page: INIT_CLI, prompts: [], signatures: 0 },
  { run: 'tke cryptounit-compare', page: 'enable-mechanisms.md', prompts: [], signatures: 0 },
  {
    run: 'tke cryptounit-cp',
    page: T,
    answers: { [L.cpNumberPrompt.text]: '7', [L.cpSettingPrompt.text]: 'set' },
    prompts: [L.cpNumberPrompt.text, L.cpSettingPrompt.text, SIG, SIG],
    signatures: 2,
  },
  { run: 'tke cryptounit-cp-btc', page: 'enable-mechanisms.md', prompts: [SIG, SIG], signatures: 2 },
  { run: 'tke cryptounit-cp-eddsa', page: 'enable-mechanisms.md', prompts: [SIG, SIG], signatures: 2 },
  { run: 'tke cryptounit-cp-sig-other', page: 'enable-mechanisms.md', prompts: [SIG, SIG], signatures: 2 },
  {
    run: 'tke cryptounit-exit-impr',
    page: T,
    setup: [ZEROIZE, ['tke cryptounit-admin-add', ['1', PW]]],
    prompts: [SIG],
    signatures: 1,
  },
  { run: 'tke cryptounit-mk', page: T, prompts: [], signatures: 0 },
  { run: 'tke cryptounit-mk-clrcur', page: 'instance-initialization-overview.md', prompts: [SIG], signatures: 1 },
  { run: 'tke cryptounit-mk-clrnew', page: 'instance-initialization-overview.md', prompts: [SIG], signatures: 1 },
  {
    run: 'tke cryptounit-mk-commit',
    page: INIT_CLI,
    scenario: 'key-parts',
    setup: [LOAD],
    prompts: [SIG, SIG],
    signatures: 2,
  },
  {
    run: 'tke cryptounit-mk-load',
    page: INIT_CLI,
    scenario: 'key-parts',
    prompts: [M.MKPART_SELECT_PROMPT, SIG, M.MKPART_PASSWORD_PROMPT, M.MKPART_PASSWORD_PROMPT],
    signatures: 1,
  },
  {
    run: 'tke cryptounit-mk-rotate',
    page: 'rotate-master-key-key-files.md',
    scenario: 'key-parts',
    setup: [LOAD, COMMIT],
    prompts: [M.ROTATE_PRECHECK_CONFIRM, SIG],
    signatures: 1,
  },
  {
    run: 'tke cryptounit-mk-setimm',
    page: INIT_CLI,
    scenario: 'key-parts',
    setup: [LOAD, COMMIT],
    prompts: [M.SETIMM_CONFIRM, SIG],
    signatures: 1,
  },
  { run: 'tke cryptounit-rm', page: INIT_CLI, prompts: [M.CRYPTOUNIT_RM_PROMPT], signatures: 0 },
  {
    run: 'tke cryptounit-thrhld-set',
    page: INIT_CLI,
    prompts: [I.signaturePrompt.text, I.revocationPrompt.text, SIG, SIG],
    signatures: 2,
  },
  { run: 'tke cryptounit-thrhlds', page: INIT_CLI, prompts: [], signatures: 0 },
  { run: 'tke cryptounit-zeroize', page: 'delete-instance.md', prompts: [SIG], signatures: 1 },
  { run: 'tke cryptounits', page: INIT_CLI, prompts: [], signatures: 0 },
  {
    run: 'tke failover-enable',
    page: 'enable-failover.md',
    prompts: [F.countPrompt.text, F.confirm.text],
    signatures: 0,
  },
  {
    run: 'tke mk-add --value',
    page: INIT_CLI,
    prompts: [
      M.MKPART_VALUE_PROMPT,
      M.MKPART_DESCRIPTION_PROMPT,
      L.mkpartNewPassword.text,
      M.NEW_PASSWORD_CONFIRM_PROMPT,
    ],
    signatures: 0,
  },
  { run: 'tke mk-rm', page: T, scenario: 'key-parts', prompts: [L.mkRmPrompt.text], signatures: 0 },
  { run: 'tke mks', page: INIT_CLI, prompts: [], signatures: 0 },
  {
    run: 'tke sigkey-add',
    page: INIT_CLI,
    prompts: [L.sigkeyNamePrompt.text, L.sigkeyNewPassword.text, M.NEW_PASSWORD_CONFIRM_PROMPT],
    signatures: 0,
  },
  { run: 'tke sigkey-rm', page: T, prompts: [L.sigkeyRmPrompt.text], signatures: 0 },
  { run: 'tke sigkey-sel', page: INIT_CLI, prompts: [M.SIGKEY_SELECT_PROMPT, SIG, SIG], signatures: 0 },
  { run: 'tke sigkeys', page: INIT_CLI, prompts: [], signatures: 0 },
  { run: 'tke help', page: T, prompts: [], signatures: 0 },
];

/** Further documented cases: imprint mode (unsigned or signed by the new threshold) and the aliases. */
export const MORE_ROWS: Row[] = [
  {
    run: 'tke cryptounit-admin-add',
    page: 'instance-initialization-overview.md',
    setup: [ZEROIZE],
    answers: { [L.adminAddPrompt.text]: '1' },
    prompts: [L.adminAddPrompt.text, SIG],
    signatures: 0,
  },
  {
    run: 'tke cryptounit-thrhld-set',
    page: INIT_CLI,
    setup: [ZEROIZE, ['tke cryptounit-admin-add', ['1', PW]], ['tke cryptounit-admin-add', ['2', PW]]],
    prompts: [I.signaturePrompt.text, I.revocationPrompt.text, SIG, SIG],
    signatures: 2,
  },
  {
    run: 'tke cryptounit-zeroize',
    page: 'instance-initialization-overview.md',
    setup: [ZEROIZE],
    prompts: [],
    signatures: 0,
  },
  {
    run: 'tke mk-add --random',
    page: INIT_CLI,
    prompts: [M.MKPART_DESCRIPTION_PROMPT, L.mkpartNewPassword.text, M.NEW_PASSWORD_CONFIRM_PROMPT],
    signatures: 0,
  },
  {
    run: 'tke auto-mk-recover',
    page: 'recover-master-key.md',
    setup: [
      ['tke cryptounit-rm', ['1 2 3']],
      ['tke cryptounit-mk-clrcur', [PW]],
      ['tke cryptounit-add', ['1 2 3']],
    ],
    prompts: [SIG, SIG],
    signatures: 2,
  },
  { run: 'tke cryptounit-mks', page: 'troubleshooting-master-key-rotation-recovery.md', prompts: [], signatures: 0 },
  { run: 'tke h', page: T, prompts: [], signatures: 0 },
];

export const DEFAULTS: Record<string, string> = {
  [SIG]: PW,
  [M.MKPART_PASSWORD_PROMPT]: PW,
  [M.MKPART_SELECT_PROMPT]: '1 2',
  [M.MKPART_VALUE_PROMPT]: 'ab'.repeat(32),
  [M.MKPART_DESCRIPTION_PROMPT]: 'part-x',
  [M.INSTANCE_PROMPT]: '1',
  [I.instancePrompt.text]: '1',
  [I.signaturePrompt.text]: '2',
  [I.revocationPrompt.text]: '2',
  [I.adminsPrompt.text]: '2',
  [I.sigkeysPrompt.text]: '1 2',
  [M.CRYPTOUNIT_ADD_PROMPT]: '1',
  [M.CRYPTOUNIT_RM_PROMPT]: '4',
  [M.SIGKEY_SELECT_PROMPT]: '1 2',
  [M.ROTATE_PRECHECK_CONFIRM]: 'y',
  [M.SETIMM_CONFIRM]: 'y',
  [F.countPrompt.text]: '2',
  [F.confirm.text]: 'y',
  [L.adminAddPrompt.text]: '3',
  [L.sigkeyNamePrompt.text]: 'admin9',
  [L.sigkeyNewPassword.text]: 'pw9',
  [L.mkpartNewPassword.text]: 'pw9',
  [M.NEW_PASSWORD_CONFIRM_PROMPT]: 'pw9',
  [L.mkRmPrompt.text]: '3',
  [L.sigkeyRmPrompt.text]: '2',
};
