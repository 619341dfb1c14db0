#!/usr/bin/env node
// The dashboard (GET /_emulator/ui) driven in headless Chromium against a real emulator.
//
//   node tests/browser/dashboard_test.js --emulator build/test/trtc-emulator --out build/dashboard-shots \
//        [--screenshot docs/dashboard.png]
//
// Needs `npm install` in tests/node (puppeteer-core) and Chromium: $CHROMIUM, else
// /usr/bin/chromium. Without them it prints SKIP and exits 77 (ctest's skip code), unless
// TRTC_REQUIRE_BROWSER=1, when it fails. Exit 0: passed; 1: failed.
//
// It starts a callback receiver and the emulator (a temporary fixture seeding callback
// configurations of every family, a populated room, a call record and a gift), then in
// the page: picks the app, plays a call from the Tools form and watches its deliveries
// become "delivered" in the outbox without a reload, replays one, sees REST requests made
// from here appear in the journal live, filters the journal by API and by error code,
// opens a row, adds a fault and moves the clock through their forms, makes a UserSig,
// looks at every view (a screenshot of each in --out), switches apps and resets one. Any
// console error or warning, page error, failed request or request to another origin fails it.
'use strict';

const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { createRequire } = require('module');

const TIMEOUT_MS = 90_000;
const STEP_TIMEOUT_MS = 15_000;
const APP = 1400000000;
const OTHER_APP = 1400000001;
const APP_KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const OTHER_KEY = '560751327f3e51c9a8d9da9c4d1123331839267904736b676155819ef6571108';
const SKIP = 77;

const started = Date.now();
let lastStep = '';
const log = (message) => {
  lastStep = message;
  console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
};

// ---------------------------------------------------------------- arguments, skips

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, joined] = argv[i].split(/=(.*)/s);
    const name = { '--emulator': 'emulator', '--out': 'out', '--screenshot': 'screenshot' }[flag];
    if (!name) usage(`unknown argument ${argv[i]}`);
    const value = joined !== undefined ? joined : argv[++i];
    if (!value) usage(`${flag} needs a value`);
    args[name] = value;
  }
  if (!args.emulator || !args.out) usage('--emulator and --out are required');
  return args;
}

function usage(problem) {
  console.error(`dashboard_test: ${problem}\n` +
    'usage: node tests/browser/dashboard_test.js --emulator PATH --out DIR [--screenshot FILE]');
  process.exit(2);
}

// Missing Chromium or puppeteer-core: a skip, unless the environment demands the browser.
function unavailable(message) {
  if (process.env.TRTC_REQUIRE_BROWSER === '1') {
    console.error(`FAIL: ${message} (TRTC_REQUIRE_BROWSER=1 requires the browser test to run)`);
    process.exit(1);
  }
  console.log(`SKIP: ${message}`);
  process.exit(SKIP);
}

function findChromium() {
  const candidate = process.env.CHROMIUM || '/usr/bin/chromium';
  try {
    fs.accessSync(candidate, fs.constants.X_OK);
    return candidate;
  } catch {
    return unavailable(`no Chromium at ${candidate} (set CHROMIUM to its path)`);
  }
}

function loadPuppeteer() {
  const requireFromNode = createRequire(path.join(__dirname, '..', 'node', 'package.json'));
  try {
    return requireFromNode('puppeteer-core');
  } catch {
    return unavailable('puppeteer-core is not installed (run `npm install` in tests/node)');
  }
}

// ---------------------------------------------------------------- helpers

class Failure extends Error {}

function check(condition, message) {
  if (!condition) throw new Failure(message);
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls fn until it returns something truthy; fails with `what` after the timeout.
async function until(fn, what, timeout = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Failure(`timed out waiting for ${what}`);
    await pause(25);
  }
}

