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
  // The fixes the advisor gives for the imprint and thresholds pre-checks (shared/precheck/fixes.ts):
  // both change a crypto unit, so the backend runs them only inside a rotation, journaled.
  'cryptounit-admin-add',
  'cryptounit-thrhld-set',
  // The advisor's recovery when a unit lost its current master key and no rotation is under way
  // (IBM's recover page; shared/classifier/decide.ts). It changes registers, so it runs only inside a
  // rotation, and the classification refuses it whenever re-encryption may have begun.
  'auto-mk-recover',
] as const;
export type AppTkeCommand = (typeof APP_TKE_COMMANDS)[number];
