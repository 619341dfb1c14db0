// The request journal (GET /_emulator/requests): every API request, newest first, live.
// Filters: API (substring) and result (all / errors / OK / one error code). A row opens to
// its host, identifier and pretty-printed request and response bodies.
import { h, clear, reconcile, NodeCache, fmtTime, fmtDateTime, jsonBlock, emptyState, badge, kvGrid, copyButton, shq, plural, viewHead, loading } from './dom.js';
import { adminOf, usersigCommand, restCommand } from './api.js';

const filters = { api: '', result: 'all' };
const expanded = new Set();   // seqs of open rows
const ui = {};
// Journal entries never change: each row (and open detail) is built once.
let rowCache = new NodeCache();
let detailCache = new NodeCache();

// The message an envelope carries beside its code (v4 ErrorInfo, v1 errorMessage).
function errorText(entry) {
  try {
    const body = JSON.parse(entry.response_body);
    return body.ErrorInfo || body.errorMessage || '';
  } catch {
    return '';
  }
}

function matches(entry) {
  if (filters.api && !entry.api.toLowerCase().includes(filters.api.toLowerCase())) return false;
  if (filters.result === 'errors') return entry.error_code !== 0;
  if (filters.result === 'ok') return entry.error_code === 0;
  if (filters.result.startsWith('code:')) return String(entry.error_code) === filters.result.slice(5);
  return true;
}

function curlFor(entry) {
  const q = `sdkappid=${entry.sdkappid}&identifier=${encodeURIComponent(entry.identifier || 'administrator')}` +
    '&usersig=$USERSIG&random=$RANDOM&contenttype=json';
  return `curl -s "${location.origin}/${entry.api}?${q}" \\\n  -d ${shq(entry.request_body || '{}')}`;
}

function detailRow(entry, columns) {
  const info = errorText(entry);
  return h('tr', { class: 'detail-row', testid: 'journal-detail', dataset: { seq: entry.seq } },
    h('td', { colspan: columns },
      h('div', { class: 'detail' },
        kvGrid([
          ['Time', `${fmtDateTime(entry.time_ms)}.${String(entry.time_ms % 1000).padStart(3, '0')}`],
          ['API', h('code', null, `/${entry.api}`)],
          ['Host', h('code', { testid: 'journal-host' }, entry.host || '—')],
          ['SDKAppID', String(entry.sdkappid)],
          ['Identifier', h('code', { testid: 'journal-identifier' }, entry.identifier || '—')],
          ['Error code', entry.error_code === 0 ? '0 (OK)' : `${entry.error_code}${info ? ` · ${info}` : ''}`],
        ]),
        h('div', { class: 'bodies' },
          jsonBlock(entry.request_body, { label: 'Request body', testid: 'journal-request-body' }),
          jsonBlock(entry.response_body, { label: 'Response body', testid: 'journal-response-body' })),
        h('div', { class: 'detail-actions' },
          h('span', { class: 'muted' }, 'Send it again (UserSigs are never journalled: set $USERSIG):'),
          copyButton(() => curlFor(entry), null, 'Copy as curl')))));
}

function row(entry, showApp) {
  const open = expanded.has(entry.seq);
  const toggle = () => {
    if (expanded.has(entry.seq)) expanded.delete(entry.seq);
    else expanded.add(entry.seq);
    renderRows();
  };
  const ok = entry.error_code === 0;
  const info = ok ? '' : errorText(entry);
  return h('tr', {
    class: `row clickable${open ? ' open' : ''}${ok ? '' : ' row-error'}`,
    testid: 'journal-row', tabindex: '0', 'aria-expanded': open ? 'true' : 'false',
    dataset: { seq: entry.seq, api: entry.api, errorCode: entry.error_code, sdkappid: entry.sdkappid },
    onclick: toggle,
    onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } },
  },
  h('td', { class: 'chev' }, h('span', { class: 'chevron' })),
  h('td', { class: 'num muted' }, String(entry.seq)),
  h('td', { class: 'mono nowrap', title: fmtDateTime(entry.time_ms) }, fmtTime(entry.time_ms)),
  showApp ? h('td', { class: 'mono' }, String(entry.sdkappid)) : null,
  h('td', { class: 'mono api', testid: 'journal-api' }, entry.api),
  h('td', { class: 'mono' }, entry.identifier || h('span', { class: 'muted' }, '—')),
  h('td', { class: 'result', testid: 'journal-code' },
    badge(ok ? '0 OK' : String(entry.error_code), ok ? 'ok' : 'error'),
    info ? h('span', { class: 'result-info', title: info }, info) : null));
}

let lastCtx = null;

