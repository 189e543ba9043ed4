/**
 * The catalogue continued (shared/tke/catalogue.ts): prompts and lines of the commands whose screens
 * IBM does not publish. Every entry is `inferred`: the documentation describes the step in prose (cited
 * in `source`), the simulator prints this wording, and parsers must not rely on it (docs/ibm-strings.md,
 * section 10).
 */
import type { CatalogueEntry } from './catalogue.js';

const PROSE = 'the page describes the step in prose; no screen is published';

export const INFERRED_LINES = {
  adminAddPrompt: {
    id: 'admin-add-key-prompt',
    text: 'Enter the KEYNUM of the signature key file of the administrator to add:',
    meaning: 'cryptounit-admin-add: which signature key file becomes an administrator (its password is asked next).',
    source:
      'hs-crypto: initialize-hsm-cli.md ("select the signature key file that is associated with the crypto unit ' +
      'administrator to be added")',
    inferred: PROSE,
  },
  adminRmPrompt: {
    id: 'admin-rm-prompt',
    text: 'Enter the SUBJECT KEY IDENTIFIER of the administrator to remove:',
    meaning: 'cryptounit-admin-rm: which administrator to remove, by the SKI cryptounit-admins lists.',
    source: 'hs-crypto: hs-crypto-cli.md (the command removes an administrator; nothing else is published)',
    inferred: 'no page describes the command’s prompts',
  },
  sigkeyNamePrompt: {
    id: 'sigkey-name-prompt',
    text: 'Enter an administrator name to be associated with the signature key:',
    meaning: 'sigkey-add (and a new key in auto-init): the administrator name, at most 30 characters.',
    source:
      'hs-crypto: initialize-hsm-cli.md ("enter an administrator name and a password to protect the signature key ' +
      'file")',
    inferred: PROSE,
  },
  sigkeyNewPassword: {
    id: 'sigkey-new-password-prompt',
    text: 'Enter a password to protect the signature key:',
    meaning: 'sigkey-add (and a new key in auto-init): the new signature key file’s password; asked twice.',
    source: 'hs-crypto: initialize-hsm-cli.md ("a password to protect the signature key file")',
    inferred: PROSE,
  },
  mkpartNewPassword: {
    id: 'mkpart-new-password-prompt',
    text: 'Enter a password to protect the master key part file:',
    meaning: 'mk-add: the new key part file’s password; asked twice.',
    source: 'hs-crypto: initialize-hsm-cli.md ("a password to protect the key part file")',
    inferred: PROSE,
  },
  newSigkeysSummary: {
    id: 'autoinit-new-keys',
    text: 'You asked to install {admins} and selected {existing} to use.  {created} will be created.',
    meaning: 'auto-init summary when new signature key files are created for some administrators.',
    source: 'hs-crypto: initialize-hsm-cli-recovery-crypto-unit.md (line 141 shows the variant without new files)',
    inferred: 'only the variant without new signature key files is published',
  },
  notImprint: {
    id: 'autoinit-not-imprint',
    text: 'Crypto units {units} are not in imprint mode. auto-init initializes crypto units in imprint mode only.',
    meaning: 'auto-init refused before changing anything: the instance has units that are not zeroized.',
    source:
      'hs-crypto: initialize-hsm-cli-recovery-crypto-unit.md ("If not, an error is reported and the command ends.")',
    inferred: 'the error text is not published',
  },
  recoverNothing: {
    id: 'recover-nothing',
    text: 'The current master key registers of the selected crypto units are all set: there is nothing to recover.',
    meaning: 'auto-recover found no selected unit whose current register needs the value; nothing was changed.',
    source: 'hs-crypto: recover-master-key.md (the command copies the value to other current registers)',
    inferred: 'no output of the command is published',
  },
  cpNumberPrompt: {
    id: 'cp-number-prompt',
    text: 'Enter the number of the control point:',
    meaning: 'cryptounit-cp: the control point, identified by numeric value.',
    source:
      'hs-crypto: hs-crypto-cli.md ("Displays or changes the setting of a control point identified by numeric ' +
      'value.")',
    inferred: 'no page describes the command’s prompts',
  },
  cpSettingPrompt: {
    id: 'cp-setting-prompt',
    text: 'Enter set or reset to change the control point, or press Enter to leave it unchanged:',
    meaning: 'cryptounit-cp: whether to change the setting just displayed.',
    source: 'hs-crypto: hs-crypto-cli.md ("Displays or changes the setting")',
    inferred: 'no page describes the command’s prompts',
  },
  cpHeader: {
    id: 'cp-header',
    text: 'CRYPTO UNIT NUM   CONTROL POINT {number}',
    meaning: 'cryptounit-cp: the setting per selected unit, Set or Not Set as in cryptounit-compare.',
    source: 'hs-crypto: enable-mechanisms.md (the CONTROL POINTS section of cryptounit-compare)',
    inferred: 'the layout of the command’s own display is not published',
  },
  compareControlPoints: {
    id: 'compare-control-point-columns',
    text: 'CRYPTO UNIT NUM   XCP_CPB_BTC   XCP_CPB_ALG_EC_25519   XCP_CPB_ECDSA_OTHER',
    meaning: 'cryptounit-compare: the CONTROL POINTS section with the three control points IBM names.',
    source:
      'hs-crypto: enable-mechanisms.md (lines 57-61: one column per page, CRYPTO UNIT NUM then the control point)',
    inferred: 'each page shows one control point column; the simulator prints the three side by side',
  },
  mkRmPrompt: {
    id: 'mk-rm-prompt',
    text: 'Enter the KEYNUM of the master key part to remove:',
    meaning: 'mk-rm: which key part file to delete (it may be the only copy of that part).',
    source: 'hs-crypto: hs-crypto-cli.md ("Removes an EP11 master key part from this workstation.")',
    inferred: 'no page describes the command’s prompts',
  },
  sigkeyRmPrompt: {
    id: 'sigkey-rm-prompt',
    text: 'Enter the KEYNUM of the signature key to remove:',
    meaning: 'sigkey-rm: which signature key file to delete (without it, its administrator cannot sign).',
    source: 'hs-crypto: hs-crypto-cli.md ("Removes a signature key from this workstation.")',
    inferred: 'no page describes the command’s prompts',
  },
  exitImprDeprecated: {
    id: 'exit-impr-deprecated',
    text: 'Deprecated. Use cryptounit-thrhld-set instead.',
    meaning: 'cryptounit-exit-impr still works, setting both thresholds to 1.',
    source: 'hs-crypto: hs-crypto-cli.md (the command table marks it "Deprecated. Use cryptounit-thrhld-set instead.")',
    inferred:
      'that the command prints the table’s note is not published; thresholds of 1 are what plug-in 0.0.11 and older ' +
      'set (hs-crypto: troubleshooting-change-signature-thresholds.md)',
  },
  failoverWholeInstance: {
    id: 'failover-whole-instance',
    text: 'Select all crypto units of one service instance with cryptounit-add before you run failover-enable.',
    meaning: 'failover-enable refused before changing anything.',
    source: 'hs-crypto: enable-failover.md ("make sure that you select all the crypto units for the target instance")',
    inferred: 'the error text is not published',
  },
  failoverFull: {
    id: 'failover-full',
    text: 'The service instance already has {count} failover crypto units, one for each operational crypto unit.',
    meaning: 'failover-enable cannot add more failover units; nothing was changed.',
    source: 'hs-crypto: enable-failover.md ("you can have up to 2 failover crypto units" for 2 operational units)',
    inferred: 'the error text is not published',
  },
  cancelled: {
    id: 'operation-cancelled',
    text: 'Operation cancelled.',
    meaning: 'A confirmation was answered no: nothing was changed.',
    source: 'hs-crypto: initialize-hsm-cli.md ("type N to cancel")',
    inferred: 'no page shows what is printed after a cancel',
  },
  helpUsage: {
    id: 'help-layout',
    text: 'USAGE:',
    meaning: '`ibmcloud tke help` prints NAME, USAGE and the COMMANDS list of the command table.',
    source: 'hs-crypto: hs-crypto-cli.md ("tke help, tke h: Shows help.")',
    inferred: 'the help layout is not published; the simulator follows the IBM Cloud CLI’s NAME/USAGE/COMMANDS form',
  },
  signServTokenPrompt: {
    id: 'signserv-token-prompt',
    text: 'Enter the token for the signature key of the signing service named:',
    meaning: 'TKE_SIGNSERV_URL set: the token of a SIGNSERVKEYS entry that has none (a secret; the key name follows).',
    source:
      'hs-crypto: signing-service.md ("If you don\'t specify the `token` field ... you will be prompted to enter the token value")',
    inferred: PROSE,
  },
  signServKeyPrompt: {
    id: 'signserv-admin-key-prompt',
    text: 'Enter the signature key identifier of the administrator to add, as the signing service names it:',
    meaning:
      'cryptounit-admin-add with TKE_SIGNSERV_URL set: which signing service key becomes an administrator (its token is asked next).',
    source:
      'hs-crypto: signing-service.md ("this command prompts you to enter a signature key identifier and its corresponding access token")',
    inferred: PROSE,
  },
  signServKeysMissing: {
    id: 'signserv-keys-missing',
    text: 'The SIGNSERVKEYS file in the CLOUDTKEFILES directory is missing or is not a JSON array of entries with a "key" field.',
    meaning: 'TKE_SIGNSERV_URL set, but no usable key list: nothing was signed or sent.',
    source: 'hs-crypto: signing-service.md (step 2: the file and its format)',
    inferred: 'the error text is not published',
  },
  signServMessage: {
    id: 'signserv-service-message',
    text: 'Message: {message}',
    meaning: 'What the simulated signing service answers (Unauthorized, Not Found) after the SDK’s error line.',
    source: 'tke-sdk: common/submit.go:486-507 (the service’s own message follows "Message: ")',
    inferred: 'a signing service’s messages are its own; the simulator’s service answers with the HTTP reason phrase',
  },
  badAnswer: {
    id: 'sim-bad-answer',
    text: "'{answer}' is not {what}.",
    meaning: 'An answer the command cannot use: it fails before changing anything.',
    source: 'hs-crypto: initialize-hsm-cli.md (the ranges: thresholds 1 to 8, up to eight administrators)',
    inferred: 'no input error of the plug-in is published',
  },
} as const satisfies Record<string, CatalogueEntry>;
