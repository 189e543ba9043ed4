import { main } from './mkra.js';

process.exitCode = await main(process.argv.slice(2));
