// The callback outbox (GET /_emulator/callbacks): every delivery the emulator made or is
// making, newest first, with each attempt; Replay sends one again. Live.
import { h, clear, reconcile, NodeCache, fmtTime, fmtDateTime, jsonBlock, emptyState, badge, chip, kvGrid, plural, viewHead, loading } from './dom.js';

const filters = { text: '', state: 'all' };
const expanded = new Set();   // ids of open rows
const ui = {};
let lastCtx = null;
// A delivery changes only by its attempts and state: rows are rebuilt when those change.
let rowCache = new NodeCache();
let detailCache = new NodeCache();
const version = (d) => `${d.state}|${d.attempts ? d.attempts.length : 0}`;

export const FAMILY_NAMES = { v4: 'TUICallKit v4', v1: 'TUICallKit v1', live: 'LiveKit', room: 'RoomKit' };
const STATE_KIND = { delivered: 'ok', failed: 'error', pending: 'warn' };

function subject(d) {
  return d.room_id !== undefined ? `room ${d.room_id}` : d.call_id !== undefined ? `call ${d.call_id}` : '';
}

function matches(d) {
  if (filters.state !== 'all' && d.state !== filters.state) return false;
  if (!filters.text) return true;
  const needle = filters.text.toLowerCase();
  return [d.command, d.call_id, d.room_id, d.url, d.id, d.family]
    .some((v) => v !== undefined && String(v).toLowerCase().includes(needle));
}

function lastAttempt(d) {
  return d.attempts && d.attempts.length ? d.attempts[d.attempts.length - 1] : null;
}

function attemptSummary(a) {
  if (!a) return h('span', { class: 'muted' }, '—');
  const ok = a.http_status >= 200 && a.http_status < 300 && !a.error;
  return h('span', { class: 'attempt-sum', title: a.error || a.reply || '' },
    badge(a.http_status ? String(a.http_status) : 'no answer', ok ? 'ok' : 'error'),
    h('span', { class: 'muted' }, ` ${a.latency_ms} ms`));
}

function attemptsTable(d) {
  if (!d.attempts || !d.attempts.length) {
    return h('p', { class: 'muted' }, 'No attempt yet: the delivery is queued.');
  }
  return h('table', { class: 'table table-inner', testid: 'outbox-attempts-table' },
    h('thead', null, h('tr', null, ['#', 'At', 'HTTP status', 'Latency', 'Reply', 'Error'].map((t) => h('th', null, t)))),
    h('tbody', null, d.attempts.map((a, i) => {
      const ok = a.http_status >= 200 && a.http_status < 300 && !a.error;
      return h('tr', { testid: 'outbox-attempt' },
        h('td', { class: 'num muted' }, String(i + 1)),
        h('td', { class: 'mono nowrap', title: fmtDateTime(a.at) }, fmtTime(a.at)),
        h('td', null, badge(a.http_status ? String(a.http_status) : '—', ok ? 'ok' : 'error')),
        h('td', { class: 'mono nowrap' }, `${a.latency_ms} ms`),
        h('td', { class: 'mono reply' }, a.reply || h('span', { class: 'muted' }, '(empty)')),
        h('td', { class: 'error-text' }, a.error || h('span', { class: 'muted' }, '—')));
    })));
}

function detailRow(d, columns) {
  return h('tr', { class: 'detail-row', testid: 'outbox-detail', dataset: { id: d.id } },
    h('td', { colspan: columns },
      h('div', { class: 'detail' },
        kvGrid([
          ['URL', h('code', { class: 'break', testid: 'outbox-url' }, d.url)],
          ['Family', `${FAMILY_NAMES[d.family] || d.family} (${d.family})`],
          d.call_id !== undefined ? ['Call ID', h('code', null, d.call_id)] : null,
          d.room_id !== undefined ? ['Room ID', h('code', null, d.room_id)] : null,
          ['Created', d.created_ms ? fmtDateTime(d.created_ms) : '—'],
          ['State', d.state],
        ]),
        h('h4', { class: 'sub' }, `Attempts (${d.attempts ? d.attempts.length : 0})`),
        attemptsTable(d),
        jsonBlock(d.body, { label: 'Body (POSTed as JSON)', testid: 'outbox-body' }))));
}

