/** Building blocks for the channel tables (shared/ipc/contract.ts and shared/ipc/channels/). */
import { z } from 'zod';

/** `T` with every intersection and nested object written out, so two spellings of one shape compare equal. */
type Deep<T> = T extends readonly (infer U)[] ? Deep<U>[] : T extends object ? { [K in keyof T]: Deep<T[K]> } : T;

/**
 * True only when A and B are the same type: the same keys, each optional or required alike, and the
 * same value types (not merely assignable to each other), after writing out intersections.
 */
export type Same<A, B> = (<G>() => G extends Deep<A> ? 1 : 2) extends <G>() => G extends Deep<B> ? 1 : 2 ? true : false;

/**
 * The schema of a response or event shape the backend sends, whose output TypeScript proves to be
 * exactly `T` (the interface the backend and the renderer are written against): a field added to,
 * removed from or retyped in either one and not the other fails to compile ("Expected 2 arguments").
 */
export function exact<T>() {
  return <S extends z.ZodType>(schema: S, ...proof: Same<z.output<S>, T> extends true ? [] : [mismatch: never]): S => {
    void proof;
    return schema;
  };
}

/**
 * A field the interface declares as `X | undefined` (always there, maybe undefined). It is also
 * accepted absent, as it arrives once serialised to JSON; its type stays a required key.
 */
export function orUndefined<S extends z.ZodType>(
  schema: S,
): z.ZodType<z.output<S> | undefined, z.input<S> | undefined> {
  return schema.optional();
}

/** A fault point to inject (`mid-rewrap`, `after-m1:crash`), or null to clear it: demo and training alike. */
export const FaultRequest = z
  .object({
    fault: z
      .string()
      .regex(/^[a-z0-9-]{1,30}(:crash)?$/)
      .nullable(),
  })
  .strict();

export const Empty = z.object({}).strict();
export const Flow = z.enum(['auto', 'keyparts']);
export const Argv = z.array(z.string().min(1).max(200)).min(1).max(12);
export const RunId = z.string().min(1).max(100);
export const RotationId = z.string().min(1).max(80);
export const Nothing = z.null();
/** A file's bytes from the renderer (a picked or dropped file), base64, at most ~64 MiB. */
export const FileBytes = z
  .object({ name: z.string().min(1).max(255), base64: z.string().max(90 * 1024 * 1024) })
  .strict();

/** How many bytes a base64 string decodes to, from its length and padding alone. */
export function base64DecodedBytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/** A file's bytes as base64, refused without decoding when the file holds more than `maxBytes`. */
export function fileBytesUpTo(maxBytes: number) {
  const message = `the file is larger than ${maxBytes} bytes (${Math.round(maxBytes / 1024 / 1024)} MiB), the most accepted here`;
  return z
    .object({
      name: z.string().min(1).max(255),
      base64: z.string().refine((b) => base64DecodedBytes(b) <= maxBytes, message),
    })
    .strict();
}
