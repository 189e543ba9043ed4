/**
 * Inputs to base64 without freezing the window: the browser's FileReader encodes off the main
 * thread and reports progress; a paste is wrapped in a Blob and read the same way.
 */
import { MAX_ANALYSIS_BYTES, MAX_ANALYSIS_FILES } from '../../../../shared/analysis/types.js';

/** A paste above this many characters is kept out of the text box (a huge textarea is slow). */
export const LARGE_PASTE_CHARS = 256 * 1024;
/** The name the paste is cited by in evidence. */
export { PASTE_NAME } from '../../../../shared/analysis/sources.js';

export interface PendingInput {
  name: string;
  blob: Blob;
}

export type InputLimitProblem =
  { code: 'nothing' } | { code: 'too-many'; count: number } | { code: 'too-large'; bytes: number };

/** Refuse before reading anything: no input, too many files or more than the size limit. */
export function checkLimits(inputs: readonly PendingInput[]): InputLimitProblem | null {
  if (inputs.length === 0) return { code: 'nothing' };
  if (inputs.length > MAX_ANALYSIS_FILES) return { code: 'too-many', count: inputs.length };
  const bytes = inputs.reduce((sum, i) => sum + i.blob.size, 0);
  return bytes > MAX_ANALYSIS_BYTES ? { code: 'too-large', bytes } : null;
}

function readOne(blob: Blob, onprogress: (loaded: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => onprogress(e.loaded);
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      onprogress(blob.size);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(blob);
  });
}

/** Read every input as base64, reporting bytes read so far. */
export async function readInputs(
  inputs: readonly PendingInput[],
  onprogress: (loaded: number, total: number) => void,
): Promise<{ name: string; base64: string }[]> {
  const total = inputs.reduce((sum, i) => sum + i.blob.size, 0);
  let done = 0;
  const out: { name: string; base64: string }[] = [];
  for (const input of inputs) {
    const base64 = await readOne(input.blob, (loaded) => onprogress(done + loaded, total));
    done += input.blob.size;
    out.push({ name: input.name, base64 });
  }
  return out;
}

/** Human-readable size (the renderer shows it next to each input). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
