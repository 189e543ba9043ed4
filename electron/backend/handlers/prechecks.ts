/** The backend's pre-checks: run over its own reads, the last report's administrators kept for the key files screen. */
import type { Handlers } from '../../../shared/ipc/dispatch.js';
import type { AdminRow } from '../../../shared/parse/listings.js';
import type { PrecheckReport } from '../../../shared/precheck/report.js';
import type { AppInfo } from '../../../shared/ipc/contract.js';
import { demoStatus } from '../demo/demo-control.js';
import { readSigningService } from '../environment/tke-files.js';
import { runPrechecks } from '../precheck/precheck-service.js';
import type { PrecheckRunner } from '../precheck/start-gate.js';
import type { Invocation } from '../runner/tke-invocation.js';
import type { SettingsStore } from '../settings.js';

export interface PrecheckDepsOf {
  info: AppInfo;
  invocation: () => Invocation;
  settings: SettingsStore;
  read: (argv: string[]) => Promise<{ exitCode: number; lines: string[] }>;
}

export interface Prechecks {
  run: PrecheckRunner;
  /** The administrators the last report listed (empty before the first run). */
  admins(): AdminRow[];
}

/** The login token's expiry: the simulator's in demo mode, else an hour after the app's last login. */
function tokenOf(deps: PrecheckDepsOf): () => Promise<PrecheckReport['token']> {
  return async () => {
    if (deps.info.mode === 'demo') {
      const status = await demoStatus(deps.invocation());
      return {
        expiresAt: status.token.valid && status.token.expiresAt ? Date.parse(status.token.expiresAt) : Date.now() - 1,
        source: 'simulator' as const,
      };
    }
    const at = deps.settings.read().lastLoginAt;
    return at
      ? { expiresAt: at + 3600_000, source: 'app-login' as const }
      : { expiresAt: null, source: 'unknown' as const };
  };
}

export function createPrechecks(deps: PrecheckDepsOf): Prechecks {
  const { info, invocation } = deps;
  let lastAdmins: AdminRow[] = [];
  const run: PrecheckRunner = async (flow) => {
    const report = await runPrechecks(flow, {
      read: deps.read,
      token: tokenOf(deps),
      keyCount: async () => (info.mode === 'demo' ? (await demoStatus(invocation())).keystore.total : null),
      now: Date.now,
      signingService: () =>
        info.tkeEnv.signingService && info.tkeFiles.dir ? readSigningService(info.tkeFiles.dir) : undefined,
    });
    lastAdmins = report.admins;
    return report;
  };
  return { run, admins: () => lastAdmins };
}

export function precheckHandlers(prechecks: Prechecks): Pick<Handlers, 'precheck:run'> {
  return { 'precheck:run': (req) => prechecks.run(req.flow) };
}
