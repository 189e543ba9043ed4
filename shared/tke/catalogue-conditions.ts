/**
 * The catalogue continued (shared/tke/catalogue.ts): why a rotation is refused before it acts. The six
 * initial conditions a rotation checks, as IBM's troubleshooting pages word them, and the EP11 return
 * and reason codes by which a crypto unit refuses a command, each with the condition it points at.
 */

/**
 * The six initial conditions as IBM's troubleshooting pages word them (prose, no printed text is
 * published), matched by meaning: a pattern over the lower-cased line that needs the failure's words
 * (a negation, "invalid", "imprint mode"), so the positive list of settings a pre-check verifies is
 * not taken for a failure.
 */
export const INITIAL_CONDITIONS = [
  {
    check: 'selection',
    pattern:
      /invalid set of crypto units|not all crypto units (?:in|of) (?:a|one) single service instance|crypto units (?:in|of|from) more than one service instance|(?:selected crypto units|selection) (?:is|are) not (?:exactly )?all crypto units/,
    texts: [
      'When you rotate your master key by using key part files, an invalid set of crypto units is selected.',
      'Not all crypto units in a single service instance are selected. Or, crypto units in more than one service instance are selected.',
    ],
    source:
      'hs-crypto: troubleshooting-master-key-rotation-recovery.md (line 37); troubleshooting-master-key-rotation-smart-cards.md (line 37)',
  },
  {
    check: 'imprint',
    pattern: /(?:are|is|in) (?:still )?in imprint mode|have not left imprint mode/,
    texts: ['One or more crypto units are in imprint mode.'],
    source: 'hs-crypto: troubleshooting-master-key-rotation-recovery.md (line 38)',
  },
  {
    check: 'thresholds',
    pattern:
      /thresholds? (?:on|of) the crypto units (?:are|is) not (?:set )?the same|thresholds? (?:are|is) not (?:set )?the same|(?:do not|don't) have the same signature threshold/,
    texts: ['Signature thresholds on the crypto units are not set the same.'],
    source: 'hs-crypto: troubleshooting-master-key-rotation-recovery.md (line 39)',
  },
  {
    check: 'admins',
    pattern:
      /common set of administrators is not|administrators (?:do not|don't|does not) match|not enough (?:common )?administrators|administrators .*not (?:selected|installed)/,
    texts: [
      'A common set of administrators is not selected and installed in all crypto units large enough to meet the signature threshold value.',
    ],
    source:
      'hs-crypto: troubleshooting-master-key-rotation-recovery.md (line 40); rotate-master-key-key-files.md (line 114)',
  },
  {
    check: 'current-mk',
    pattern: /current master key registers? (?:are|is) not (?:all )?(?:in the )?valid/,
    texts: ['The current master key registers are not all in the `Valid` state with the same verification pattern.'],
    source: 'hs-crypto: troubleshooting-master-key-rotation-recovery.md (line 41)',
  },
  {
    check: 'new-mk',
    pattern:
      /new master key registers? (?:are|is) not (?:all )?(?:in the )?(?:valid|empty|committed|in the required state)|new master key registers? .*not (?:all )?empty/,
    texts: [
      'When you rotate your master key by using key part files, the new master key registers are not all in the `Valid` state with the same verification pattern.',
      'all the new master key registers needs to be empty',
    ],
    source:
      'hs-crypto: troubleshooting-master-key-rotation-key-files.md (line 42); introduce-master-key-rotation.md (line 66)',
  },
] as const;

/**
 * EP11 return (and reason) codes whose meaning is "the crypto unit refused the command before acting
 * on it", with the initial condition each points at when there is one (IBM's SDK code table,
 * docs/ibm-strings.md section 9).
 */
export const EP11_REFUSALS: readonly {
  returnCode: number;
  reasonCode?: number;
  check?: 'imprint' | 'admins' | 'thresholds' | 'new-mk';
  text: string;
  source: string;
}[] = [
  {
    returnCode: 179,
    check: 'imprint',
    text: 'Operation not allowed in imprint mode.',
    source: 'tke-sdk: ep11cmds/tkeHTPErrors.go:272',
  },
  // An invalid or malformed signature: a wrong or damaged key or card; nothing was done, sign again.
  {
    returnCode: 192,
    text: 'One or more signatures provided with the command is invalid.',
    source: 'tke-sdk: ep11cmds/tkeHTPErrors.go:274',
  },
  { returnCode: 193, text: 'A signature was malformed.', source: 'tke-sdk: ep11cmds/tkeHTPErrors.go:276' },
  {
    returnCode: 208,
    check: 'admins',
    text: 'Not enough signatures were provided on the command.',
    source: 'tke-sdk: ep11cmds/tkeHTPErrors.go:278',
  },
  {
    returnCode: 257,
    check: 'admins',
    text: 'An unauthorized administrator signed the command.',
    source: 'tke-sdk: ep11cmds/tkeHTPErrors.go:300',
  },
  {
    returnCode: 209,
    reasonCode: 71,
    check: 'thresholds',
    text: 'Change not allowed.  You are not allowed to change a threshold value if the corresponding attribute control bit is reset.',
    source: 'tke-sdk: ep11cmds/tkeHTPErrors.go:288',
  },
  {
    returnCode: 101,
    reasonCode: 48,
    check: 'new-mk',
    text: 'Commit failed.  The supplied verification pattern of the new master key does not match the verification pattern of the key in the register.',
    source: 'tke-sdk: ep11cmds/tkeHTPErrors.go:263',
  },
];

/** The refusal a return/reason code pair stands for, when it is one. */
export function ep11Refusal(
  returnCode: number | undefined,
  reasonCode: number | undefined,
): (typeof EP11_REFUSALS)[number] | undefined {
  if (returnCode === undefined) return undefined;
  return (
    EP11_REFUSALS.find(
      (r) => r.returnCode === returnCode && r.reasonCode !== undefined && r.reasonCode === reasonCode,
    ) ?? EP11_REFUSALS.find((r) => r.returnCode === returnCode && r.reasonCode === undefined)
  );
}
