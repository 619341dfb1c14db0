// One HTTPS request with Node's own https and tls modules, as an app would make it: the URL's
// host is a Tencent API host (the TLS server name and the Host header), the socket goes to
// the emulator on 127.0.0.1 — to its HTTPS port, or through its proxy door (CONNECT).
// Reads {"port", "ca" (a PEM file, or null to trust only Node's store), "host", "path",
// "body", "proxy" (true: tunnel through the HTTP port)} as JSON on stdin; prints
// {"status", "body"} or {"error": code, "message"} as one JSON line.
'use strict';
const fs = require('fs');
const http = require('http');
const https = require('https');
const tls = require('tls');

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const ca = input.ca ? [fs.readFileSync(input.ca)] : undefined;

function done(result) {
  process.stdout.write(JSON.stringify(result) + '\n');
}

function failed(error) {
  done({ error: error.code || 'ERROR', message: String(error.message) });
}

// The Tencent host name, resolved to the emulator: no DNS lookup ever leaves the machine.
function lookup(hostname, options, callback) {
  if (options && options.all) return callback(null, [{ address: '127.0.0.1', family: 4 }]);
  return callback(null, '127.0.0.1', 4);
}

function request(options) {
  const req = https.request(
    { method: 'POST', host: input.host, path: input.path, ca, servername: input.host, lookup,
      headers: { 'Content-Type': 'application/json' }, agent: false, ...options },
    (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode, body }));
    });
  req.on('error', failed);
  req.end(input.body || '');
}

if (input.proxy) {
  // What an HTTPS proxy agent does: CONNECT, then TLS over the tunnel's socket.
  const connect = http.request({ host: '127.0.0.1', port: input.port, method: 'CONNECT',
                                path: `${input.host}:443`, headers: { Host: `${input.host}:443` } });
  connect.on('connect', (res, socket) => {
    if (res.statusCode !== 200) return done({ error: 'CONNECT', message: String(res.statusCode) });
    // No agent, so that Node uses this connection (an agent would dial the host itself).
    request({ agent: undefined, port: 443,
              createConnection: () => tls.connect({ socket, servername: input.host, ca }) });
  });
  connect.on('error', failed);
  connect.end();
} else {
  request({ port: input.port });
}
