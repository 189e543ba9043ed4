/**
 * The interlock table through the RotationService on the real simulator, after re-encryption
 * began: the phases the simulator reaches there, each mutating command answered as the written-out
 * table says (refusals asked of the rotation, accepted commands of a copy of it).
 */
import { serviceTableSuite } from './service-driver.js';
import { AFTER_REWRAP } from './sim-situations.js';

serviceTableSuite('rotation service on the simulator: the interlock table after re-encryption began', AFTER_REWRAP);
