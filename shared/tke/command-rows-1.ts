/**
 * IBM's TKE command table, first half (`auto-init` to `cryptounit-exit-impr`), in the table's order
 * [hs-crypto: hs-crypto-cli.md]. Columns and sources as docs/tke-commands.md.
 */
import { INFERRED_LINES as L } from './catalogue-inferred.js';
import { INIT_SCREEN as INIT } from './catalogue-screens.js';
import {
  CLI_TABLE,
  KEY_FILE_PASSWORD_PROMPT,
  SIGNATURE_PROMPT,
  UNSIGNED,
  type CommandSpec,
  type PromptSpec,
  type SignatureSpec,
} from './command-spec.js';
import { CRYPTOUNIT_ADD_PROMPT, INSTANCE_PROMPT, NEW_PASSWORD_CONFIRM_PROMPT } from './messages.js';

const OVERVIEW = 'hs-crypto: instance-initialization-overview.md';
const INIT_PAGE = 'hs-crypto: initialize-hsm-cli-recovery-crypto-unit.md';
const CLI_PAGE = 'hs-crypto: initialize-hsm-cli.md';

const prompt = (text: string, source: string, extra: Partial<PromptSpec> = {}): PromptSpec => ({
  text,
  secret: false,
  repeat: 'once',
  source,
  ...extra,
});

/** The instance choice of the commands that pick an instance themselves. */
const INSTANCE_CHOICE = prompt(INSTANCE_PROMPT, 'hs-crypto: rotate-master-key-recovery-crypto-unit.md', {
  when: 'several service instances in the resource group',
  inferred: 'only the auto-init wording is published (instance-prompt-init)',
});

const PROSE = 'no screen shows the prompts for new signature key files; they are the ones sigkey-add asks';

/** Asked for each new signature key file auto-init creates (as sigkey-add asks). */
const NEW_KEY_PROMPTS: readonly PromptSpec[] = [
  prompt(L.sigkeyNamePrompt.text, INIT_PAGE, { repeat: 'each new key file', inferred: PROSE }),
  prompt(L.sigkeyNewPassword.text, INIT_PAGE, { secret: true, repeat: 'each new key file', inferred: PROSE }),
  prompt(NEW_PASSWORD_CONFIRM_PROMPT, INIT_PAGE, { secret: true, repeat: 'each new key file', inferred: PROSE }),
];

const THRESHOLD_PROMPTS = (source: string, inferred?: string): PromptSpec[] => [
  prompt(INIT.signaturePrompt.text, source, inferred === undefined ? {} : { inferred }),
  prompt(INIT.revocationPrompt.text, source, inferred === undefined ? {} : { inferred }),
];

/** Control point commands: not in imprint mode, then the current signature threshold [overview]. */
const CONTROL_POINT_SIGNATURES: SignatureSpec = { imprint: 'refused', after: 'signature-threshold', source: OVERVIEW };

const cpRow = <N extends string>(name: N, description: string, controlPoint: string): CommandSpec & { name: N } => ({
  name,
  aliases: [],
  description,
  changes: ['hardware'],
  signatures: CONTROL_POINT_SIGNATURES,
  prompts: [SIGNATURE_PROMPT],
  source: `${CLI_TABLE}; hs-crypto: enable-mechanisms.md (control point ${controlPoint})`,
});

