// Preloaded (node -r) into a process under test: records every outbound socket
// connection, DNS lookup and UDP send to the file named by NETWORK_RECORD_FILE,
// one JSON line each, so a test can prove the process talks to nothing but
// loopback. Recording (not blocking) keeps the process's own behaviour intact.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const dgram = require('node:dgram');

const file = process.env.NETWORK_RECORD_FILE;
if (file) {
  const record = (entry) => {
    try {
      fs.appendFileSync(file, `${JSON.stringify({ pid: process.pid, ...entry })}\n`);
    } catch {
      // the test reads what it can; never break the process under test
    }
  };

  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function patchedConnect(...args) {
    let options = args[0];
    if (Array.isArray(options)) options = options[0];
    if (typeof options === 'number' || typeof options === 'string') {
      if (typeof options === 'string' && Number.isNaN(Number(options))) {
        record({ kind: 'ipc', path: options });
      } else {
        record({
          kind: 'tcp',
          host: typeof args[1] === 'string' ? args[1] : 'localhost',
          port: Number(options),
        });
      }
    } else if (options && typeof options === 'object') {
      if (options.path) record({ kind: 'ipc', path: options.path });
      else record({ kind: 'tcp', host: options.host ?? 'localhost', port: Number(options.port) });
    }
    return originalConnect.apply(this, args);
  };

  const originalLookup = dns.lookup;
  dns.lookup = function patchedLookup(hostname, ...rest) {
    record({ kind: 'dns', host: hostname });
    return originalLookup.call(this, hostname, ...rest);
  };
  const originalPromiseLookup = dns.promises.lookup;
  dns.promises.lookup = function patchedPromiseLookup(hostname, ...rest) {
    record({ kind: 'dns', host: hostname });
    return originalPromiseLookup.call(this, hostname, ...rest);
  };

  const originalSend = dgram.Socket.prototype.send;
  dgram.Socket.prototype.send = function patchedSend(...args) {
    const address = args.find((a, i) => i > 0 && typeof a === 'string');
    record({ kind: 'udp', host: address ?? 'unknown' });
    return originalSend.apply(this, args);
  };
}
