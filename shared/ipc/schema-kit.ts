/** Building blocks for the channel tables (shared/ipc/contract.ts and shared/ipc/channels/). */
import { z } from 'zod';

/**
 * A response or event shape produced by our own backend and typed by a shared interface: checked
 * to be an object (requests, which come from the renderer, get full schemas).
 */
export function view<T>() {
  return z.custom<T>((value) => typeof value === 'object' && value !== null, 'expected an object');
}

export const Empty = z.object({}).strict();
export const Flow = z.enum(['auto', 'keyparts']);
export const Argv = z.array(z.string().min(1).max(200)).min(1).max(12);
export const RunId = z.string().min(1).max(100);
export const RotationId = z.string().min(1).max(80);
export const Nothing = z.null();
/** A file's bytes from the renderer (a picked or dropped file), base64, at most ~64 MiB. */
export const FileBytes = z.object({ name: z.string().min(1).max(255), base64: z.string().max(90 * 1024 * 1024) }).strict();

/** How many bytes a base64 string decodes to, from its length and padding alone. */
export function base64DecodedBytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/** A file's bytes as base64, refused without decoding when the file holds more than `maxBytes`. */
export function fileBytesUpTo(maxBytes: number) {
  const message = `the file is larger than ${maxBytes} bytes (${Math.round(maxBytes / 1024 / 1024)} MiB), the most accepted here`;
  return z.object({ name: z.string().min(1).max(255), base64: z.string().refine((b) => base64DecodedBytes(b) <= maxBytes, message) }).strict();
}
