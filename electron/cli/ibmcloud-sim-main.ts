// Entry of the simulator's bundle (dist/bin/ibmcloud-sim.js, see vite.cli.config.ts).
import { runCli } from './ibmcloud-sim.js';

await runCli();
