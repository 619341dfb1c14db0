// The dashboard's shell: app picker, live indicator, navigation, data loading and the live
// feed. The views (journal.js, outbox.js, state.js, tools.js) render what it loads. The
// page keeps nothing of its own: every list is the control plane's JSON, fetched again
// when the live feed says it changed.
import { api, connectEvents } from './api.js';
import { h, clear } from './dom.js';
import { journalView } from './journal.js';
import { outboxView } from './outbox.js';
import { configView, roomsView, recordsView, accountsView } from './state.js';
import { faultsView, toolsView } from './tools.js';

const VIEWS = [journalView, outboxView, configView, roomsView, recordsView, accountsView, faultsView, toolsView];
const VIEW_BY_ID = new Map(VIEWS.map((v) => [v.id, v]));

// The newest journal entries and deliveries the dashboard lists (the journal itself keeps
// 10,000; the outbox keeps every delivery until a reset).
const LIST_LIMIT = 500;

const store = {
  apps: [],
  sdkappid: null,       // the picked app's SDKAppID
  view: 'requests',
  journal: null,        // {requests:[…]} newest last, or null before the first load
  journalAllApps: false,
  outbox: null,
  state: null,
  faults: null,
  clock: null,
  live: 'connecting',
  errors: {},           // dataset -> message of its last failed load
};

const el = {};

function app() {
  return store.apps.find((a) => a.sdkappid === store.sdkappid) || null;
}

// ---- loading ----

// Each dataset's loader; an answer that arrives after a newer request was made is dropped.
const loaders = {
  journal: () => api.requests(store.journalAllApps ? undefined : store.sdkappid, LIST_LIMIT),
  outbox: () => api.callbacks(store.sdkappid, LIST_LIMIT),
  state: () => api.state(store.sdkappid),
  faults: () => api.faults(),
  clock: () => api.clock(),
};
const generation = {};
const lastText = {};   // dataset -> its last answer as JSON text

async function load(name) {
  const mine = (generation[name] = (generation[name] || 0) + 1);
  const forApp = store.sdkappid;
  try {
    const data = await loaders[name]();
    if (generation[name] !== mine || forApp !== store.sdkappid) return;
    // An answer like the last one keeps the old object, so the views see nothing new and
    // leave the page (and any text selected in it) alone.
    const text = JSON.stringify(data);
    const same = store[name] !== null && text === lastText[name];
    const hadError = name in store.errors;
    delete store.errors[name];
    if (same && !hadError) return;
    lastText[name] = text;
    if (!same) store[name] = data;
  } catch (error) {
    if (generation[name] !== mine || forApp !== store.sdkappid) return;
    store.errors[name] = error.message;
  }
  render();
}

// At most one load per dataset every `ms` (or three times as long as the last load took,
// so a big list under a flood of events does not keep the browser busy), the last request
// always honoured: a burst of events costs a few fetches, a steady stream still updates.
function throttled(name, ms) {
  let busy = false;
  let again = false;
  const run = async () => {
    busy = true;
    const began = performance.now();
    await load(name);
    const took = performance.now() - began;
    setTimeout(() => {
      busy = false;
      if (again) { again = false; run(); }
    }, Math.max(ms, 3 * took));
  };
  return () => {
    if (busy) again = true;
    else run();
  };
}

const refresh = {
  journal: throttled('journal', 250),
  outbox: throttled('outbox', 250),
  state: throttled('state', 400),
  faults: throttled('faults', 400),
  clock: () => load('clock'),
};

function loadAll() {
  for (const name of Object.keys(loaders)) load(name);
}

// ---- the live feed ----

function onJournal(event) {
  if (store.journalAllApps || event.sdkappid === store.sdkappid) refresh.journal();
  if (event.sdkappid === store.sdkappid) refresh.state();
  if (store.view === 'faults') refresh.faults();
}

function onOutbox(event) {
  if (event.sdkappid !== store.sdkappid) return;
  refresh.outbox();
  refresh.state();   // a call that ended left a call record
}

function setLive(status) {
  store.live = status;
  const labels = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…' };
  el.live.dataset.state = status;
  el.liveText.textContent = labels[status] || status;
  el.live.title = status === 'live'
    ? 'Receiving the emulator\'s events: the lists update by themselves'
    : 'The event stream is down; the lists may be stale until it reconnects';
}

