/**
 * `tke auto-recover` (`auto-mk-recover`): copy the current master key value of a recovery crypto unit
 * to the selected units whose current register is not set [hs-crypto: recover-master-key.md]. Source
 * and targets are the selected units; the transfer goes through each target's new register (import,
 * commit, set immediate), as the SDK's does [tke-sdk: tkesdk/update.go:389-444], so a value waiting in
 * a target's new register is replaced.
 */
import { INFERRED_LINES } from '../../tke/catalogue-inferred.js';
import { INIT_SCREEN } from '../../tke/catalogue-screens.js';
import { commit, SimFailure, type SimContext } from '../context.js';
import { fill } from '../format.js';
import { settleInstances } from '../keystore.js';
import { runPrechecks } from '../prechecks.js';
import { checkAuth, signatures, signerSkis } from '../signing.js';
import { requireSelection } from './keyparts.js';

/**
 * The SDK's texts for a source it cannot use [tke-sdk: tkesdk/update.go:384-386]
 * [tke-sdk: tkesdk/chktrans.go:299-306].
 */
export const NO_RECOVERY_UNIT_SET = 'No recovery crypto unit found whose current master key register is set';
export const CURRENT_VALUES_DIFFER =
  'Current master key registers are set in multiple crypto units but are not set to the same value.';

/** Run auto-recover on the selected units. */
export async function autoRecover(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const units = requireSelection(ctx);
  const send = await signatures(ctx, 'auto-recover', units);
  // The page's prerequisites: not in imprint mode, same thresholds, common administrators.
  const failures = runPrechecks(
    ctx.state,
    units,
    ['imprint', 'thresholds', 'admins'],
    'auto',
    undefined,
    signerSkis(ctx),
  );
  if (failures.length > 0) throw new SimFailure(failures.map((f) => f.line));
  const set = units.filter((u) => u.current.state === 'Valid');
  if (new Set(set.map((u) => u.current.value)).size > 1) throw new SimFailure([CURRENT_VALUES_DIFFER]);
  const source = set.find((u) => u.type === 'RECOVERY');
  if (!source) throw new SimFailure([NO_RECOVERY_UNIT_SET]);
  const targets = units.filter((u) => u.current.state !== 'Valid');
  if (targets.length === 0) {
    ctx.io.print(INFERRED_LINES.recoverNothing.text);
    return;
  }
  send();
  for (const [i, u] of targets.entries()) {
    ctx.io.print(fill(INIT_SCREEN.transferring.text, { done: i + 1, total: targets.length }));
    u.current = { state: 'Valid', value: source.current.value };
    u.new = { state: 'Empty', value: '' };
    settleInstances(ctx.state);
    await commit(ctx);
  }
}