// One HTTP request; resolves {status, headers, body, json}.
function request(base, method, target, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(target, base);
    const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = http.request(url, {
      method,
      headers: { ...(data !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {}), ...headers },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try { json = JSON.parse(text); } catch { json = null; }
        resolve({ status: res.statusCode, headers: res.headers, body: text, json });
      });
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${target} timed out`)));
    if (data !== undefined) req.write(data);
    req.end();
  });
}

// ---------------------------------------------------------------- the callback receiver

function startReceiver() {
  const receiver = { posts: [], server: null, url: '' };
  receiver.server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST') receiver.posts.push({ url: req.url, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}');
    });
  });
  return new Promise((resolve, reject) => {
    receiver.server.once('error', reject);
    receiver.server.listen(0, '127.0.0.1', () => {
      receiver.url = `http://127.0.0.1:${receiver.server.address().port}`;
      resolve(receiver);
    });
  });
}

// ---------------------------------------------------------------- the emulator

function fixture(receiverUrl) {
  const now = Math.floor(Date.now() / 1000);
  return {
    apps: [
      { sdkappid: APP, key: APP_KEY, admins: ['administrator'] },
      { sdkappid: OTHER_APP, key: OTHER_KEY, admins: ['administrator', 'ops_admin'],
        packages: { call_group: false, live: true }, rate_limits: { 'v1/callback/get': 50 } },
    ],
    call_callbacks: [{ sdkappid: APP, url: `${receiverUrl}/v4`,
      commands: ['Call.CallbackAfterStartCall', 'Call.CallbackAfterMemberChanged', 'Call.CallbackAfterEndCall'] }],
    callkit_callbacks: [{ sdkappid: APP, address: `${receiverUrl}/v1`,
      actions: ['caller_start_call', 'callee_receive_call', 'callee_accept_call', 'normal_end'] }],
    live_callbacks: [{ sdkappid: APP, url: `${receiverUrl}/live`,
      commands: ['Live.CallbackAfterCreateRoom', 'Live.CallbackAfterMemberStateChanged'],
      token: 'dashboard-token', token_enabled: true }],
    room_callbacks: [{ sdkappid: APP, url: `${receiverUrl}/room`, commands: ['Room.CallbackAfterCreateRoom'] }],
    rooms: [{ sdkappid: APP, room_id: 'live-room', metadata: { theme: 'dark', topic: 'launch' },
      room_info: { RoomName: 'Launch party', Owner_Account: 'alice', MaxSeatCount: 4 },
      members: ['alice', 'bob', 'carol'], admins: ['alice'], seats: { 0: 'alice', 2: 'bob' } }],
    call_records: [{ sdkappid: APP, call_id: 'seeded-call-1', caller: 'alice', callees: ['bob'],
      media_type: 'Video', room_id: 'room-9', outcome: 'normal_end',
      start_time: now - 3600, accept_time: now - 3595, end_time: now - 3480 }],
    gifts: [{ sdkappid: APP, gift_id: 'rose', coins: 10, default_name: 'Rose',
      languages: { en: { name: 'Rose', desc: 'A red rose' } } }],
    gift_categories: [{ sdkappid: APP, category_id: 'hot', default_name: 'Hot', gift_ids: ['rose'] }],
  };
}

function startEmulator(binary, fixtureFile) {
  const child = spawn(binary, ['--port', '0', '--in-memory', '--fixtures', fixtureFile, '--rate-limits', 'off'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const emulator = { child, output: '', base: '' };
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { emulator.output += d; });
  return new Promise((resolve, reject) => {
    child.once('error', (e) => reject(new Failure(`cannot start ${binary}: ${e.message}`)));
    child.once('exit', (code, signal) => reject(new Failure(
      `the emulator exited (${signal || code}) before it was ready:\n${emulator.output}`)));
    child.stdout.on('data', (d) => {
      emulator.output += d;
      const ready = /trtc-emulator listening on (http:\/\/[^\s:]+:\d+)/.exec(emulator.output);
      if (ready && !emulator.base) {
        emulator.base = ready[1];
        resolve(emulator);
      }
    });
  });
}

function stopEmulator(emulator) {
  if (!emulator || emulator.child.exitCode !== null || emulator.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => emulator.child.kill('SIGKILL'), 3000);
    emulator.child.once('exit', () => { clearTimeout(kill); resolve(); });
    emulator.child.kill('SIGTERM');
  });
}