function row(d) {
  const open = expanded.has(d.id);
  const toggle = () => {
    if (expanded.has(d.id)) expanded.delete(d.id);
    else expanded.add(d.id);
    renderRows();
  };
  const attempts = d.attempts ? d.attempts.length : 0;
  const replay = h('button', {
    type: 'button', class: 'btn btn-xs', testid: 'outbox-replay', disabled: d.state === 'pending',
    title: d.state === 'pending' ? 'Still being delivered: replay it once it is delivered or failed'
      : 'POST the same URL and body again (one new attempt)',
    onclick: async (e) => {
      e.stopPropagation();
      e.currentTarget.disabled = true;
      try {
        await lastCtx.actions.replay(d.id);
      } catch (error) {
        lastCtx.actions.toast(`Replay of ${d.id} failed: ${error.message}`, 'error');
        rowCache = new NodeCache();
        renderRows();
      }
    },
  }, 'Replay');
  return h('tr', {
    class: `row clickable${open ? ' open' : ''}${d.state === 'failed' ? ' row-error' : ''}`,
    testid: 'outbox-row', tabindex: '0', 'aria-expanded': open ? 'true' : 'false',
    dataset: { id: d.id, state: d.state, attempts, family: d.family, command: d.command, callId: d.call_id, roomId: d.room_id },
    onclick: toggle,
    onkeydown: (e) => { if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); toggle(); } },
  },
  h('td', { class: 'chev' }, h('span', { class: 'chevron' })),
  h('td', { class: 'num muted' }, d.id),
  h('td', { class: 'mono nowrap', title: d.created_ms ? fmtDateTime(d.created_ms) : '' }, d.created_ms ? fmtTime(d.created_ms) : ''),
  h('td', { class: 'mono', testid: 'outbox-command' }, d.command),
  h('td', { title: FAMILY_NAMES[d.family] || d.family }, chip(d.family, `chip-mono fam-${d.family}`)),
  h('td', { class: 'mono subject', title: subject(d) }, subject(d)),
  h('td', { testid: 'outbox-state' }, badge(d.state, STATE_KIND[d.state] || '')),
  h('td', { class: 'num', testid: 'outbox-attempts' }, String(attempts)),
  h('td', null, attemptSummary(lastAttempt(d))),
  h('td', { class: 'actions' }, replay));
}

function renderRows() {
  const { store } = lastCtx;
  const all = (store.outbox && store.outbox.callbacks) || [];
  const visible = all.filter(matches).reverse();
  const rows = [];
  for (const d of visible) {
    const open = expanded.has(d.id);
    rows.push(rowCache.get(d.id, `${version(d)}|${open}`, () => row(d)));
    if (open) rows.push(detailCache.get(d.id, version(d), () => detailRow(d, 10)));
  }
  rowCache.sweep();
  detailCache.sweep();
  reconcile(ui.body, rows);
  const failed = all.filter((d) => d.state === 'failed').length;
  const pending = all.filter((d) => d.state === 'pending').length;
  ui.count.textContent = (all.length >= 500 ? 'newest ' : '') + (visible.length === all.length ? plural(all.length, 'delivery', 'deliveries')
    : `${visible.length.toLocaleString()} of ${plural(all.length, 'delivery', 'deliveries')}`) +
    (pending ? ` · ${pending} pending` : '') + (failed ? ` · ${failed} failed` : '');
  ui.table.hidden = visible.length === 0;
  // The message under the table, redrawn only when it changes (its curl line stays selectable).
  const mode = store.outbox === null ? 'loading' : all.length === 0 ? `empty|${store.sdkappid}|${!!emptyText(lastCtx).configured}`
    : visible.length === 0 ? 'nomatch' : '';
  if (mode === ui.emptyMode) return;
  ui.emptyMode = mode;
  clear(ui.empty);
  if (store.outbox === null) {
    ui.empty.append(loading('the outbox'));
  } else if (all.length === 0) {
    ui.empty.append(emptyState(emptyText(lastCtx)));
  } else if (visible.length === 0) {
    ui.empty.append(h('div', { class: 'empty empty-small' },
      h('p', null, 'No delivery matches these filters.'),
      h('button', { type: 'button', class: 'btn', onclick: () => {
        filters.text = ''; filters.state = 'all'; ui.text.value = ''; ui.state.value = 'all'; renderRows();
      } }, 'Clear filters')));
  }
}