// ---- routing: #/<sdkappid>/<view> ----

function parseHash() {
  const [, id, view] = location.hash.replace(/^#/, '').split('/');
  return { sdkappid: Number(id) || null, view: VIEW_BY_ID.has(view) ? view : null };
}

// The URL names the app and the view; a user's move is a history entry (Back works).
function writeHash(push = false) {
  const hash = `#/${store.sdkappid}/${store.view}`;
  if (location.hash === hash) return;
  if (push) history.pushState(null, '', hash);
  else history.replaceState(null, '', hash);
}

function navigate(view, push = true) {
  if (!VIEW_BY_ID.has(view)) return;
  if (store.view !== view) {
    store.view = view;
    mountView();
    window.scrollTo(0, 0);
  }
  writeHash(push);
}

function selectApp(sdkappid, push = true) {
  if (sdkappid === store.sdkappid) return;
  const first = store.sdkappid === null;
  store.sdkappid = sdkappid;
  store.journal = store.outbox = store.state = null;
  store.errors = {};
  el.picker.value = String(sdkappid);
  writeHash(push && !first);
  mountView();
  loadAll();
}

// Back / Forward, or a hash typed into the address bar.
function onHashChange() {
  const { sdkappid, view } = parseHash();
  const viewChanged = view && view !== store.view;
  if (viewChanged) store.view = view;
  if (sdkappid && sdkappid !== store.sdkappid && store.apps.some((a) => a.sdkappid === sdkappid)) {
    selectApp(sdkappid, false);   // mounts the view too
  } else if (viewChanged) {
    mountView();
  }
  writeHash(false);
}

// ---- toasts ----

function toast(message, kind = 'ok') {
  const item = h('div', { class: `toast toast-${kind}`, testid: 'toast', role: 'status' }, message);
  el.toasts.append(item);
  const shown = kind === 'error' ? 6000 : 2200;
  setTimeout(() => item.classList.add('toast-out'), shown);
  setTimeout(() => item.remove(), shown + 400);
}

// ---- actions the views call ----

const actions = {
  navigate,
  toast,
  refresh: (name) => (name ? load(name) : loadAll()),
  setJournalAllApps(on) {
    store.journalAllApps = on;
    store.journal = null;
    render();
    load('journal');
  },
  async clearJournal() {
    await api.clearRequests();
    load('journal');
  },
  async replay(id) {
    await api.replay(id);
    toast(`Delivery ${id} sent again`);
    load('outbox');
  },
  async playCall(body) {
    const result = await api.playCall({ sdkappid: store.sdkappid, ...body });
    load('outbox');
    return result;
  },
  usersig: (identifier, expire) => api.usersig({ sdkappid: store.sdkappid, identifier, expire }),
  async addFault(body) {
    const rule = await api.addFault(body);
    load('faults');
    return rule;
  },
  async clearFaults() {
    await api.clearFaults();
    load('faults');
  },
  async setClock(offset) {
    store.clock = await api.setClock(offset);
    render();
  },
  roomMessages: (roomId) => api.roomMessages(store.sdkappid, roomId),
};

const ctx = { store, actions, app };

// ---- rendering ----

function renderNav() {
  for (const view of VIEWS) {
    const item = el.nav.querySelector(`[data-view="${view.id}"]`);
    item.classList.toggle('active', view.id === store.view);
    if (view.id === store.view) item.setAttribute('aria-current', 'page');
    else item.removeAttribute('aria-current');
    item.href = `#/${store.sdkappid}/${view.id}`;
    const count = item.querySelector('.nav-count');
    const b = view.badge ? view.badge(store) : null;
    count.textContent = b ? b.text : '';
    count.className = `nav-count ${b && b.kind ? b.kind : ''}`.trim();
    count.hidden = !b;
  }
}

let current = null;

function mountView() {
  current = VIEW_BY_ID.get(store.view);
  clear(el.main);
  el.main.dataset.view = current.id;
  current.mount(el.main, ctx);
  document.title = `${current.label} · ${store.sdkappid ?? ''} · trtc-emulator`;
  render();
}

function render() {
  if (!current) return;
  renderNav();
  const failed = Object.entries(store.errors);
  el.banner.hidden = failed.length === 0;
  el.banner.textContent = failed.length ? `Could not load ${failed.map(([n, m]) => `${n}: ${m}`).join('; ')}` : '';
  current.update(ctx);
}

// ---- the shell ----

function buildShell() {
  el.picker = h('select', { id: 'app-picker', testid: 'app-picker', 'aria-label': 'App (SDKAppID)',
    onchange: (e) => selectApp(Number(e.target.value)) });
  el.liveText = h('span', { class: 'live-text' }, 'Connecting…');
  el.live = h('div', { class: 'live', testid: 'live-status', dataset: { state: 'connecting' } },
    h('span', { class: 'live-dot' }), el.liveText);
  el.reset = h('button', { type: 'button', class: 'btn btn-danger-ghost', testid: 'reset-app', onclick: onReset },
    'Reset app');
  el.version = h('span', { class: 'version', testid: 'version' });
  const header = h('header', { class: 'topbar' },
    h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, 'T'),
      h('span', { class: 'brand-name' }, 'trtc-emulator'), el.version),
    h('div', { class: 'topbar-mid' },
      h('label', { class: 'picker', for: 'app-picker' }, h('span', null, 'App'), el.picker)),
    h('div', { class: 'topbar-end' }, el.live, el.reset));

  el.nav = h('nav', { class: 'sidenav', 'aria-label': 'Views' },
    VIEW_GROUPS.map(([title, ids]) => [
      h('div', { class: 'nav-group' }, title),
      ids.map((id) => {
        const view = VIEW_BY_ID.get(id);
        return h('a', { class: 'nav-item', href: `#/${store.sdkappid}/${id}`, testid: `nav-${id}`,
          dataset: { view: id },
          onclick: (e) => {
            if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;   // a new tab
            e.preventDefault();
            navigate(id);
          } },
        h('span', { class: 'nav-label' }, view.label), h('span', { class: 'nav-count', hidden: true }));
      }),
    ]));
  el.banner = h('div', { class: 'banner', testid: 'error-banner', role: 'alert', hidden: true });
  el.main = h('main', { class: 'content', testid: 'view' });
  el.toasts = h('div', { class: 'toasts', 'aria-live': 'polite' });
  clear(document.body).append(header, h('div', { class: 'layout' }, el.nav,
    h('div', { class: 'main-col' }, el.banner, el.main)), el.toasts);
}