// ---------------------------------------------------------------- the test

async function run(args, env) {
  const puppeteer = loadPuppeteer();
  const chromium = findChromium();
  fs.mkdirSync(args.out, { recursive: true });

  env.receiver = await startReceiver();
  env.fixtureFile = path.join(os.tmpdir(), `trtc-dashboard-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(env.fixtureFile, JSON.stringify(fixture(env.receiver.url), null, 2));
  env.emulator = await startEmulator(args.emulator, env.fixtureFile);
  const base = env.emulator.base;
  const receiver = env.receiver;
  log(`emulator at ${base}, receiver at ${receiver.url}`);

  const api = (method, target, body, headers) => request(base, method, target, body, headers);
  const rest = async (apiPath, usersig, body = {}) => {
    const reply = await api('POST', `/${apiPath}?sdkappid=${APP}&identifier=administrator&usersig=${encodeURIComponent(usersig)}` +
      `&random=${Math.floor(Math.random() * 1e9)}&contenttype=json`, body);
    check(reply.status === 200 && reply.json, `${apiPath}: HTTP ${reply.status} ${reply.body}`);
    return reply.json;
  };

  // A browser asking for / is sent to the dashboard; the page's files hold no other host.
  const root = await api('GET', '/', undefined, { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
  check(root.status === 302 && root.headers.location === '/_emulator/ui',
    `GET / for a browser: expected 302 to /_emulator/ui, got ${root.status} ${root.headers.location}`);
  await checkAssets(api);

  env.browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-extensions'],
  });
  const page = await env.browser.newPage();
  env.page = page;
  await page.setViewport({ width: 1280, height: 800 });
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const problems = env.problems;
  page.on('console', (m) => {
    if (['error', 'warn', 'warning', 'assert'].includes(m.type())) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // The event stream is cut when the page goes away; anything else is a problem.
    if (!env.closing) problems.push(`request failed: ${r.url()} (${r.failure() && r.failure().errorText})`);
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${base}/`) && !url.startsWith('data:')) problems.push(`request to another origin: ${url}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`); });
  // A screenshot once the last toast has gone, with no input focused.
  const shot = async (name, file = path.join(args.out, `${name}.png`)) => {
    await page.waitForFunction(() => !document.querySelector('[data-testid="toast"]'), { timeout: 5000 });
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.screenshot({ path: file });
  };
  const noProblems = (when) => check(problems.length === 0, `${when}:\n  ${problems.join('\n  ')}`);

  // ---- the page and its app picker
  await page.goto(`${base}/_emulator/ui`, { waitUntil: 'load' });
  await page.evaluate(() => { window.__dashboardLoadedOnce = true; });
  await page.waitForSelector('[data-testid="app-picker"] option');
  const apps = await page.$$eval('[data-testid="app-picker"] option', (os_) => os_.map((o) => o.value));
  check(apps.includes(String(APP)) && apps.includes(String(OTHER_APP)), `app picker lists ${apps}`);
  check(await page.$eval('[data-testid="app-picker"]', (s) => s.value) === String(APP), 'the first app is picked');
  await page.waitForFunction(() => location.hash === '#/1400000000/requests');
  await page.waitForSelector('[data-testid="live-status"][data-state="live"]');
  // A fresh emulator: the journal says how to fill it, with this emulator's address.
  await page.waitForSelector('[data-testid="journal-empty"]');
  const emptyText = await page.$eval('[data-testid="journal-empty"]', (e) => e.textContent);
  check(emptyText.includes(`${base}/_emulator/usersig`), `the empty journal names ${base}: ${emptyText}`);
  log('app picker, live indicator and empty journal OK');

  // ---- play a call from the Tools form, watch the outbox fill without a reload
  await page.click('[data-testid="nav-tools"]');
  await page.waitForSelector('[data-testid="call-form"]');
  await fill(page, '[data-testid="call-caller"]', 'alice');
  await fill(page, '[data-testid="call-callees"]', 'bob');
  await page.select('[data-testid="call-media"]', 'Video');
  await page.select('[data-testid="call-outcome"]', 'normal_end');
  await fill(page, '[data-testid="call-room"]', 'dash-room-1');
  await page.click('[data-testid="call-submit"]');
  await page.waitForSelector('[data-testid="call-result"][data-call-id]');
  const played = await page.$eval('[data-testid="call-result"]', (e) => ({ id: e.dataset.callId, n: Number(e.dataset.deliveries) }));
  check(played.n >= 4, `the call made ${played.n} deliveries; expected v4 and v1 ones`);
  await page.click('[data-testid="call-open-outbox"]');
  await page.waitForFunction((callId, n) => {
    const rows = [...document.querySelectorAll('[data-testid="outbox-row"]')].filter((r) => r.dataset.callId === callId);
    return rows.length === n && rows.every((r) => r.dataset.state === 'delivered' && r.dataset.attempts === '1');
  }, {}, played.id, played.n);
  await until(() => receiver.posts.length >= played.n, `${played.n} callbacks at the receiver`);
  const families = await page.$$eval('[data-testid="outbox-row"]', (rows) => [...new Set(rows.map((r) => r.dataset.family))].sort());
  check(families.join() === 'v1,v4', `the outbox shows families ${families}`);
  log(`call ${played.id}: ${played.n} deliveries delivered, live in the outbox`);
  await shot('outbox');

  // ---- replay one: its attempt count grows, the receiver gets it once more
  const target = await page.$eval('[data-testid="outbox-row"]', (r) => ({ id: r.dataset.id, command: r.dataset.command }));
  const before = receiver.posts.length;
  await page.evaluate((id) => {
    document.querySelector(`[data-testid="outbox-row"][data-id="${id}"] [data-testid="outbox-replay"]`).click();
  }, target.id);
  await page.waitForFunction((id) => {
    const row = document.querySelector(`[data-testid="outbox-row"][data-id="${id}"]`);
    return row && row.dataset.attempts === '2' && row.dataset.state === 'delivered';
  }, {}, target.id);
  await until(() => receiver.posts.length === before + 1, 'the replayed callback at the receiver');
  const replayed = receiver.posts[receiver.posts.length - 1].body;
  check(receiver.posts.slice(0, before).some((p) => p.body === replayed), `the replay is a first delivery's body again: ${replayed}`);
  await page.evaluate((id) => document.querySelector(`[data-testid="outbox-row"][data-id="${id}"]`).click(), target.id);
  await page.waitForFunction((id) => {
    const detail = document.querySelector(`[data-testid="outbox-detail"][data-id="${id}"]`);
    return detail && detail.querySelectorAll('[data-testid="outbox-attempt"]').length === 2 &&
      detail.querySelector('[data-testid="outbox-body"]').textContent.trim().startsWith('{');
  }, {}, target.id);
  log(`replayed delivery ${target.id} (${target.command}): 2 attempts`);
  await shot('outbox-detail');

  // A call played from elsewhere while the outbox is on screen shows up by itself.
  const rejected = await api('POST', '/_emulator/calls',
    { sdkappid: APP, caller: 'carol', callees: ['dave'], media_type: 'Audio', outcome: 'reject' });
  check(rejected.status === 200 && rejected.json.deliveries.length > 0, `POST /_emulator/calls: ${rejected.body}`);
  await page.waitForFunction((callId, n) => {
    const rows = [...document.querySelectorAll('[data-testid="outbox-row"]')].filter((r) => r.dataset.callId === callId);
    return rows.length === n && rows.every((r) => r.dataset.state === 'delivered');
  }, {}, rejected.json.call_id, rejected.json.deliveries.length);
  log(`call ${rejected.json.call_id} played from the test: ${rejected.json.deliveries.length} deliveries appeared live`);

  // ---- REST requests from here show up in the journal, live
  await page.click('[data-testid="nav-requests"]');
  await page.waitForSelector('[data-testid="journal-empty"]');
  const bad = await rest('v4/call_config/get_callback', 'bad');
  check(bad.ErrorCode !== 0, `a bad UserSig answered ${JSON.stringify(bad)}`);
  const sig = await api('POST', '/_emulator/usersig', { sdkappid: APP, identifier: 'administrator', expire: 3600 });
  check(sig.status === 200 && sig.json.usersig, `POST /_emulator/usersig: ${sig.body}`);
  const usersig = sig.json.usersig;
  check((await rest('v4/call_config/get_callback', usersig)).ErrorCode === 0, 'get_callback with a good UserSig');
  check((await rest('v4/live_engine_http_srv/get_room_list', usersig, { Next: '', Count: 20 })).ErrorCode === 0, 'get_room_list');
  check((await rest('v4/live_engine_http_srv/create_room', usersig,
    { RoomInfo: { RoomId: 'dash-room', RoomType: 'Live', RoomName: 'Dashboard demo', Owner_Account: 'alice', MaxSeatCount: 2 } })).ErrorCode === 0,
  'create_room');
  check((await rest('v4/live_engine_http_srv/send_text_msg', usersig,
    { RoomId: 'live-room', Sender_Account: 'bob', TextContent: 'hello from the dashboard test' })).ErrorCode === 0, 'send_text_msg');
  const joined = await api('POST', '/_emulator/rooms/members', { sdkappid: APP, room_id: 'live-room', join: ['dave'] });
  check(joined.status === 200, `POST /_emulator/rooms/members: ${joined.body}`);
  let journalled = 5;
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="journal-row"]').length === n, {}, journalled);
  const codes = await page.$$eval('[data-testid="journal-row"]', (rows) => rows.map((r) => [r.dataset.api, Number(r.dataset.errorCode)]));
  check(codes[0][0] === 'v4/live_engine_http_srv/send_text_msg', `newest first: ${JSON.stringify(codes)}`);
  check(codes[codes.length - 1][0] === 'v4/call_config/get_callback' && codes[codes.length - 1][1] === bad.ErrorCode,
    `the bad request, with its code, last: ${JSON.stringify(codes)}`);
  log(`${journalled} REST requests appeared in the journal live`);

  // ---- filters: by API, by result, by one error code
  const visible = () => page.$$eval('[data-testid="journal-row"]', (rows) => rows.map((r) => ({ api: r.dataset.api, code: Number(r.dataset.errorCode) })));
  const waitRows = (n) => page.waitForFunction((count) => document.querySelectorAll('[data-testid="journal-row"]').length === count, {}, n);
  await fill(page, '[data-testid="journal-api-filter"]', 'get_callback');
  await waitRows(2);
  check((await visible()).every((r) => r.api === 'v4/call_config/get_callback'), 'the API filter shows only get_callback');
  await page.select('[data-testid="journal-error-filter"]', 'errors');
  await waitRows(1);
  check((await visible())[0].code === bad.ErrorCode, 'errors only: the bad request');
  await page.select('[data-testid="journal-error-filter"]', 'ok');
  await waitRows(1);
  check((await visible())[0].code === 0, 'successes only: the good get_callback');
  await fill(page, '[data-testid="journal-api-filter"]', '');
  await waitRows(4);
  check((await visible()).every((r) => r.code === 0), 'successes only, every API');
  const codeOptions = await page.$$eval('[data-testid="journal-error-filter"] option', (os_) => os_.map((o) => o.value));
  check(codeOptions.includes(`code:${bad.ErrorCode}`), `the result filter offers code ${bad.ErrorCode}: ${codeOptions}`);
  await page.select('[data-testid="journal-error-filter"]', `code:${bad.ErrorCode}`);
  await waitRows(1);
  const count = await page.$eval('[data-testid="journal-count"]', (e) => e.textContent);
  check(count.includes('1 of 5'), `the count says ${count}`);
  log('journal filters by API, errors only, successes only and one code OK');

  // ---- open the bad request: host, identifier, bodies
  await page.evaluate(() => document.querySelector('[data-testid="journal-row"]').click());
  await page.waitForSelector('[data-testid="journal-detail"] [data-testid="journal-response-body"]');
  const detail = await page.$eval('[data-testid="journal-detail"]', (d) => ({
    host: d.querySelector('[data-testid="journal-host"]').textContent,
    identifier: d.querySelector('[data-testid="journal-identifier"]').textContent,
    request: d.querySelector('[data-testid="journal-request-body"]').textContent,
    response: d.querySelector('[data-testid="journal-response-body"]').textContent,
  }));
  check(detail.response.includes(`"ErrorCode": ${bad.ErrorCode}`), `the response body: ${detail.response}`);
  check(detail.response.includes('\n'), 'the response body is pretty-printed');
  check(detail.request.trim() === '{}', `the request body: ${detail.request}`);
  check(detail.host === base.replace('http://', ''), `the host: ${detail.host}`);
  check(detail.identifier === 'administrator', `the identifier: ${detail.identifier}`);
  await page.select('[data-testid="journal-error-filter"]', 'all');
  await waitRows(5);
  check(await page.$('[data-testid="journal-detail"]') !== null, 'the open row stays open when the filter changes');
  // A live update adds the new row above and leaves the open one alone (same element:
  // a text selection in it survives).
  await page.$eval('[data-testid="journal-detail"]', (d) => { d.__kept = true; });
  check((await rest('v4/live_engine_http_srv/get_room_info', usersig, { RoomId: 'live-room' })).ErrorCode === 0, 'get_room_info');
  journalled += 1;
  await waitRows(journalled);
  check(await page.$eval('[data-testid="journal-detail"]', (d) => d.__kept === true), 'the open row was rebuilt by a live update');
  await shot('journal');
  if (args.screenshot) {
    fs.mkdirSync(path.dirname(path.resolve(args.screenshot)), { recursive: true });
    await shot('main', args.screenshot);
  }
  log('journal row opened: host, identifier, request and response bodies');

  // ---- the outbox got the LiveKit callbacks of create_room and the join, live
  await page.click('[data-testid="nav-callbacks"]');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="outbox-row"]')]
    .filter((r) => r.dataset.family === 'live' && r.dataset.state === 'delivered').length === 2);
  check(await page.$('[data-testid="outbox-row"][data-room-id="dash-room"][data-command="Live.CallbackAfterCreateRoom"]') !== null,
    'the LiveKit create-room delivery names its room');

  // ---- state views: configuration, rooms, call records, accounts and gifts
  await page.click('[data-testid="nav-config"]');
  await page.waitForSelector('[data-testid="config-call_config"] [data-testid="config-url"]');
  for (const [family, url] of [['call_config', '/v4'], ['callkit_callback', '/v1'], ['live_config', '/live'], ['room_config', '/room']]) {
    const shown = await page.$eval(`[data-testid="config-${family}"] [data-testid="config-url"]`, (e) => e.textContent);
    check(shown === `${receiver.url}${url}`, `${family} URL: ${shown}`);
  }
  check(await page.$eval('[data-testid="live-token"]', (e) => e.textContent) === 'dashboard-token', 'the LiveKit token');
  await shot('config');

  await page.click('[data-testid="nav-rooms"]');
  await page.waitForSelector('[data-testid="room-card"][data-room-id="live-room"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="room-card"]').length === 2);
  const room = await page.$eval('[data-testid="room-card"][data-room-id="live-room"]', (card) => ({
    members: [...card.querySelectorAll('[data-testid="room-member"]')].map((m) => m.textContent),
    seats: [...card.querySelectorAll('[data-testid="room-seat"]')].map((s) => s.dataset.member || ''),
    metadata: card.querySelector('[data-testid="room-metadata"]').textContent,
  }));
  check(room.members.length === 4 && room.members[0].startsWith('alice') && room.members.includes('dave'), `members: ${room.members}`);
  check(room.seats.join() === 'alice,,bob,', `seats: ${room.seats}`);
  check(room.metadata.includes('theme') && room.metadata.includes('launch'), `metadata: ${room.metadata}`);
  await page.evaluate(() => document.querySelector('[data-testid="room-card"][data-room-id="live-room"] [data-testid="room-messages-load"]').click());
  await page.waitForFunction(() => {
    const m = document.querySelector('[data-testid="room-card"][data-room-id="live-room"] [data-testid="room-messages"]');
    return m && m.textContent.includes('hello from the dashboard test');
  });
  await shot('rooms');

  await page.click('[data-testid="nav-records"]');
  await page.waitForFunction((callId) => {
    const ids = [...document.querySelectorAll('[data-testid="record-row"]')].map((r) => r.dataset.callId);
    return ids.includes(callId) && ids.includes('seeded-call-1');
  }, {}, played.id);
  await shot('records');

  await page.click('[data-testid="nav-accounts"]');
  await page.waitForSelector('[data-testid="gifts-table"]');
  const accounts = await page.$$eval('[data-testid="account-chip"]', (cs) => cs.map((c) => c.textContent));
  check(['administrator', 'alice', 'bob', 'dave'].every((a) => accounts.includes(a)), `accounts: ${accounts}`);
  await shot('accounts');
  log('configuration, rooms (members, seats, metadata, messages), call records, accounts and gifts OK');

  // ---- faults and the clock, through their forms
  await page.click('[data-testid="nav-faults"]');
  await page.waitForSelector('[data-testid="faults-empty"]');
  await fill(page, '[data-testid="fault-api"]', 'v4/call_config/get_callback');
  await fill(page, '[data-testid="fault-error-code"]', '100001');
  await fill(page, '[data-testid="fault-times"]', '1');
  await page.click('[data-testid="fault-add"]');
  await page.waitForSelector('[data-testid="fault-row"][data-api="v4/call_config/get_callback"]');
  const faulted = await rest('v4/call_config/get_callback', usersig);
  check(faulted.ErrorCode === 100001, `the fault answered ${JSON.stringify(faulted)}`);
  await page.waitForFunction(() => {
    const row = document.querySelector('[data-testid="fault-row"]');
    return row && row.textContent.includes('spent');
  });
  await page.click('[data-testid="clock-plus-day"]');
  await page.waitForSelector('[data-testid="clock-offset-display"][data-offset="86400"]');
  const clock = await api('GET', '/_emulator/clock');
  check(clock.json.offset_s === 86400, `the clock: ${clock.body}`);
  await shot('faults');
  await page.click('[data-testid="clock-reset"]');
  await page.waitForSelector('[data-testid="clock-offset-display"][data-offset="0"]');
  log('fault added and fired, clock moved and put back through the forms');

  // ---- a UserSig from the Tools form works
  await page.click('[data-testid="nav-tools"]');
  await fill(page, '[data-testid="usersig-identifier"]', 'administrator');
  await fill(page, '[data-testid="usersig-expire"]', '600');
  await page.click('[data-testid="usersig-submit"]');
  await page.waitForSelector('[data-testid="usersig-value"]');
  const madeSig = await page.$eval('[data-testid="usersig-value"]', (e) => e.textContent);
  check((await rest('v4/call_config/get_callback', madeSig)).ErrorCode === 0, 'the UserSig the form made is accepted');
  await shot('tools');
  log('UserSig made in the Tools form is accepted by the API');

  // ---- the other app: its own (empty) lists, remembered in the URL
  await page.select('[data-testid="app-picker"]', String(OTHER_APP));
  await page.waitForFunction(() => location.hash === '#/1400000001/tools');
  await page.click('[data-testid="nav-callbacks"]');
  await page.waitForSelector('[data-testid="outbox-empty"]');
  await page.click('[data-testid="nav-config"]');
  await page.waitForSelector('[data-testid="config-call_config"].config-none');
  await shot('config-other-app');
  // Back goes to the previous view of the same app (each move is a history entry).
  await page.evaluate(() => history.back());
  await page.waitForFunction(() => location.hash === '#/1400000001/callbacks');
  await page.waitForSelector('[data-testid="outbox-empty"]');
  await page.select('[data-testid="app-picker"]', String(APP));
  await page.waitForFunction(() => location.hash === '#/1400000000/callbacks');

  // ---- reset the app from the header (after the confirm dialog)
  await page.click('[data-testid="nav-requests"]');
  await page.waitForFunction(() => location.hash === '#/1400000000/requests');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="journal-row"]').length === n, {}, journalled + 2);
  page.once('dialog', (dialog) => dialog.accept());
  await page.click('[data-testid="reset-app"]');
  await page.waitForSelector('[data-testid="journal-empty"]');
  await page.click('[data-testid="nav-rooms"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="room-card"]').length === 1);
  check(await page.evaluate(() => window.__dashboardLoadedOnce === true), 'the page was never reloaded');
  log('reset from the header: journal empty, rooms back to the seed');

  noProblems('the page reported problems');
  env.closing = true;
}

