/**
 * The interlock table through the RotationService on the real simulator, before re-encryption
 * began: the phases the simulator reaches there, each mutating command answered as the written-out
 * table says (refusals asked of the rotation, accepted commands of a copy of it).
 */
import { serviceTableSuite } from './service-driver.js';
import { BEFORE_REWRAP } from './sim-situations.js';

serviceTableSuite('rotation service on the simulator: the interlock table before re-encryption', BEFORE_REWRAP);
