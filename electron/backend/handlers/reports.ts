/** Handlers of the report channels: export a signed report, verify one, show the public key. */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Handlers } from '../../../shared/ipc/dispatch.js';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import type { ReportVerificationView } from '../../../shared/ipc/views.js';
import { keyFactLines, summaryLines } from '../../../shared/reports/index.js';
import { journalPath } from '../journal/index.js';
import {
  createReport,
  exportNumber,
  exportReport,
  PDF_RENDERER,
  ReportKeyError,
  ReportKeyStore,
  signReport,
  verifyReportBytes,
  type ReportVerification,
} from '../reports/index.js';
import type { BackendContext } from './context.js';

type ReportHandlers = Pick<
  Handlers,
  'report:export' | 'report:verify' | 'report:get-key-status' | 'report:get-public-key' | 'report:read-file'
>;

/** Where a rotation's exported report lives. */
export function reportsDir(dataDir: string, rotationId: string): string {
  return join(dataDir, 'reports', basename(rotationId));
}

/** The report signing key's store: the OS keystore when there is one, else the password given. */
export function reportKeyStore(ctx: BackendContext, password: string | undefined): ReportKeyStore {
  const box = ctx.secretBox?.available() ? ctx.secretBox : undefined;
  if (!box && !password) {
    throw new RefusedError(
      'This workstation has no OS keystore for the report key: enter the report key password (it protects the key file; choose one on first use).',
    );
  }
  return new ReportKeyStore({
    dataDir: ctx.dataDir,
    ...(box ? { secretBox: box } : {}),
    ...(password ? { password: () => password } : {}),
  });
}

function viewOf(result: ReportVerification): ReportVerificationView {
  if (result.status === 'invalid')
    return { status: 'invalid', reason: result.reason, ...(result.problem ? { problem: result.problem } : {}) };
  if (result.status === 'unreadable') return { status: 'unreadable', reason: result.reason };
  return {
    status: 'valid',
    fingerprint: result.fingerprint,
    pinned: result.pinned,
    admin: result.admin,
    summary: summaryLines(result.content),
    pages: result.pages,
    renderer: { report: result.content.signing.pdfRenderer, here: PDF_RENDERER },
    facts: keyFactLines(result.content),
  };
}

/**
 * The exported file to send: the one named (as export returned it) or else the latest export.
 * Only names export writes are accepted, so a request cannot reach another file.
 */
async function exportedFile(dir: string, kind: 'pdf' | 'json', name: string | undefined): Promise<string | undefined> {
  const names = (await readdir(dir).catch(() => [])).filter((file) => exportNumber(file, kind) !== undefined);
  if (name !== undefined) return names.find((file) => file === name);
  return names.toSorted((a, b) => (exportNumber(b, kind) ?? 0) - (exportNumber(a, kind) ?? 0))[0];
}

/**
 * Read back what was written, exactly as an auditor's `mkra verify` would: the PDF check re-renders
 * it, so a rendering that is not reproducible is caught here, not at an audit.
 */
async function verifyExported(paths: {
  jsonPath: string;
  pdfPath: string;
}): Promise<{ fingerprint: string; adminSki: string | null }> {
  const check = await verifyReportBytes(await readFile(paths.jsonPath));
  if (check.status !== 'valid') throw new Error(`the exported report does not verify: ${check.reason}`);
  const pdfCheck = await verifyReportBytes(await readFile(paths.pdfPath));
  if (pdfCheck.status !== 'valid' || pdfCheck.pages !== 'identical')
    throw new Error(
      `the exported PDF does not verify: ${pdfCheck.status === 'valid' ? 'its pages were not checked' : pdfCheck.reason}`,
    );
  return { fingerprint: check.fingerprint, adminSki: check.admin?.ski ?? null };
}

/** Report channel handlers. */
export function reportHandlers(ctx: BackendContext): ReportHandlers {
  return {
    'report:export': async (req) => {
      const content = await createReport(
        journalPath(ctx.dataDir, req.rotationId),
        req.operator ? { operator: req.operator } : {},
      );
      try {
        const admin = req.admin
          ? { file: join(ctx.info.tkeFiles.dir ?? '', basename(req.admin.fileName)), password: req.admin.password }
          : undefined;
        const signed = await signReport(
          content,
          reportKeyStore(ctx, req.keyPassword),
          admin ? { adminKey: admin } : {},
        );
        const paths = await exportReport(reportsDir(ctx.dataDir, req.rotationId), signed, { language: req.language });
        return { ...paths, ...(await verifyExported(paths)) };
      } catch (error) {
        if (error instanceof ReportKeyError) throw new RefusedError(error.message);
        throw error;
      }
    },
    'report:verify': async (req) =>
      viewOf(
        await verifyReportBytes(
          Buffer.from(req.file.base64, 'base64'),
          req.pinnedFingerprint ? { pinnedKey: req.pinnedFingerprint } : {},
        ),
      ),
    'report:get-key-status': async () => ({
      osKeystore: ctx.secretBox?.available() ?? false,
      // Reading the public half needs no password: it only tells whether the key was created.
      exists: (await new ReportKeyStore({ dataDir: ctx.dataDir }).publicKey()) !== undefined,
    }),
    'report:get-public-key': async (req) => {
      const box = ctx.secretBox?.available() ?? false;
      const store = reportKeyStore(ctx, req.keyPassword);
      const key = (await store.publicKey()) ?? (await store.loadKey()).publicKey;
      return { pem: key.pem, fingerprint: key.fingerprint, osProtected: box };
    },
    'report:read-file': async (req) => {
      const dir = reportsDir(ctx.dataDir, req.rotationId);
      const name = await exportedFile(dir, req.kind, req.name);
      if (!name)
        throw new RefusedError(
          req.name
            ? `No exported report named ${req.name} for this rotation.`
            : 'No exported report for this rotation yet: export it first.',
        );
      return { name, base64: (await readFile(join(dir, name))).toString('base64') };
    },
  };
}