// Every file the page loads (index.html, what it names, the modules they import) is
// served, and none holds an absolute URL: the page never names another host.
async function checkAssets(api) {
  const seen = new Set();
  const queue = ['/_emulator/ui'];
  while (queue.length) {
    const target = queue.shift();
    if (seen.has(target)) continue;
    seen.add(target);
    const reply = await api('GET', target);
    check(reply.status === 200, `GET ${target}: HTTP ${reply.status}`);
    if (/\.(png|ico)$/.test(target)) continue;
    check(!/https?:\/\//i.test(reply.body), `${target} holds an absolute URL`);
    for (const m of reply.body.matchAll(/(?:src|href)="(\/_emulator\/ui\/[^"]+)"/g)) queue.push(m[1]);
    for (const m of reply.body.matchAll(/(?:import|from)\s*(?:\{[^}]*\}\s*from\s*)?'\.\/([\w.-]+\.js)'/g)) queue.push(`/_emulator/ui/${m[1]}`);
  }
  check(seen.size >= 4, `the page loads ${[...seen]}`);
}

async function fill(page, selector, value) {
  await page.$eval(selector, (el) => { el.value = ''; });
  if (value) await page.type(selector, value);
  else await page.$eval(selector, (el) => el.dispatchEvent(new Event('input', { bubbles: true })));
}

