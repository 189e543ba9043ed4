/**
 * What the Reports screen holds: whether the report key needs a password here, the public key, the
 * last export and the last verification. The backend signs, verifies and refuses; this class only
 * forwards requests (refusals become notices through the console store) and never keeps a password.
 */
import type { RendererApi } from '../../../../shared/ipc/contract.js';
import type { ReportExportResult, ReportPublicKeyView, ReportVerificationView, RotationSummary } from '../../../../shared/ipc/views.js';
import type { SigKeyInfo } from '../../../../shared/keyfiles/workspace-types.js';
import { MAX_REPORT_BYTES } from '../../../../shared/reports/limits.js';
import type { ConsoleStore } from '../console-store.svelte.js';
import { base64ToBytes, fileToBase64, saveFile } from './files.js';

export interface ExportRequest {
  rotationId: string;
  language: 'en' | 'ja';
  operator?: string;
  keyPassword?: string;
  admin?: { fileName: string; password: string };
}

export interface ExportedReport extends ReportExportResult {
  rotationId: string;
  /** Administrator file and name when co-signed, for the result text. */
  adminFile: string | null;
}

export type ReportsBusy = 'export' | 'verify' | 'key' | 'pdf' | 'json' | null;

export class ReportsState {
  /**
   * True once the backend said the report key needs a password here (no OS keystore: the browser
   * host, or an Electron without a keychain). Never guessed from the host.
   */
  keyPasswordNeeded = $state(false);
  /** False until the report key exists: its first password is then typed twice. */
  keyExists = $state(true);
  publicKey = $state.raw<ReportPublicKeyView | null>(null);
  exported = $state.raw<ExportedReport | null>(null);
  /** The backend's last refusal or failure of an export, shown beside the form. */
  exportError = $state<string | null>(null);
  /** The last export was refused for want of the report key password (the field then appeared). */
  exportNeedsKeyPassword = $state(false);
  verification = $state.raw<(ReportVerificationView & { fileName: string; pinnedTo: string | null }) | null>(null);
  /** The size of a picked file refused as too large to be a report; it was never read. */
  verifyTooLarge = $state<number | null>(null);
  /** Rotations a report can be made of (from rotation:list), newest first. */
  rotations = $state.raw<RotationSummary[]>([]);
  /** Why the last request for the rotations failed (null when answered): the list is then unknown, not empty. */
  rotationsError = $state<string | null>(null);
  /** P-521 signature key files in the key files directory (for the administrator co-signature). */
  sigkeys = $state.raw<SigKeyInfo[]>([]);
  busy = $state<ReportsBusy>(null);
  readonly #api: RendererApi;
  readonly #store: ConsoleStore;

  constructor(api: RendererApi, store: ConsoleStore) {
    this.#api = api;
    this.#store = store;
  }

  /** The rotation open in the console, if any (a report can be made of it at any point). */
  get openRotationId(): string | null {
    return this.#store.rotation?.rotationId ?? null;
  }

  /** Journals that verify; the open rotation first, then finished ones, newest first. */
  get choices(): RotationSummary[] {
    const open = this.openRotationId;
    return this.rotations
      .filter((r) => r.status === 'ok' && (r.finished || r.rotationId === open))
      .toSorted((a, b) => Number(b.rotationId === open) - Number(a.rotationId === open) || (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  }

  async loadRotations(): Promise<void> {
    const result = await this.#store.call(this.#api.invoke('rotation:list', {}), true);
    this.rotationsError = result.ok ? null : result.error.message;
    if (result.ok) this.rotations = result.value;
  }

  /** The signature key files an administrator can co-sign with (only P-521 keys can sign reports). */
  async loadSigkeys(): Promise<void> {
    const result = await this.#store.call(this.#api.invoke('keyfiles:scan', {}));
    if (result.ok) this.sigkeys = (result.value.scan?.sigkeys ?? []).filter((k) => k.keyType === 'p521ec');
  }

  /**
   * Ask for the public key without a password. Where the OS keystore protects the key this shows
   * it (creating the key on first use); where it cannot, the backend refuses and the screen asks
   * for the report key password. Quiet: opening the screen is not an error.
   */
  async probeKey(): Promise<void> {
    const status = await this.#api.invoke('report:get-key-status', {});
    if (status.ok) {
      this.keyExists = status.value.exists;
      if (!status.value.osKeystore) {
        this.keyPasswordNeeded = true;
        return;
      }
    }
    const result = await this.#api.invoke('report:get-public-key', {});
    if (result.ok) this.publicKey = result.value;
    else if (result.error.code === 'refused') this.keyPasswordNeeded = true;
    else this.#store.notify('error', result.error.message);
  }

  /** Show the public key, opening (or on first use creating) the key with the password given. */
  async loadPublicKey(keyPassword: string | undefined): Promise<boolean> {
    return this.#work('key', async () => {
      const result = await this.#store.call(this.#api.invoke('report:get-public-key', keyPassword ? { keyPassword } : {}));
      if (result.ok) [this.publicKey, this.keyExists] = [result.value, true];
      else if (result.error.code === 'refused' && !keyPassword) this.keyPasswordNeeded = true;
      return result.ok;
    });
  }

