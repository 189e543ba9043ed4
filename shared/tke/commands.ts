/** The TKE subcommands the app runs (the backend refuses any other), in the order a menu lists them. */
export const APP_TKE_COMMANDS = [
  'cryptounits',
  'cryptounit-compare',
  'cryptounit-mk',
  'cryptounit-mks',
  'cryptounit-thrhlds',
  'cryptounit-admins',
  'sigkeys',
  'sigkey-sel',
  'mks',
  'mk-add',
  'cryptounit-add',
  'cryptounit-rm',
  'auto-mk-rotate',
  'cryptounit-mk-load',
  'cryptounit-mk-commit',
  'cryptounit-mk-rotate',
  'cryptounit-mk-setimm',
  'cryptounit-mk-clrnew',
] as const;
export type AppTkeCommand = (typeof APP_TKE_COMMANDS)[number];