function renderRows() {
  const { store } = lastCtx;
  const entries = (store.journal && store.journal.requests) || [];
  const visible = entries.filter(matches).reverse();
  const showApp = store.journalAllApps;
  const columns = showApp ? 7 : 6;
  if (ui.headApp !== showApp) {
    ui.headApp = showApp;
    clear(ui.head).append(h('tr', null,
      h('th', { class: 'chev' }), h('th', { class: 'num' }, '#'), h('th', null, 'Time'),
      showApp ? h('th', null, 'App') : null,
      h('th', null, 'API'), h('th', null, 'Identifier'), h('th', null, 'Result')));
  }
  const rows = [];
  for (const entry of visible) {
    const open = expanded.has(entry.seq);
    // Keyed by app too: seqs are global, but "All apps" changes the columns.
    rows.push(rowCache.get(entry.seq, `${open}|${showApp}`, () => row(entry, showApp)));
    if (open) rows.push(detailCache.get(entry.seq, columns, () => detailRow(entry, columns)));
  }
  rowCache.sweep();
  detailCache.sweep();
  reconcile(ui.body, rows);
  ui.count.textContent = entries.length === visible.length
    ? plural(entries.length, 'request')
    : `${visible.length.toLocaleString()} of ${plural(entries.length, 'request')}`;
  ui.table.hidden = visible.length === 0;
  // The message under the table, redrawn only when it changes (its curl lines stay selectable).
  const mode = store.journal === null ? 'loading' : entries.length === 0 ? `empty|${store.sdkappid}` : visible.length === 0 ? 'nomatch' : '';
  if (mode === ui.emptyMode) return;
  ui.emptyMode = mode;
  clear(ui.empty);
  if (store.journal === null) {
    ui.empty.append(loading('the journal'));
  } else if (entries.length === 0) {
    const id = store.sdkappid;
    const admin = adminOf(lastCtx.app());
    ui.empty.append(emptyState({
      testid: 'journal-empty',
      title: 'No API requests yet',
      text: 'Every REST call your app makes to this emulator appears here as it happens, with its ' +
        'request, response and error code. Point your app at this address, or try one from a shell:',
      commands: [
        usersigCommand(id, admin),
        restCommand(id, admin, 'v4/call_config/get_callback', '{}'),
      ],
    }));
  } else if (visible.length === 0) {
    ui.empty.append(h('div', { class: 'empty empty-small', testid: 'journal-no-match' },
      h('p', null, 'No request matches these filters.'),
      h('button', { type: 'button', class: 'btn', onclick: resetFilters }, 'Clear filters')));
  }
}

function resetFilters() {
  filters.api = '';
  filters.result = 'all';
  ui.api.value = '';
  ui.result.value = 'all';
  renderRows();
}

// The result filter's options: the fixed three, then each error code seen (with a count).
function renderResultOptions(entries) {
  const counts = new Map();
  for (const e of entries) if (e.error_code !== 0) counts.set(e.error_code, (counts.get(e.error_code) || 0) + 1);
  const codes = [...counts.keys()].sort((a, b) => a - b);
  const wanted = filters.result;
  const apis = [...new Set(entries.map((e) => e.api))].sort();
  // Rebuilt only when something in them changed: an open <select> is left alone.
  const key = JSON.stringify([codes.map((c) => [c, counts.get(c)]), wanted, apis]);
  if (key === ui.optionsKey) return;
  ui.optionsKey = key;
  const options = [
    h('option', { value: 'all' }, 'All results'),
    h('option', { value: 'errors' }, 'Errors only (≠ 0)'),
    h('option', { value: 'ok' }, 'Successes only (0)'),
  ];
  if (codes.length) {
    options.push(h('optgroup', { label: 'Error code' },
      codes.map((c) => h('option', { value: `code:${c}` }, `${c}  (${counts.get(c)})`))));
  }
  if (wanted.startsWith('code:') && !counts.has(Number(wanted.slice(5)))) {
    options.push(h('option', { value: wanted }, `${wanted.slice(5)}  (0)`));
  }
  clear(ui.result).append(...options);
  ui.result.value = wanted;
  clear(ui.apis).append(...apis.map((a) => h('option', { value: a })));
}

export const journalView = {
  id: 'requests',
  label: 'Requests',
  badge: (store) => {
    const list = store.journal && store.journal.requests;
    if (!list || !list.length || store.journalAllApps) return null;
    return { text: list.length >= 500 ? '500+' : String(list.length) };
  },
  mount(root, ctx) {
    lastCtx = ctx;
    rowCache = new NodeCache();
    detailCache = new NodeCache();
    ui.headApp = undefined;
    ui.optionsKey = undefined;
    ui.emptyMode = undefined;
    ui.api = h('input', { type: 'search', class: 'input', testid: 'journal-api-filter', list: 'journal-apis',
      placeholder: 'Filter by API, e.g. get_callback', value: filters.api, 'aria-label': 'Filter by API',
      oninput: (e) => { filters.api = e.target.value.trim(); renderRows(); } });
    ui.apis = h('datalist', { id: 'journal-apis' });
    ui.result = h('select', { class: 'input', testid: 'journal-error-filter', 'aria-label': 'Filter by result',
      onchange: (e) => { filters.result = e.target.value; renderRows(); } });
    ui.count = h('span', { class: 'count', testid: 'journal-count' });
    ui.allApps = h('input', { type: 'checkbox', testid: 'journal-all-apps', checked: ctx.store.journalAllApps,
      onchange: (e) => ctx.actions.setJournalAllApps(e.target.checked) });
    const clearButton = h('button', { type: 'button', class: 'btn btn-ghost', testid: 'journal-clear',
      onclick: async () => {
        if (!window.confirm('Clear the request journal of every app?')) return;
        try {
          await ctx.actions.clearJournal();
          expanded.clear();
        } catch (error) {
          ctx.actions.toast(error.message, 'error');
        }
      } }, 'Clear journal');
    ui.head = h('thead');
    ui.body = h('tbody', { testid: 'journal-rows' });
    ui.table = h('table', { class: 'table', testid: 'journal-table' }, ui.head, ui.body);
    ui.empty = h('div');
    root.append(
      viewHead('Request journal', 'Every REST API request, newest first, as it arrives. Click a row for its bodies.',
        clearButton),
      h('div', { class: 'toolbar' }, ui.api, ui.apis, ui.result,
        h('label', { class: 'check' }, ui.allApps, 'All apps'), h('span', { class: 'spacer' }), ui.count),
      h('div', { class: 'table-wrap' }, ui.table, ui.empty));
  },
  update(ctx) {
    lastCtx = ctx;
    ui.allApps.checked = ctx.store.journalAllApps;
    renderResultOptions((ctx.store.journal && ctx.store.journal.requests) || []);
    renderRows();
  },
};
