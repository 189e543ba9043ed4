/**
 * IBM's TKE command table, second half (`cryptounit-mk` to `help`), in the table's order
 * [hs-crypto: hs-crypto-cli.md]. Columns and sources as docs/tke-commands.md.
 */
import { INFERRED_LINES as L } from './catalogue-inferred.js';
import { FAILOVER_SCREEN as FAILOVER } from './catalogue-screens.js';
import { prompt, THRESHOLD_PROMPTS } from './command-rows-1.js';
import { CLI_TABLE, SIGNATURE_PROMPT, UNSIGNED, type CommandSpec, type SignatureSpec } from './command-spec.js';
import {
  CRYPTOUNIT_RM_PROMPT,
  MKPART_DESCRIPTION_PROMPT,
  MKPART_PASSWORD_PROMPT,
  MKPART_SELECT_PROMPT,
  MKPART_VALUE_PROMPT,
  NEW_PASSWORD_CONFIRM_PROMPT,
  ROTATE_PRECHECK_CONFIRM,
  SETIMM_CONFIRM,
  SIGKEY_SELECT_PROMPT,
} from './messages.js';

const OVERVIEW = 'hs-crypto: instance-initialization-overview.md';
const CLI_PAGE = 'hs-crypto: initialize-hsm-cli.md';
const KEY_FILES_PAGE = 'hs-crypto: rotate-master-key-key-files.md';
const PROSE = 'described in prose only';

/** Register commands that need one signature and are refused in imprint mode [overview]. */
const ONE_SIGNATURE: SignatureSpec = { imprint: 'refused', after: 'one', source: OVERVIEW };

const readOnly = <N extends string>(name: N, description: string, source = CLI_TABLE): CommandSpec & { name: N } => ({
  name,
  aliases: [],
  description,
  changes: ['read-only'],
  signatures: UNSIGNED,
  prompts: [],
  source,
});