export const COMMAND_ROWS_1 = [
  {
    name: 'auto-init',
    aliases: [],
    description: 'Automatically initializes the service instance.',
    changes: ['hardware', 'workstation'],
    signatures: {
      imprint: 'none',
      after: 'refused',
      source: INIT_PAGE,
      inferred:
        'the administrators it installs sign its own steps with the passwords it asks; units not in imprint mode ' +
        'are an error',
    },
    prompts: [
      prompt(INIT.instancePrompt.text, INIT_PAGE, { when: 'several service instances in the resource group' }),
      ...THRESHOLD_PROMPTS(INIT_PAGE),
      prompt(INIT.adminsPrompt.text, INIT_PAGE),
      prompt(INIT.sigkeysPrompt.text, INIT_PAGE),
      { ...KEY_FILE_PASSWORD_PROMPT, source: INIT_PAGE },
      ...NEW_KEY_PROMPTS,
    ],
    source: `${CLI_TABLE}; ${INIT_PAGE}`,
  },
  {
    name: 'auto-mk-rotate',
    aliases: [],
    description: 'Automatically rotates the master key with a randomly generated master key value in the recovery HSM.',
    changes: ['hardware', 'key storage'],
    signatures: {
      imprint: 'refused',
      after: 'signature-threshold',
      source: 'hs-crypto: rotate-master-key-recovery-crypto-unit.md',
      inferred: 'not stated: it commits a master key, which needs the signature threshold',
    },
    prompts: [INSTANCE_CHOICE, SIGNATURE_PROMPT],
    source: `${CLI_TABLE}; hs-crypto: rotate-master-key-recovery-crypto-unit.md`,
  },
  {
    name: 'auto-recover',
    aliases: ['auto-mk-recover'],
    description:
      'Automatically copies the current master key value from the recovery HSM to other crypto units in the same ' +
      'resource group.',
    changes: ['hardware'],
    signatures: {
      imprint: 'refused',
      after: 'signature-threshold',
      source: 'hs-crypto: recover-master-key.md; tke-sdk: tkesdk/update.go:389-444',
      inferred: 'not stated; the SDK’s transfer needs the signature threshold for export and commit',
    },
    prompts: [SIGNATURE_PROMPT],
    source: `${CLI_TABLE}; hs-crypto: recover-master-key.md (named auto-mk-recover there)`,
  },
  {
    name: 'tke',
    aliases: [],
    description: 'Manages crypto units in the IBM Cloud.',
    changes: ['read-only'],
    signatures: UNSIGNED,
    prompts: [],
    source: CLI_TABLE,
  },
  {
    name: 'cryptounit-add',
    aliases: [],
    description: 'Adds crypto units to the set of crypto units to work with.',
    changes: ['workstation'],
    signatures: UNSIGNED,
    prompts: [prompt(CRYPTOUNIT_ADD_PROMPT, CLI_PAGE, { inferred: 'described in prose only' })],
    source: `${CLI_TABLE}; ${CLI_PAGE}`,
  },
  {
    name: 'cryptounit-admin-add',
    aliases: [],
    description: 'Adds a crypto unit administrator to the selected crypto units.',
    changes: ['hardware'],
    signatures: { imprint: 'none', after: 'signature-threshold', source: OVERVIEW },
    prompts: [
      prompt(L.adminAddPrompt.text, CLI_PAGE, { inferred: L.adminAddPrompt.inferred }),
      { ...KEY_FILE_PASSWORD_PROMPT, repeat: 'once', source: CLI_PAGE },
      { ...SIGNATURE_PROMPT, when: 'a selected unit is out of imprint mode' },
    ],
    source: `${CLI_TABLE}; ${CLI_PAGE}`,
  },
  {
    name: 'cryptounit-admin-rm',
    aliases: [],
    description: 'Removes a crypto unit administrator from the selected crypto units.',
    changes: ['hardware'],
    signatures: { imprint: 'none', after: 'revocation-threshold', source: OVERVIEW },
    prompts: [
      prompt(L.adminRmPrompt.text, CLI_TABLE, { inferred: L.adminRmPrompt.inferred }),
      { ...SIGNATURE_PROMPT, when: 'a selected unit is out of imprint mode' },
    ],
    source: CLI_TABLE,
  },
  {
    name: 'cryptounit-admins',
    aliases: [],
    description: 'Lists administrators installed in the selected crypto units.',
    changes: ['read-only'],
    signatures: UNSIGNED,
    prompts: [],
    source: CLI_TABLE,
  },
  {
    name: 'cryptounit-compare',
    aliases: [],
    description: 'Compares configuration settings of the selected crypto units.',
    changes: ['read-only'],
    signatures: UNSIGNED,
    prompts: [],
    source: `${CLI_TABLE}; hs-crypto: enable-mechanisms.md`,
  },
  {
    name: 'cryptounit-cp',
    aliases: [],
    description: 'Displays or changes the setting of a control point identified by numeric value.',
    changes: ['hardware'],
    signatures: {
      ...CONTROL_POINT_SIGNATURES,
      inferred: 'the table covers only the three cp-* commands; a change is signed like them, a display not at all',
    },
    prompts: [
      prompt(L.cpNumberPrompt.text, CLI_TABLE, { inferred: L.cpNumberPrompt.inferred }),
      prompt(L.cpSettingPrompt.text, CLI_TABLE, { inferred: L.cpSettingPrompt.inferred }),
      { ...SIGNATURE_PROMPT, when: 'the setting is changed' },
    ],
    source: CLI_TABLE,
  },
  cpRow('cryptounit-cp-btc', 'Enables bitcoin (BTC) related functions in the selected crypto units.', 'XCP_CPB_BTC'),
  cpRow(
    'cryptounit-cp-eddsa',
    'Enables Edwards-curve digital signature algorithms (EdDSA) functions in the selected crypto units.',
    'XCP_CPB_ALG_EC_25519',
  ),
  cpRow(
    'cryptounit-cp-sig-other',
    'Enables non-Elliptic-curve DSA, non-Edwards-curve DSA digital signature functions in the selected crypto units.',
    'XCP_CPB_ECDSA_OTHER',
  ),
  {
    name: 'cryptounit-exit-impr',
    aliases: [],
    description: 'Exits imprint mode in the selected crypto units. (Deprecated. Use cryptounit-thrhld-set instead.)',
    changes: ['hardware'],
    signatures: {
      imprint: 'new-signature-threshold',
      after: 'refused',
      source: CLI_PAGE,
      inferred: 'as leaving imprint mode with cryptounit-thrhld-set; it sets both thresholds to 1',
    },
    prompts: [SIGNATURE_PROMPT],
    source: `${CLI_TABLE}; hs-crypto: troubleshooting-change-signature-thresholds.md`,
  },
] as const satisfies readonly CommandSpec[];

export { THRESHOLD_PROMPTS, prompt };
