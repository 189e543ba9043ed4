/** The read-only listings the pre-checks are judged from, in the order they run (precheck-service.ts). */
export const PRECHECK_READS = {
  cryptounits: ['tke', 'cryptounits'],
  thresholds: ['tke', 'cryptounit-thrhlds'],
  admins: ['tke', 'cryptounit-admins'],
  registers: ['tke', 'cryptounit-mks'],
  sigkeys: ['tke', 'sigkeys'],
} as const;

const ORDER: readonly (readonly string[])[] = Object.values(PRECHECK_READS);

/** Which pre-check read `argv` is (1-based, of how many), or null when it is none of them. */
export function precheckReadOf(argv: readonly string[]): { n: number; total: number } | null {
  const index = ORDER.findIndex((read) => read.length === argv.length && read.every((word, i) => word === argv[i]));
  return index < 0 ? null : { n: index + 1, total: ORDER.length };
}