const VIEW_GROUPS = [
  ['Traffic', ['requests', 'callbacks']],
  ['State', ['config', 'rooms', 'records', 'accounts']],
  ['Control', ['faults', 'tools']],
];

async function onReset() {
  const id = store.sdkappid;
  if (!window.confirm(`Reset app ${id}?\n\nIts rooms, call records, callback configurations, ` +
      'accounts and gifts are wiped and its fixture seeds applied again; its journal entries, ' +
      'outbox and fault rules are cleared.')) return;
  try {
    await api.reset(id);
    toast(`App ${id} reset to its fixture`);
  } catch (error) {
    toast(`Reset failed: ${error.message}`, 'error');
  }
  loadAll();
}

async function start() {
  buildShell();
  api.health().then((h_) => { el.version.textContent = h_ && h_.version ? `v${h_.version}` : ''; }, () => {});
  try {
    store.apps = ((await api.apps()) || {}).apps || [];
  } catch (error) {
    el.banner.hidden = false;
    el.banner.textContent = `Could not list the apps: ${error.message}`;
    return;
  }
  store.apps.sort((a, b) => a.sdkappid - b.sdkappid);
  el.picker.append(...store.apps.map((a) => h('option', { value: String(a.sdkappid) }, String(a.sdkappid))));
  if (!store.apps.length) {
    el.picker.append(h('option', { value: '' }, 'no apps'));
    el.main.append(h('p', { class: 'muted' }, 'The emulator has no apps: start it with a fixture that defines one.'));
    return;
  }
  const wanted = parseHash();
  const known = store.apps.some((a) => a.sdkappid === wanted.sdkappid);
  store.view = wanted.view || 'requests';
  selectApp(known ? wanted.sdkappid : store.apps[0].sdkappid, false);
  window.addEventListener('hashchange', onHashChange);
  connectEvents({
    onJournal,
    onOutbox,
    onStatus: setLive,
    // Once subscribed (and after every reconnection), fetch again what an event missed
    // before then would have changed: the stream sends no snapshot.
    onOpen: loadAll,
  });
}

start();
