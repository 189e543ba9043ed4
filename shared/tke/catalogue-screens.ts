/**
 * The catalogue continued (shared/tke/catalogue.ts): the two command screens IBM publishes in full,
 * `auto-init` and `failover-enable`, line by line (docs/ibm-strings.md, section 8). `{name}` marks a
 * part that varies; the source's example value is in `meaning`.
 */
import type { CatalogueEntry } from './catalogue.js';

const INIT = 'hs-crypto: initialize-hsm-cli-recovery-crypto-unit.md';
const FAILOVER = 'hs-crypto: enable-failover.md';

export const INIT_SCREEN = {
  instancePrompt: {
    id: 'instance-prompt-init',
    text: 'Enter the INSTANCE NUM of the service instance you want to initialize.',
    meaning: 'auto-init asks which instance to initialize (only when the resource group has several).',
    source: `${INIT} (line 64)`,
  },
  thresholdsTitle: {
    id: 'autoinit-thresholds-title',
    text: 'ENTER SIGNATURE THRESHOLD VALUES',
    meaning: 'auto-init step 2: the two signature thresholds follow.',
    source: `${INIT} (line 81)`,
  },
  signaturePrompt: {
    id: 'autoinit-sigthr-prompt',
    text:
      'Enter the number of signatures to be required on commands sent to the service instance.  ' +
      'This must be a number between 1 and 8.  To enforce dual control, this must be at least 2:',
    meaning: 'The signature threshold to set.',
    source: `${INIT} (line 83)`,
  },
  revocationPrompt: {
    id: 'autoinit-revthr-prompt',
    text:
      'Enter the number of signatures to be required on commands to remove an administrator.  ' +
      'This must be a number between 1 and 8.  To enforce dual control, this must be at least 2:',
    meaning: 'The revocation signature threshold to set.',
    source: `${INIT} (line 86)`,
  },
  adminsTitle: {
    id: 'autoinit-admins-title',
    text: 'ENTER NUMBER OF ADMINISTRATORS TO INSTALL',
    meaning: 'auto-init step 3: how many administrators to install.',
    source: `${INIT} (line 100)`,
  },
  adminsIntro1: {
    id: 'autoinit-admins-intro-1',
    text:
      'To initialize and maintain your crypto units, administrators  must be installed. Each administrator has an ' +
      'associated signature key. Signature keys are stored in files protected by a password. To use the ' +
      'signature key, you must supply the password.',
    meaning: 'Explanation before the administrator count (two spaces after "administrators" as published).',
    source: `${INIT} (line 102)`,
  },
  adminsIntro2: {
    id: 'autoinit-admins-intro-2',
    text:
      'To enforce dual control, each signature key file needs to be assigned to a different user and only that ' +
      'user needs to know the password.',
    meaning: 'Explanation before the administrator count.',
    source: `${INIT} (line 104)`,
  },
  adminsIntro3: {
    id: 'autoinit-admins-intro-3',
    text:
      'You can install up to eight administrators in a crypto unit.  To set a signature threshold value of ' +
      '{signature} and a revocation signature threshold of {revocation}, you must install at least {needed}.',
    meaning:
      'The minimum number of administrators for the thresholds just entered (the example: 1, 1 and "1 ' +
      'administrator"; ' +
      'the plural for more is inferred).',
    source: `${INIT} (line 106)`,
  },
  adminsPrompt: {
    id: 'autoinit-admins-prompt',
    text: 'Enter the number of administrators you want to install:',
    meaning: 'How many administrators to install (at least the larger threshold, at most 8).',
    source: `${INIT} (line 108)`,
  },
  sigkeysTitle: {
    id: 'autoinit-sigkeys-title',
    text: 'SELECT EXISTING SIGNATURE KEY FILES TO USE',
    meaning: 'auto-init step 3: existing signature key files become administrators.',
    source: `${INIT} (line 111)`,
  },
  sigkeysFound: {
    id: 'sigkeys-found',
    text: 'The following signature key files were found on this workstation:',
    meaning: 'The list of signature key files follows (SKIs cut to 30 hex digits and "...").',
    source: `${INIT} (line 113)`,
  },
  sigkeysIntro1: {
    id: 'autoinit-sigkeys-intro-1',
    text:
      'Enter the KEYNUM of any existing signature key files you want to use to create administrators. If you ' +
      "don't want to use existing signature key files, press enter without entering any KEYNUM values.",
    meaning: 'Explanation before the signature key choice.',
    source: `${INIT} (line 119)`,
  },
  sigkeysIntro2: {
    id: 'autoinit-sigkeys-intro-2',
    text:
      'If you want to use a combination of existing and new signature keys, enter the KEYNUM values of the ' +
      'existing signature key files you want to use.  You will be prompted to enter information for any new ' +
      'signature key files after that.',
    meaning: 'Explanation before the signature key choice.',
    source: `${INIT} (line 121)`,
  },
  sigkeysPrompt: {
    id: 'autoinit-sigkeys-prompt',
    text: 'Enter the KEYNUM of the existing signature key files you want to use to create administrators:',
    meaning: 'Which existing signature key files become administrators (may be left empty).',
    source: `${INIT} (line 123)`,
  },
  summary: {
    id: 'autoinit-no-new-keys',
    text: 'You asked to install {admins} and selected {existing} to use.  No new signature key files will be created.',
    meaning: 'Summary before auto-init acts (the example: "one administrator", "one existing signature key").',
    source: `${INIT} (line 141)`,
  },
  installing: {
    id: 'autoinit-installing-admins',
    text: 'Installing {done} of {total} administrators....',
    meaning: 'Progress: administrators being installed in every crypto unit.',
    source: `${INIT} (line 143)`,
  },
  settingThresholds: {
    id: 'autoinit-setting-thresholds',
    text: 'Setting signature thresholds....',
    meaning: 'Progress: the crypto units leave imprint mode.',
    source: `${INIT} (line 144)`,
  },
  generating: {
    id: 'autoinit-generating',
    text: 'Generating a random master key value....',
    meaning: 'Progress: a random master key value is generated in a recovery crypto unit.',
    source: `${INIT} (line 145)`,
  },
  transferring: {
    id: 'autoinit-transferring',
    text: 'Transferring the master key value to {done} of {total} crypto units....',
    meaning: 'Progress: the master key value is copied to one more crypto unit.',
    source: `${INIT} (lines 146-148)`,
  },
  done: {
    id: 'autoinit-done',
    text: 'The selected service instance has been initialized.',
    meaning: 'auto-init complete (printed after OK).',
    source: `${INIT} (line 151)`,
  },
  compareHint: {
    id: 'autoinit-compare-hint',
    text:
      'To see what administrators are installed and what signature threshold and master key register values are ' +
      "set, use the 'ibmcloud tke cryptounit-compare' command.",
    meaning: 'Hint printed after OK.',
    source: `${INIT} (line 152)`,
  },
} as const satisfies Record<string, CatalogueEntry>;