async function cleanup(env) {
  env.closing = true;
  if (env.browser) await env.browser.close().catch(() => {});
  await stopEmulator(env.emulator);
  if (env.receiver && env.receiver.server) await new Promise((resolve) => env.receiver.server.close(() => resolve()));
  if (env.fixtureFile) fs.rmSync(env.fixtureFile, { force: true });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const env = { problems: [], closing: false };
  // Whatever happens, the emulator does not outlive this process.
  process.on('exit', () => {
    if (env.emulator && env.emulator.child.exitCode === null) env.emulator.child.kill('SIGKILL');
    if (env.fixtureFile) fs.rmSync(env.fixtureFile, { force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => { cleanup(env).finally(() => process.exit(1)); });
  }
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Failure(`the test took longer than ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  let failure = null;
  try {
    await Promise.race([run(args, env), timeout]);
  } catch (error) {
    failure = error;
    if (env.page) {
      await Promise.race([env.page.screenshot({ path: path.join(args.out, 'failure.png') }).catch(() => {}), pause(3000)]);
    }
  }
  clearTimeout(timer);
  await Promise.race([cleanup(env), pause(10_000)]);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failure) {
    // Where in this file it failed: a timed-out wait says little by itself.
    const at = /dashboard_test\.js:(\d+)/.exec(String(failure.stack));
    const line = at ? `\n  at line ${at[1]}: ${fs.readFileSync(__filename, 'utf8').split('\n')[at[1] - 1].trim()}` : '';
    console.error(`FAIL: ${failure instanceof Failure ? failure.message : String(failure.message || failure).split('\n')[0]}${line}`);
    if (lastStep) console.error(`  after: ${lastStep}`);
    if (env.problems.length) console.error(`page problems:\n  ${env.problems.join('\n  ')}`);
    if (env.emulator && env.emulator.output) console.error(`emulator output:\n${env.emulator.output.trim()}`);
    console.error(`dashboard test FAILED after ${seconds} s; screenshots so far in ${args.out}`);
    process.exit(1);
  }
  console.log(`PASS: dashboard test (${seconds} s); screenshots in ${args.out}`);
  process.exit(0);
}

main();
