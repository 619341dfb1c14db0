#!/usr/bin/env node
// Makes UserSigs with Tencent's official generator (npm tls-sig-api-v2, pinned in
// package.json) for trtc-emulator's tests.
//
// Input (stdin): a JSON array of requests
//   [{"sdkappid":1400000000,"key":"...","identifier":"administrator","expire":86400,
//     "time":1700000000,           // optional: pins the generator's clock (Unix seconds)
//     "tamper":{"TLS.expire":1}}]  // optional: members to overwrite after signing
// Output (stdout): a JSON array of UserSig strings, in the same order.
'use strict';
const zlib = require('zlib');
const TLSSigAPIv2 = require('tls-sig-api-v2');

// Rewrites signed members without re-signing: the result decodes fine but its HMAC no
// longer matches, which is what a tampered UserSig looks like to a verifier.
function tamper(sig, members) {
  const base64 = sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  const doc = JSON.parse(zlib.inflateSync(Buffer.from(base64, 'base64')).toString('utf8'));
  Object.assign(doc, members);
  const packed = zlib.deflateSync(Buffer.from(JSON.stringify(doc))).toString('base64');
  return packed.replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

function generate(request) {
  const sig = sign(request);
  return request.tamper ? tamper(sig, request.tamper) : sig;
}

function sign(request) {
  const api = new TLSSigAPIv2.Api(request.sdkappid, request.key);
  if (request.time === undefined) return api.genUserSig(request.identifier, request.expire);
  // The package reads the clock through Date.now(); pin it to make old (expired) sigs.
  const realNow = Date.now;
  Date.now = () => request.time * 1000;
  try {
    return api.genUserSig(request.identifier, request.expire);
  } finally {
    Date.now = realNow;
  }
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const requests = JSON.parse(input);
  process.stdout.write(JSON.stringify(requests.map(generate)) + '\n');
});