  /** Sign and export a report. The request's passwords are the caller's to drop; none is kept here. */
  async export(request: ExportRequest): Promise<boolean> {
    return this.#work('export', async () => {
      this.exported = null;
      this.exportError = null;
      this.exportNeedsKeyPassword = false;
      const result = await this.#store.call(this.#api.invoke('report:export', request));
      // Signing opens (or on first use creates) the key before anything else can fail.
      const status = await this.#api.invoke('report:get-key-status', {});
      if (status.ok) this.keyExists = status.value.exists;
      if (!result.ok) {
        this.exportError = result.error.message;
        // The backend refuses an export without a key password where no keystore protects the key.
        if (result.error.code === 'refused' && !request.keyPassword) this.keyPasswordNeeded = this.exportNeedsKeyPassword = true;
        return false;
      }
      this.exported = { ...result.value, rotationId: request.rotationId, adminFile: request.admin?.fileName ?? null };
      this.keyExists = true;
      return true;
    });
  }

  /** Save the exported PDF or JSON through the browser's (or Electron's) download. */
  async download(kind: 'pdf' | 'json'): Promise<boolean> {
    const exported = this.exported;
    if (!exported) return false;
    // The file this export wrote: a rotation exported twice (in two languages) has two pairs.
    const name = (kind === 'pdf' ? exported.pdfPath : exported.jsonPath).split(/[\\/]/).pop() ?? '';
    return this.#work(kind, async () => {
      const result = await this.#store.call(this.#api.invoke('report:read-file', { rotationId: exported.rotationId, kind, ...(name ? { name } : {}) }));
      if (!result.ok) return false;
      saveFile(result.value.name, base64ToBytes(result.value.base64));
      return true;
    });
  }

  /**
   * Verify a picked report file, optionally pinned to the fingerprint the auditor recorded. A file
   * over the limit is refused by its size before any byte is read (the backend refuses it too).
   */
  async verify(file: File, pinnedFingerprint: string): Promise<boolean> {
    this.verifyTooLarge = null;
    if (file.size > MAX_REPORT_BYTES) {
      this.verification = null;
      this.verifyTooLarge = file.size;
      return false;
    }
    return this.#work('verify', async () => {
      this.verification = null;
      const pinned = pinnedFingerprint.trim();
      let base64: string;
      try {
        base64 = await fileToBase64(file);
      } catch (error) {
        this.verification = { status: 'unreadable', reason: error instanceof Error ? error.message : String(error), fileName: file.name, pinnedTo: null };
        return false;
      }
      const result = await this.#store.call(this.#api.invoke('report:verify', { file: { name: file.name || 'report', base64 }, ...(pinned ? { pinnedFingerprint: pinned } : {}) }));
      if (!result.ok) return false;
      this.verification = { ...result.value, fileName: file.name, pinnedTo: pinned || null };
      return true;
    });
  }

  async #work(what: Exclude<ReportsBusy, null>, job: () => Promise<boolean>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = what;
    try {
      return await job();
    } finally {
      this.busy = null;
    }
  }
}
