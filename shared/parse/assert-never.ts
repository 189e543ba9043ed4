/** Fail loudly when a discriminated union gains a member a switch does not handle. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
