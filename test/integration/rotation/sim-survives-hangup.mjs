// Preloaded (NODE_OPTIONS=--import) into the simulator for the crash campaign's "the CLI goes on"
// variant: when the backend dies and its pseudo-terminal is closed, this simulator ignores the
// hang-up and the failed writes to the dead terminal and carries on as far as it can unseen (to the
// end of its command, or to its next prompt, which then reads end of input).
process.on('SIGHUP', () => undefined);
process.stdout.on('error', () => undefined);
process.stdin.on('error', () => undefined);
