// A third-party signing service (IBM: signing-service.md): TKE_SIGNSERV_URL and TKE_PRIVATE_ADDR reach
// the CLI, SIGNSERVKEYS is read for its key identifiers only (never a token), pre-check 5 and the
// advisor stop sending the administrator to sigkey-sel, which does nothing there.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEnvironment } from '../../../electron/backend/backend.js';
import { readSigningService } from '../../../electron/backend/environment/tke-files.js';
import { buildInvocation } from '../../../electron/backend/runner/tke-invocation.js';
import { classify } from '../../../shared/classifier/index.js';
import type { AdminRow, ThresholdRow } from '../../../shared/parse/listings.js';
import { evaluatePrechecks, type PrecheckInput, type PrecheckResult } from '../../../shared/precheck/index.js';
import { parseSignServKeys, signingServiceSet } from '../../../shared/tke/signing-service.js';
import { makeSim, run } from '../sim/helpers.js';

const TOKEN = 'tok-7f3a9c-never-shown';
const URL = 'https://signing.example.internal:9443';
const PRIVATE = 'https://tke.private.us-south.hs-crypto.cloud.ibm.com';

function liveCli(extra: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'mkra-signserv-'));
  const bin = join(root, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'ibmcloud'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(bin, 'ibmcloud'), 0o755);
  mkdirSync(join(root, 'home', '.bluemix', 'plugins', 'tke'), { recursive: true });
  const keys = join(root, 'keys');
  mkdirSync(keys);
  const env = { PATH: bin, IBMCLOUD_HOME: join(root, 'home'), CLOUDTKEFILES: keys, ...extra };
  return {
    keys,
    env,
    info: resolveEnvironment({
      host: 'electron',
      forceDemo: false,
      name: 'n',
      version: '1',
      platform: 'linux',
      env,
      dataDir: join(root, 'data'),
    }),
  };
}

describe('the TKE environment of the workstation', () => {
  it('reaches the CLI: the signing service, the private endpoint and a proxy', () => {
    const { env, info } = liveCli({
      TKE_SIGNSERV_URL: URL,
      TKE_PRIVATE_ADDR: PRIVATE,
      HTTPS_PROXY: 'http://proxy.example:3128',
      UNRELATED: 'x',
    });
    expect(info.tkeEnv).toEqual({ signingService: true, privateEndpoint: PRIVATE });
    const invocation = buildInvocation({ info, env });
    expect(invocation.env).toMatchObject({
      TKE_SIGNSERV_URL: URL,
      TKE_PRIVATE_ADDR: PRIVATE,
      HTTPS_PROXY: 'http://proxy.example:3128',
    });
    expect(invocation.env.UNRELATED).toBeUndefined();
    // The app shows that a signing service is used, never its URL.
    expect(JSON.stringify(info)).not.toContain(URL);
  });

  it('is the key files and the default endpoint when neither is set (or set blank); demo mode honours both, as the simulator does', () => {
    expect(liveCli({}).info.tkeEnv).toEqual({ signingService: false, privateEndpoint: null });
    expect(liveCli({ TKE_SIGNSERV_URL: '  ', TKE_PRIVATE_ADDR: '' }).info.tkeEnv).toEqual({
      signingService: false,
      privateEndpoint: null,
    });
    expect(signingServiceSet({ TKE_SIGNSERV_URL: URL })).toBe(true);
    const root = mkdtempSync(join(tmpdir(), 'mkra-signserv-demo-'));
    const demo = resolveEnvironment({
      host: 'browser',
      forceDemo: true,
      name: 'n',
      version: '1',
      env: { TKE_SIGNSERV_URL: URL, TKE_PRIVATE_ADDR: PRIVATE },
      dataDir: root,
    });
    // The simulator signs through its signing service (TKE_SIGNSERV_URL) and reaches private-only instances
    // through the private endpoint (TKE_PRIVATE_ADDR).
    expect(demo.tkeEnv).toEqual({ signingService: true, privateEndpoint: PRIVATE });
  });
});

