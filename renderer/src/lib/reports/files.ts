/**
 * Moving file bytes between the page and the backend: a picked file to base64 (for report:verify)
 * and base64 from the backend to a saved file (an `<a download>` made in script, which the CSP
 * allows and Electron turns into its own save dialog).
 */

/** Read a picked file as base64 (no data-URL prefix). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/** Decode base64 to bytes. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The media type of an exported report file by its name. */
export function mediaTypeOf(name: string): string {
  if (name.endsWith('.pdf')) return 'application/pdf';
  if (name.endsWith('.json')) return 'application/json';
  return 'application/x-pem-file';
}

/** Offer bytes to the administrator as a download named `name`. */
export function saveFile(name: string, data: Uint8Array<ArrayBuffer> | string, type = mediaTypeOf(name)): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked after the browser has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Copy text; without clipboard permission (the Electron app denies it) select it for Ctrl+C instead. */
export async function copyText(text: string, fallback: HTMLElement | undefined): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (fallback instanceof HTMLTextAreaElement || fallback instanceof HTMLInputElement) {
      fallback.focus();
      fallback.select();
    } else if (fallback) {
      const range = document.createRange();
      range.selectNodeContents(fallback);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    }
    return false;
  }
}

/** A fingerprint in groups of eight hex digits, for comparing by eye (mkra verify --key accepts spaces). */
export function groupFingerprint(hex: string): string {
  return hex.match(/.{1,8}/g)?.join(' ') ?? hex;
}