export const FAILOVER_SCREEN = {
  current: {
    id: 'failover-current',
    text: 'You currently have {count} failover crypto unit(s) for the selected instance {instance}',
    meaning: 'failover-enable starts with the number of failover units the instance has.',
    source: `${FAILOVER} (line 81)`,
  },
  max: {
    id: 'failover-max',
    text:
      'Since you have {count} operational crypto units for this instance, you can have up to {count} failover ' +
      'crypto units',
    meaning: 'As many failover units as operational ones.',
    source: `${FAILOVER} (line 82)`,
  },
  countPrompt: {
    id: 'failover-count-prompt',
    text: 'Enter the total number of failover crypto units you would like (max {count}):',
    meaning: 'The total number of failover units wanted.',
    source: `${FAILOVER} (line 83)`,
  },
  billing: {
    id: 'failover-billing',
    text:
      'You will now have {count} failover crypto units. This will affect your billing. For more information, see ' +
      'https://cloud.ibm.com/docs/hs-crypto?topic=hs-crypto-faq-pricing',
    meaning: 'Billing notice before the confirmation.',
    source: `${FAILOVER} (line 86)`,
  },
  confirm: {
    id: 'failover-confirm',
    text: 'Would you like to continue? [y/n]:',
    meaning: 'y assigns the failover units.',
    source: `${FAILOVER} (line 88)`,
  },
  targeting: {
    id: 'failover-targeting',
    text: 'Instance {instance} targeting backup region {region}',
    meaning: 'The region the failover units are assigned in.',
    source: `${FAILOVER} (line 103)`,
  },
  assigned: {
    id: 'failover-assigned',
    text: '{count} failover crypto units have been assigned.',
    meaning: 'The failover units exist now, in imprint mode (not initialized).',
    source: `${FAILOVER} (line 104)`,
  },
  gettingInfo: {
    id: 'failover-getting-info',
    text: 'Getting crypto unit info... this may take a moment',
    meaning: 'Progress; the context header and the crypto unit list follow.',
    source: `${FAILOVER} (line 105)`,
  },
  noteSame: {
    id: 'note-configured-same',
    text: 'Note: all operational crypto units in a service instance must be configured the same.',
    meaning: 'Reminder after the crypto unit list.',
    source: `${FAILOVER} (line 122)`,
  },
  hintCompare: {
    id: 'hint-compare',
    text: "Use 'ibmcloud tke cryptounit-compare' to check how crypto units are configured.",
    meaning: 'Hint after the crypto unit list.',
    source: `${FAILOVER} (line 123)`,
  },
  initializeNow: {
    id: 'failover-initialize-now',
    text: 'You should initialize your failover crypto units now to be prepared for a failover event.',
    meaning: 'The new failover units still need their administrators, thresholds and master key.',
    source: `${FAILOVER} (line 124)`,
  },
} as const satisfies Record<string, CatalogueEntry>;