export const COMMAND_ROWS_2 = [
  {
    ...readOnly('cryptounit-mk', 'Displays master key registers for the selected crypto units.'),
    aliases: ['cryptounit-mks'],
    source: `${CLI_TABLE}; hs-crypto: troubleshooting-master-key-rotation-recovery.md (named cryptounit-mks there)`,
  },
  {
    name: 'cryptounit-mk-clrcur',
    aliases: [],
    description: 'Clears the current master key register.',
    changes: ['hardware'],
    signatures: ONE_SIGNATURE,
    prompts: [SIGNATURE_PROMPT],
    source: `${CLI_TABLE}; hs-crypto: recover-master-key.md`,
  },
  {
    name: 'cryptounit-mk-clrnew',
    aliases: [],
    description: 'Clears the new master key register.',
    changes: ['hardware'],
    signatures: ONE_SIGNATURE,
    prompts: [SIGNATURE_PROMPT],
    source: CLI_TABLE,
  },
  {
    name: 'cryptounit-mk-commit',
    aliases: [],
    description: 'Commits the new master key register.',
    changes: ['hardware'],
    signatures: { imprint: 'refused', after: 'signature-threshold', source: `${OVERVIEW}; ${CLI_PAGE}` },
    prompts: [SIGNATURE_PROMPT],
    source: `${CLI_TABLE}; ${CLI_PAGE}`,
  },
  {
    name: 'cryptounit-mk-load',
    aliases: [],
    description: 'Loads the new master key register.',
    changes: ['hardware'],
    signatures: {
      ...ONE_SIGNATURE,
      source: `${CLI_PAGE} ("For this command, only one signature key is needed.")`,
      inferred:
        `${OVERVIEW} counts one signature per key part plus one for the importer key; ` +
        'the same administrator gives them all, so one key',
    },
    prompts: [
      prompt(MKPART_SELECT_PROMPT, CLI_PAGE, { inferred: PROSE }),
      SIGNATURE_PROMPT,
      prompt(MKPART_PASSWORD_PROMPT, CLI_PAGE, { secret: true, repeat: 'each key part', inferred: PROSE }),
    ],
    source: `${CLI_TABLE}; ${CLI_PAGE}`,
  },
  {
    name: 'cryptounit-mk-rotate',
    aliases: [],
    description:
      'Promotes the master key in the new master key register to the current master key register after rewrapping ' +
      'root keys and encryption keys in the key management keystore.',
    changes: ['hardware', 'key storage'],
    signatures: {
      ...ONE_SIGNATURE,
      source: KEY_FILES_PAGE,
      inferred: 'not stated; the page describes one signature key password',
    },
    prompts: [
      prompt(ROTATE_PRECHECK_CONFIRM, KEY_FILES_PAGE, { inferred: 'the page says only to type y' }),
      SIGNATURE_PROMPT,
    ],
    source: `${CLI_TABLE}; ${KEY_FILES_PAGE}`,
  },
  {
    name: 'cryptounit-mk-setimm',
    aliases: [],
    description: 'Does set immediate on the master key registers.',
    changes: ['hardware'],
    signatures: { ...ONE_SIGNATURE, source: `${OVERVIEW}; ${CLI_PAGE}` },
    prompts: [prompt(SETIMM_CONFIRM, CLI_PAGE, { inferred: PROSE }), SIGNATURE_PROMPT],
    source: `${CLI_TABLE}; ${CLI_PAGE}`,
  },
  {
    name: 'cryptounit-rm',
    aliases: [],
    description: 'Removes crypto units from the set of crypto units to work with.',
    changes: ['workstation'],
    signatures: UNSIGNED,
    prompts: [prompt(CRYPTOUNIT_RM_PROMPT, CLI_PAGE, { inferred: PROSE })],
    source: `${CLI_TABLE}; ${CLI_PAGE}`,
  },
  {
    name: 'cryptounit-thrhld-set',
    aliases: [],
    description: 'Sets the signature thresholds for the selected crypto units.',
    changes: ['hardware'],
    signatures: {
      imprint: 'new-signature-threshold',
      after: 'signature-threshold',
      source: `${OVERVIEW}; ${CLI_PAGE}`,
    },
    prompts: [
      ...THRESHOLD_PROMPTS(CLI_PAGE, 'the page describes the two values in prose; the wording is the auto-init one'),
      SIGNATURE_PROMPT,
    ],
    source: `${CLI_TABLE}; ${CLI_PAGE}`,
  },
  readOnly('cryptounit-thrhlds', 'Displays signature thresholds for the selected crypto units.'),
  {
    name: 'cryptounit-zeroize',
    aliases: [],
    description: 'Zeroizes the selected crypto units.',
    changes: ['hardware'],
    signatures: { imprint: 'none', after: 'one', source: `${OVERVIEW}; hs-crypto: delete-instance.md` },
    prompts: [{ ...SIGNATURE_PROMPT, when: 'a selected unit is out of imprint mode' }],
    source: `${CLI_TABLE}; hs-crypto: delete-instance.md`,
  },
  readOnly('cryptounits', 'Displays the crypto units for the current resource group.', `${CLI_TABLE}; ${CLI_PAGE}`),
  {
    name: 'failover-enable',
    aliases: [],
    description: 'Enable or add failover crypto units after you provision a service instance.',
    changes: ['assignment'],
    signatures: { ...UNSIGNED, source: 'hs-crypto: enable-failover.md' },
    prompts: [
      prompt(FAILOVER.countPrompt.text, 'hs-crypto: enable-failover.md (line 83)'),
      prompt(FAILOVER.confirm.text, 'hs-crypto: enable-failover.md (line 88)'),
    ],
    source: `${CLI_TABLE}; hs-crypto: enable-failover.md`,
  },
  {
    name: 'mk-add',
    aliases: [],
    description: 'Creates and saves a new EP11 master key part.',
    changes: ['workstation'],
    signatures: UNSIGNED,
    prompts: [
      prompt(MKPART_VALUE_PROMPT, CLI_PAGE, { secret: true, when: '--value', inferred: PROSE }),
      prompt(MKPART_DESCRIPTION_PROMPT, CLI_PAGE, { inferred: PROSE }),
      prompt(L.mkpartNewPassword.text, CLI_PAGE, { secret: true, inferred: PROSE }),
      prompt(NEW_PASSWORD_CONFIRM_PROMPT, CLI_PAGE, { secret: true, inferred: 'the page asks for the password once' }),
    ],
    usage: '--random | --value',
    source: `${CLI_TABLE}; ${CLI_PAGE}`,
  },
  {
    name: 'mk-rm',
    aliases: [],
    description: 'Removes an EP11 master key part from this workstation.',
    changes: ['workstation'],
    deletesFiles: true,
    signatures: UNSIGNED,
    prompts: [prompt(L.mkRmPrompt.text, CLI_TABLE, { inferred: L.mkRmPrompt.inferred })],
    source: CLI_TABLE,
  },
  readOnly('mks', 'Lists EP11 master key parts that are stored on this workstation.'),
  {
    name: 'sigkey-add',
    aliases: [],
    description: 'Generates and saves a new signature key.',
    changes: ['workstation'],
    signatures: UNSIGNED,
    prompts: [
      prompt(L.sigkeyNamePrompt.text, CLI_PAGE, { inferred: PROSE }),
      prompt(L.sigkeyNewPassword.text, CLI_PAGE, { secret: true, inferred: PROSE }),
      prompt(NEW_PASSWORD_CONFIRM_PROMPT, CLI_PAGE, { secret: true, inferred: 'the page asks for the password once' }),
    ],
    source: `${CLI_TABLE}; ${CLI_PAGE}`,
  },
  {
    name: 'sigkey-rm',
    aliases: [],
    description: 'Removes a signature key from this workstation.',
    changes: ['workstation'],
    deletesFiles: true,
    signatures: UNSIGNED,
    prompts: [prompt(L.sigkeyRmPrompt.text, CLI_TABLE, { inferred: L.sigkeyRmPrompt.inferred })],
    source: CLI_TABLE,
  },
  {
    name: 'sigkey-sel',
    aliases: [],
    description: 'Selects the signature keys to use to sign commands.',
    changes: ['workstation'],
    signatures: UNSIGNED,
    prompts: [
      prompt(SIGKEY_SELECT_PROMPT, CLI_PAGE, { inferred: PROSE }),
      {
        ...SIGNATURE_PROMPT,
        repeat: 'each key file',
        source: `${CLI_PAGE} ("enter the passwords for the signature key files")`,
      },
    ],
    source: `${CLI_TABLE}; ${CLI_PAGE}`,
  },
  readOnly('sigkeys', 'Lists the signature keys that are stored on this workstation.'),
  { ...readOnly('help', 'Shows help.'), aliases: ['h'], usage: '[command]' },
] as const satisfies readonly CommandSpec[];
