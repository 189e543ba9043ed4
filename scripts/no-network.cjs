// Preloaded into tools that try the internet on their own (Electronegativity fetches Electron
// release data and translations): every non-loopback connection fails at once instead of hanging.
// The error is EACCES (access denied), not ECONNREFUSED: got, Electronegativity's HTTP client,
// retries a refused connection twice with a growing back-off, which kept the analyser waiting about
// 8 s of its 13 s run; a denied one it gives up at once.
const net = require('node:net');
const dns = require('node:dns');

const loopback = (host) => !host || host === 'localhost' || host.startsWith('127.') || host === '::1';
const refuse = (host) =>
  Object.assign(new Error(`network access to ${host} is denied in this test run`), { code: 'EACCES' });

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  // net.connect() and http's agents pass their normalised arguments as one array: options first.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { host: args[1] };
  if (options.path === undefined && !loopback(options.host)) {
    process.nextTick(() => this.destroy(refuse(options.host)));
    return this;
  }
  return originalConnect.apply(this, args);
};

const originalLookup = dns.lookup;
dns.lookup = function lookup(host, ...rest) {
  const callback = rest.at(-1);
  if (!loopback(host) && typeof callback === 'function') {
    process.nextTick(() => callback(refuse(host)));
    return {};
  }
  return originalLookup.call(this, host, ...rest);
};
