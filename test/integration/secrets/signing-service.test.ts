// A live workstation whose TKE plug-in signs through a signing service and targets the private
// endpoint (IBM: signing-service.md, secure-connection.md): both settings reach every CLI process the
// app starts, pre-check 5 reads SIGNSERVKEYS instead of sending the administrator to sigkey-sel, and a
// token written in that file appears in nothing the app returns or writes.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/backend.js';
import { requireBuilt } from '../require-built.js';
import { liveWorkstation } from './live-workstation.js';

const URL = 'https://signing.example.internal:9443';
const PRIVATE = 'https://tke.private.us-south.hs-crypto.cloud.ibm.com';
const TOKEN = 'signserv-token-5d1e0c7b';
const TIMEOUT_MS = 180_000;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

describe('a live workstation with a signing service and the private endpoint', () => {
  it(
    'passes both to the CLI and judges pre-check 5 from SIGNSERVKEYS, never keeping its token',
    async () => {
      requireBuilt('dist/electron/cli/ibmcloud-sim.js', ['electron/cli', 'shared']);
      const ws = liveWorkstation({ TKE_SIGNSERV_URL: URL, TKE_PRIVATE_ADDR: PRIVATE });
      expect(ws.sim(['sim', 'reset', '--scenario', 'default', '--keys', '30']).status).toBe(0);
      expect(ws.sim(['login', '--apikey', 'set-up-only']).status).toBe(0);
      const backend = createBackend({
        host: 'browser',
        env: ws.env,
        dataDir: ws.dataDir,
        forceDemo: false,
        name: 'mkra',
        version: 'signserv',
      });
      const h = backend.handlers;
      const info = await h['app:get-info']({});
      expect(info.mode).toBe('live');
      expect(info.tkeEnv).toEqual({ signingService: true, privateEndpoint: PRIVATE });

      // No SIGNSERVKEYS yet: the check fails with that problem, and its fix is the signing service's.
      const first = await h['precheck:run']({ flow: 'auto' });
      const admins = first.results.find((r) => r.id === 'admins');
      expect(admins).toMatchObject({
        status: 'fail',
        summary: expect.stringMatching(/no SIGNSERVKEYS file in CLOUDTKEFILES/),
      });
      expect(admins?.fix.map((f) => f.command)).toEqual([
        'ibmcloud tke cryptounit-admins',
        'ibmcloud tke cryptounit-admin-add',
      ]);
      const blocked = await h['rotation:start']({ flow: 'auto', confirmed: ['pkcs11-keystores', 'api-quiet'] }).then(
        () => 'started',
        (e: Error) => e.message,
      );
      expect(blocked).toMatch(/pre-checks failed: admins/);

      // Two keys listed, one with its token: enough for the thresholds, but not judgeable here.
      writeFileSync(
        join(ws.keyFilesDir, 'SIGNSERVKEYS'),
        JSON.stringify([{ key: 'admin1-key', token: TOKEN }, { key: 'admin2-key' }]),
      );
      const second = await h['precheck:run']({ flow: 'auto' });
      expect(second.results.find((r) => r.id === 'admins')).toMatchObject({
        status: 'unknown',
        evidence: ['SIGNSERVKEYS: 2 signature key(s), 1 with its token in the file'],
      });
      expect(second.signingService).toEqual({ keys: ['admin1-key', 'admin2-key'], withToken: 1 });
      expect(JSON.stringify(second)).not.toContain(TOKEN);

      // Every CLI process the app started had both settings; nothing the app wrote holds the token or the URL.
      const spawned = ws.records();
      expect(spawned.length).toBeGreaterThanOrEqual(10);
      for (const r of spawned) expect(r.env).toMatchObject({ TKE_SIGNSERV_URL: URL, TKE_PRIVATE_ADDR: PRIVATE });
      for (const path of filesUnder(ws.dataDir)) {
        const text = readFileSync(path, 'latin1');
        expect(text, path).not.toContain(TOKEN);
        expect(text, path).not.toContain(URL);
      }
    },
    TIMEOUT_MS,
  );
});
