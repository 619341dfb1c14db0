#!/usr/bin/env node
// Makes UserSigs with Tencent's official generator (npm tls-sig-api-v2, pinned in
// package.json) for trtc-emulator's tests.
//
// Input (stdin): a JSON array of requests
//   [{"sdkappid":1400000000,"key":"...","identifier":"administrator","expire":86400,
//     "time":1700000000}]          // "time" (Unix seconds) is optional: pins the clock
// Output (stdout): a JSON array of UserSig strings, in the same order.
'use strict';
const TLSSigAPIv2 = require('tls-sig-api-v2');

function generate(request) {
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
