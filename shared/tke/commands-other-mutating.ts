/**
 * The app's command table (shared/tke/commands.ts), last part: IBM's other mutating commands, which
 * change a crypto unit's administrators, thresholds, imprint mode or control points, the instance's
 * failover units, or delete a key file; in the order the interlock table
 * (test/unit/backend/interlocks/expected-table.ts) and the indeterminate refusal list name them.
 */
import { NEVER, rule, SIGNERS, type TkeCommandRow } from './command-row.js';

export const OTHER_MUTATING_COMMANDS = [
  {
    name: 'cryptounit-admin-add',
    aliases: [],
    class: 'mutating',
    flows: 'both',
    use: 'menu',
    signatureKeys: true,
    destructiveAfter: NEVER,
  },
  {
    name: 'cryptounit-admin-rm',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: true,
    destructiveAfter: SIGNERS,
  },
  {
    name: 'cryptounit-thrhld-set',
    aliases: [],
    class: 'mutating',
    flows: 'both',
    use: 'menu',
    signatureKeys: true,
    destructiveAfter: SIGNERS,
  },
  {
    name: 'cryptounit-exit-impr',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: true,
    destructiveAfter: SIGNERS,
  },
  {
    name: 'cryptounit-cp',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: true,
    destructiveAfter: NEVER,
  },
  {
    name: 'cryptounit-cp-btc',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: true,
    destructiveAfter: NEVER,
  },
  {
    name: 'cryptounit-cp-eddsa',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: true,
    destructiveAfter: NEVER,
  },
  {
    name: 'cryptounit-cp-sig-other',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: true,
    destructiveAfter: NEVER,
  },
  {
    name: 'failover-enable',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: false,
    destructiveAfter: [rule('rewrap-begun', 'failover')],
  },
  {
    name: 'mk-rm',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: false,
    destructiveAfter: [rule('rewrap-begun', 'mkRm')],
  },
  {
    name: 'sigkey-rm',
    aliases: [],
    class: 'mutating',
    flows: 'none',
    use: 'none',
    signatureKeys: false,
    destructiveAfter: SIGNERS,
  },
] as const satisfies readonly TkeCommandRow[];
