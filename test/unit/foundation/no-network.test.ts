/**
 * scripts/no-network.cjs, preloaded into Electronegativity by the security gate: a connection or a
 * name lookup beyond loopback fails at once with EACCES (which got, the analyser's HTTP client, does
 * not retry), while loopback still connects.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const PRELOAD = join(import.meta.dirname, '..', '..', '..', 'scripts', 'no-network.cjs');

const PROBE = `
const net = require('node:net');
const dns = require('node:dns');
const seen = {};
const done = () => { if (Object.keys(seen).length === 3) { console.log(JSON.stringify(seen)); process.exit(0); } };
// A documentation-only address (RFC 5737): it never answers, so without the preload this hangs.
net.connect({ host: '192.0.2.1', port: 80 }).on('error', (e) => { seen.remote = e.code; done(); });
dns.lookup('example.com', (e) => { seen.lookup = e ? e.code : 'resolved'; done(); });
const server = net.createServer((s) => s.end()).listen(0, '127.0.0.1', () => {
  net.connect({ host: '127.0.0.1', port: server.address().port }, function () { seen.loopback = 'connected'; this.end(); server.close(); done(); });
});
setTimeout(() => { console.log(JSON.stringify({ ...seen, hung: true })); process.exit(1); }, 20000).unref();
`;

describe('the network denial preloaded into the security analyser', () => {
  it('fails remote connections and lookups at once with EACCES and lets loopback through', () => {
    const r = spawnSync(process.execPath, ['--require', PRELOAD, '-e', PROBE], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ remote: 'EACCES', lookup: 'EACCES', loopback: 'connected' });
  });
});