function emptyText(ctx) {
  const { store } = ctx;
  const id = store.sdkappid;
  const state = store.state;
  const configured = !state || ['call_config', 'callkit_callback', 'live_config'].some((k) => state[k]);
  const commands = [
    `curl -s ${location.origin}/_emulator/calls -d '{"sdkappid":${id},"caller":"alice","callees":["bob"],"media_type":"Video","outcome":"normal_end"}'`,
  ];
  const text = configured
    ? 'Play a call (Tools, or the line below) and the emulator POSTs the callbacks your ' +
      'configuration subscribes to; each delivery shows up here with every attempt and what came back.'
    : 'This app has no callback configuration yet, so a played call sends nothing. Set one with ' +
      'v4/call_config/set_callback, v1/callback/set or v4/live_config/set_callback (or a fixture ' +
      'seed, see Configuration), then play a call:';
  return {
    configured,
    testid: 'outbox-empty', title: 'No callback deliveries yet', text, commands,
    extra: h('div', { class: 'empty-actions' },
      h('button', { type: 'button', class: 'btn btn-primary', onclick: () => ctx.actions.navigate('tools') }, 'Play a call'),
      h('button', { type: 'button', class: 'btn', onclick: () => ctx.actions.navigate('config') }, 'See the configuration')),
  };
}

export const outboxView = {
  id: 'callbacks',
  label: 'Callbacks',
  badge: (store) => {
    const list = store.outbox && store.outbox.callbacks;
    if (!list || !list.length) return null;
    const failed = list.filter((d) => d.state === 'failed').length;
    return failed ? { text: `${failed} failed`, kind: 'error' }
      : { text: list.length >= 500 ? '500+' : String(list.length) };
  },
  mount(root, ctx) {
    lastCtx = ctx;
    rowCache = new NodeCache();
    detailCache = new NodeCache();
    ui.emptyMode = undefined;
    ui.text = h('input', { type: 'search', class: 'input', testid: 'outbox-filter', value: filters.text,
      placeholder: 'Filter by command, call or room id, URL', 'aria-label': 'Filter deliveries',
      oninput: (e) => { filters.text = e.target.value.trim(); renderRows(); } });
    ui.state = h('select', { class: 'input', testid: 'outbox-state-filter', 'aria-label': 'Filter by state',
      onchange: (e) => { filters.state = e.target.value; renderRows(); } },
    ['all', 'pending', 'delivered', 'failed'].map((s) => h('option', { value: s }, s === 'all' ? 'All states' : s)));
    ui.state.value = filters.state;
    ui.count = h('span', { class: 'count', testid: 'outbox-count' });
    ui.body = h('tbody', { testid: 'outbox-rows' });
    ui.table = h('table', { class: 'table', testid: 'outbox-table' },
      h('thead', null, h('tr', null,
        h('th', { class: 'chev' }), h('th', { class: 'num' }, 'ID'), h('th', null, 'Created'), h('th', null, 'Command'),
        h('th', null, 'Family'), h('th', null, 'Call / room'), h('th', null, 'State'),
        h('th', { class: 'num' }, 'Attempts'), h('th', null, 'Last attempt'), h('th'))),
      ui.body);
    ui.empty = h('div');
    root.append(
      viewHead('Callback outbox', 'Every callback the emulator POSTs to your app, newest first, with each attempt and its answer.',
        h('button', { type: 'button', class: 'btn btn-primary', onclick: () => ctx.actions.navigate('tools') }, 'Play a call')),
      h('div', { class: 'toolbar' }, ui.text, ui.state, h('span', { class: 'spacer' }), ui.count),
      h('div', { class: 'table-wrap' }, ui.table, ui.empty));
  },
  update(ctx) {
    lastCtx = ctx;
    renderRows();
  },
};
