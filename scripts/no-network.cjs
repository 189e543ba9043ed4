// Preloaded into tools that try the internet on their own (Electronegativity fetches Electron
// release data and translations): every non-loopback connection fails at once instead of hanging.
const net = require('node:net');
const dns = require('node:dns');

const loopback = (host) => !host || host === 'localhost' || host.startsWith('127.') || host === '::1';
const refuse = (host) =>
  Object.assign(new Error(`network access to ${host} is denied in this test run`), { code: 'ECONNREFUSED' });

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const options = typeof args[0] === 'object' && args[0] !== null ? args[0] : { host: args[1] };
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