describe('SIGNSERVKEYS', () => {
  it("keeps the key identifiers of IBM's three examples, counts the tokens given, and never returns one", () => {
    expect(parseSignServKeys(`[{"key":"first-key","token":"${TOKEN}"}]`)).toEqual({
      keys: ['first-key'],
      withToken: 1,
    });
    expect(parseSignServKeys('[{"key":"first-key"},{"key":"second-key"}]')).toEqual({
      keys: ['first-key', 'second-key'],
      withToken: 0,
    });
    const three = parseSignServKeys(
      `[{"key":"first-key"},{"key":"second-key","token":"${TOKEN}"},{"key":"third-key"}]`,
    );
    expect(three).toEqual({ keys: ['first-key', 'second-key', 'third-key'], withToken: 1 });
    expect(JSON.stringify(three)).not.toContain(TOKEN);
    // A key listed twice signs once.
    expect(parseSignServKeys('[{"key":"a"},{"key":"a"}]')).toEqual({ keys: ['a'], withToken: 0 });
  });

  it('reports a missing or malformed file without quoting it', () => {
    const problems = [
      null,
      '{',
      `{"key":"a","token":"${TOKEN}"}`,
      '[]',
      `[{"token":"${TOKEN}"}]`,
      '[{"key":""}]',
      '[{"key":"a","token":42}]',
      '[1]',
    ].map((t) => parseSignServKeys(t));
    for (const p of problems) {
      expect(p).toHaveProperty('problem');
      expect(JSON.stringify(p)).not.toContain(TOKEN);
    }
    expect(problems[0]).toEqual({ problem: expect.stringMatching(/no SIGNSERVKEYS file in CLOUDTKEFILES/) });
    expect(problems[1]).toEqual({ problem: expect.stringMatching(/is not JSON/) });
    expect(problems[3]).toEqual({ problem: 'SIGNSERVKEYS lists no signature key.' });
    expect(problems[4]).toEqual({ problem: expect.stringMatching(/entry 1 needs a "key" field/) });
  });

  it('is read from CLOUDTKEFILES only as a regular file of a key list’s size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mkra-signserv-file-'));
    expect(readSigningService(dir)).toEqual({ problem: expect.stringMatching(/no SIGNSERVKEYS file/) });
    writeFileSync(join(dir, 'SIGNSERVKEYS'), `[{"key":"k1","token":"${TOKEN}"},{"key":"k2"}]`);
    expect(readSigningService(dir)).toEqual({ keys: ['k1', 'k2'], withToken: 1 });
    const big = mkdtempSync(join(tmpdir(), 'mkra-signserv-big-'));
    writeFileSync(join(big, 'SIGNSERVKEYS'), `[${'{"key":"k"},'.repeat(8000)}{"key":"k"}]`);
    expect(readSigningService(big)).toEqual({ problem: expect.stringMatching(/larger than 65536 bytes/) });
    const linked = mkdtempSync(join(tmpdir(), 'mkra-signserv-link-'));
    symlinkSync(join(dir, 'SIGNSERVKEYS'), join(linked, 'SIGNSERVKEYS'));
    expect(readSigningService(linked)).toEqual({ problem: 'SIGNSERVKEYS in CLOUDTKEFILES is not a regular file.' });
  });
});

const thresholds: ThresholdRow[] = [1, 2, 3].map((num) => ({ num, signature: 2, revocation: 2, line: num }));
const admins: AdminRow[] = [1, 2, 3].flatMap((num) => [
  { num, name: 'admin1', ski: 'aa01', line: num },
  { num, name: 'admin2', ski: 'aa02', line: num },
]);
const input: PrecheckInput = { flow: 'auto', thresholds, admins, selectedSigKeys: [] };
const adminsCheck = (extra: Partial<PrecheckInput>): PrecheckResult | undefined =>
  evaluatePrechecks({ ...input, ...extra }).find((r) => r.id === 'admins');
const commands = (r: PrecheckResult | undefined): string[] => (r?.fix ?? []).map((f) => f.command);

describe('pre-check 5 with a signing service', () => {
  it('without one, no selected signature key fails and the fix is sigkey-sel', () => {
    const r = adminsCheck({});
    expect(r?.status).toBe('fail');
    expect(commands(r)).toEqual(['ibmcloud tke sigkey-sel']);
  });

  it('an unusable SIGNSERVKEYS fails with its problem, and the fix is the signing service’s, never sigkey-sel', () => {
    const r = adminsCheck({ signingService: { problem: 'SIGNSERVKEYS lists no signature key.' } });
    expect(r).toMatchObject({ status: 'fail', summary: 'SIGNSERVKEYS lists no signature key.' });
    expect(commands(r)).toEqual(['ibmcloud tke cryptounit-admins', 'ibmcloud tke cryptounit-admin-add']);
    expect(r?.fix[1]?.why).toMatch(
      /SIGNSERVKEYS .* cryptounit-admin-add, which asks for the key identifier and its token/,
    );
  });

  it('fewer keys than the threshold fails; enough cannot be judged here (only the service knows whose keys they are)', () => {
    const few = adminsCheck({ signingService: { keys: ['k1'], withToken: 0 } });
    expect(few).toMatchObject({
      status: 'fail',
      summary: 'SIGNSERVKEYS lists 1 signature key(s); the signature threshold needs 2.',
    });
    expect(commands(few)).not.toContain('ibmcloud tke sigkey-sel');
    const enough = adminsCheck({ signingService: { keys: ['k1', 'k2'], withToken: 1 } });
    expect(enough?.status).toBe('unknown');
    expect(enough?.summary).toMatch(
      /^Signatures come from the signing service \(TKE_SIGNSERV_URL\)\. SIGNSERVKEYS lists 2 key\(s\) for 2 signature\(s\)/,
    );
    expect(enough?.evidence).toEqual(['SIGNSERVKEYS: 2 signature key(s), 1 with its token in the file']);
    expect(enough?.units.map((u) => u.status)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(enough?.fix).toEqual([]);
  });

  it('a unit with fewer administrators than the threshold fails whatever the file lists', () => {
    const r = adminsCheck({
      admins: admins.filter((a) => !(a.num === 3 && a.name === 'admin2')),
      signingService: { keys: ['k1', 'k2'], withToken: 0 },
    });
    expect(r?.status).toBe('fail');
    expect(r?.units.find((u) => u.num === 3)).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/^1 administrator\(s\) installed \(need 2\)/),
    });
  });

  it('cannot be judged without the administrators and thresholds', () => {
    expect(
      evaluatePrechecks({ flow: 'auto', signingService: { keys: ['k1', 'k2'], withToken: 0 } }).find(
        (r) => r.id === 'admins',
      )?.status,
    ).toBe('unknown');
  });
});

describe('the advisor with a signing service', () => {
  it('after a failed administrators pre-check, advises SIGNSERVKEYS and cryptounit-admin-add instead of sigkey-sel', async () => {
    const sim = await makeSim('admin-mismatch');
    const r = await run(sim, 'tke auto-mk-rotate');
    const transcripts = [
      { file: 'run', text: `$ ibmcloud tke auto-mk-rotate\n${r.transcript}`, exit: { code: r.exitCode, signal: null } },
    ];
    const plain = classify({ transcripts }).next.map((a) => a.command);
    expect(plain).toContain('ibmcloud tke sigkey-sel');
    const signed = classify({ transcripts, signingService: true });
    expect(signed.phase).toBe('precheck-failed');
    expect(signed.next.map((a) => a.command)).not.toContain('ibmcloud tke sigkey-sel');
    expect(signed.next.map((a) => a.command)).toEqual(
      expect.arrayContaining(['ibmcloud tke cryptounit-admins', 'ibmcloud tke cryptounit-admin-add']),
    );
    // Every other piece of advice is the same, in the same order.
    expect(
      signed.next.filter((a) => !a.command.startsWith('ibmcloud tke cryptounit-admin')).map((a) => a.command),
    ).toEqual(plain.filter((c) => c !== 'ibmcloud tke sigkey-sel'));
  });
});
