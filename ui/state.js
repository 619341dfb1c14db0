// What an app has stored, from GET /_emulator/state: its callback configurations, rooms
// (info, metadata, people, seats, messages on demand), call records, accounts and gifts.
import { h, clear, fmtUnix, fmtDuration, emptyState, badge, chip, card, kvGrid, snippet, plural, viewHead, loading } from './dom.js';
import { adminOf, usersigCommand, restCommand } from './api.js';

// A value of unknown shape, shown plainly: arrays as chips, objects as key: value chips,
// anything deeper as compact JSON.
function generic(value) {
  if (value === null || value === undefined) return h('span', { class: 'muted' }, '—');
  if (Array.isArray(value)) {
    if (!value.length) return h('span', { class: 'muted' }, 'none');
    if (value.every((v) => typeof v !== 'object' || v === null)) return h('div', { class: 'chips' }, value.map((v) => chip(String(v))));
    return h('code', { class: 'break' }, JSON.stringify(value));
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length) return h('span', { class: 'muted' }, 'none');
    return h('div', { class: 'chips' }, entries.map(([k, v]) => {
      if (typeof v === 'boolean') return chip(`${k}: ${v ? 'yes' : 'no'}`, v ? 'chip-on' : 'chip-off');
      return chip(`${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : v}`);
    }));
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

// True when a view last drew this very state (the same object: the shell keeps it when an
// answer repeats the last one) and the same error; otherwise notes what it is about to draw.
function unchanged(view, ctx) {
  const drawn = [ctx.store.state, ctx.store.errors.state, ctx.store.sdkappid];
  const same = view.drawn && view.drawn.every((v, i) => v === drawn[i]);
  view.drawn = drawn;
  return same;
}


function stateError(ctx) {
  return ctx.store.errors.state ? h('p', { class: 'error-text' }, ctx.store.errors.state) : null;
}


// ---------------------------------------------------------------- configuration

const FAMILIES = [
  { key: 'call_config', title: 'TUICallKit v4 callbacks', seed: 'call_callbacks', api: 'v4/call_config/set_callback',
    body: '{"Url":"YOUR_CALLBACK_URL","CallbackCommandList":["Call.CallbackAfterStartCall","Call.CallbackAfterEndCall"]}' },
  { key: 'callkit_callback', title: 'TUICallKit v1 callbacks', seed: 'callkit_callbacks', api: 'v1/callback/set',
    body: '{"address":"YOUR_CALLBACK_URL","actions":["caller_start_call","normal_end"]}' },
  { key: 'live_config', title: 'LiveKit callbacks', seed: 'live_callbacks', api: 'v4/live_config/set_callback',
    body: '{"Url":"YOUR_CALLBACK_URL","CallbackCommandList":["Live.CallbackAfterCreateRoom"]}' },
  { key: 'room_config', title: 'RoomKit callbacks', seed: 'room_callbacks', api: 'v4/room_config/set_callback',
    body: '{"Url":"YOUR_CALLBACK_URL","CallbackCommandList":["Room.CallbackAfterCreateRoom"]}' },
];

function familyCard(ctx, family, config, token) {
  const id = ctx.store.sdkappid;
  const subtitle = h('span', null, h('code', null, family.key), ' · set by ', h('code', null, family.api),
    ' or the fixture seed ', h('code', null, family.seed));
  const tokenPart = family.key === 'live_config' && token
    ? [['Signing token', h('span', null, h('code', { testid: 'live-token' }, token.token), ' ',
      badge(token.token_enabled ? 'enabled' : 'disabled', token.token_enabled ? 'ok' : ''))]]
    : [];
  if (!config) {
    return card(family.title, { subtitle, testid: `config-${family.key}`, cls: 'config-card config-none',
      actions: badge('not configured') },
    tokenPart.length ? kvGrid(tokenPart) : null,
    h('p', { class: 'muted' }, 'Nothing is sent for this family until a URL is set. With a UserSig in $SIG ' +
      '(Tools makes one), replace YOUR_CALLBACK_URL and run:'),
    snippet(restCommand(id, adminOf(ctx.app()), family.api, family.body)));
  }
  const url = config.url ?? config.address ?? config.Url;
  const events = config.commands ?? config.actions ?? config.CallbackCommandList ?? [];
  const rest = Object.entries(config).filter(([k]) => !['url', 'address', 'Url', 'commands', 'actions', 'CallbackCommandList'].includes(k));
  return card(family.title, { subtitle, testid: `config-${family.key}`, cls: 'config-card',
    actions: badge('configured', 'ok') },
  kvGrid([
    ['URL', h('code', { class: 'break', testid: 'config-url' }, url || '')],
    [family.key === 'callkit_callback' ? `Actions (${events.length})` : `Commands (${events.length})`,
      events.length ? h('div', { class: 'chips', testid: 'config-events' }, events.map((e) => chip(e, 'chip-mono')))
        : h('span', { class: 'muted' }, 'none: nothing is sent')],
    ...rest.map(([k, v]) => [k, generic(v)]),
    ...tokenPart,
  ]));
}

export const configView = {
  id: 'config',
  label: 'Configuration',
  badge: (store) => {
    if (!store.state) return null;
    const n = FAMILIES.filter((f) => store.state[f.key]).length;
    return n ? { text: `${n}/4` } : null;
  },
  mount(root) {
    this.drawn = null;
    root.append(viewHead('Configuration', 'The app as its fixture defines it, and the callback configuration of every family.'),
      this.body = h('div', { class: 'stack' }));
  },
  update(ctx) {
    if (unchanged(this, ctx)) return;
    const app = ctx.app();
    const state = ctx.store.state;
    const appCard = card(`App ${ctx.store.sdkappid}`, { subtitle: 'From the fixture: configuration, reloaded at every start', testid: 'app-card' },
      kvGrid([
        ['SDKAppID', h('code', null, String(ctx.store.sdkappid))],
        ['Admins', generic(app && app.admins)],
        ['Packages', generic(app && app.packages)],
        ['Rate limits', app && app.rate_limits && Object.keys(app.rate_limits).length
          ? rateTable(app.rate_limits) : h('span', { class: 'muted' }, 'the documented calling frequency of every API')],
        ...Object.entries(app || {}).filter(([k]) => !['sdkappid', 'admins', 'packages', 'rate_limits'].includes(k))
          .map(([k, v]) => [k, generic(v)]),
      ]));
    const cards = state
      ? FAMILIES.map((f) => familyCard(ctx, f, state[f.key], state.live_token))
      : [loading('the configuration')];
    clear(this.body).append(stateError(ctx) || '', appCard, h('div', { class: 'grid-2' }, cards));
  },
};

function rateTable(limits) {
  return h('table', { class: 'table table-inner table-compact' },
    h('thead', null, h('tr', null, h('th', null, 'API'), h('th', { class: 'num' }, 'calls / s'))),
    h('tbody', null, Object.entries(limits).map(([api, n]) =>
      h('tr', null, h('td', { class: 'mono' }, api), h('td', { class: 'num' }, typeof n === 'object' ? JSON.stringify(n) : String(n))))));
}

// ---------------------------------------------------------------- rooms

const messages = new Map();   // room id -> {loading} | {list} | {error}

function seatBox(seat) {
  const taken = seat.Member_Account !== undefined && seat.Member_Account !== '';
  const flags = [];
  if (seat.IsTakenDisabled) flags.push('locked');
  if (seat.IsVideoDisabled) flags.push('video off');
  if (seat.IsAudioDisabled) flags.push('audio off');
  return h('div', { class: `seat${taken ? ' seat-taken' : ''}${seat.IsTakenDisabled ? ' seat-locked' : ''}`, testid: 'room-seat',
    dataset: { index: seat.Index, member: seat.Member_Account } },
  h('div', { class: 'seat-index' }, `Seat ${seat.Index}`),
  h('div', { class: 'seat-who' }, taken ? seat.Member_Account : 'empty'),
  flags.length ? h('div', { class: 'seat-flags' }, flags.join(' · ')) : null);
}

function people(room) {
  const info = room.RoomInfo || {};
  const admins = new Set(room.Admins || []);
  const members = room.Members || [];
  const robots = room.Robots || [];
  const list = (items, empty, render) => (items.length ? h('div', { class: 'chips' }, items.map(render)) : h('span', { class: 'muted' }, empty));
  return kvGrid([
    [`Members (${members.length})`, list(members, 'nobody is in the room', (m) => chip(
      `${m}${m === info.Owner_Account ? ' · owner' : ''}${admins.has(m) ? ' · admin' : ''}`,
      m === info.Owner_Account ? 'chip-owner' : admins.has(m) ? 'chip-admin' : '', 'room-member'))],
    [`Admins (${admins.size})`, list([...admins], 'none', (m) => chip(m, 'chip-admin'))],
    robots.length ? [`Robots (${robots.length})`, list(robots, 'none', (m) => chip(m, 'chip-robot'))] : null,
    (room.Banned || []).length ? ['Banned', list(room.Banned, 'none', (b) => chip(`${b.Member_Account} until ${fmtUnix(b.BannedUntil)}`, 'chip-bad'))] : null,
    (room.Muted || []).length ? ['Muted', list(room.Muted, 'none', (b) => chip(`${b.Member_Account} until ${fmtUnix(b.MutedUntil)}`, 'chip-warn'))] : null,
  ]);
}

function messagesPart(ctx, roomId, redraw) {
  const state = messages.get(roomId);
  const load = async () => {
    messages.set(roomId, { loading: true });
    redraw();
    try {
      const data = await ctx.actions.roomMessages(roomId);
      messages.set(roomId, { list: (data && data.messages) || [] });
    } catch (error) {
      messages.set(roomId, { error: error.message });
    }
    redraw();
  };
  const button = h('button', { type: 'button', class: 'btn btn-xs', testid: 'room-messages-load', onclick: load },
    state ? 'Reload messages' : 'Show messages');
  let body = null;
  if (state && state.loading) body = h('p', { class: 'muted' }, 'Loading…');
  else if (state && state.error) body = h('p', { class: 'error-text' }, state.error);
  else if (state && state.list) {
    body = state.list.length
      ? h('table', { class: 'table table-inner table-compact', testid: 'room-messages' },
        h('thead', null, h('tr', null, h('th', { class: 'num' }, 'Seq'), h('th', null, 'Time'), h('th', null, 'Sender'), h('th', null, 'Body'))),
        h('tbody', null, state.list.slice(-100).reverse().map((m) => h('tr', null,
          h('td', { class: 'num' }, String(m.MsgSeq)),
          h('td', { class: 'mono nowrap' }, fmtUnix(m.MsgTime)),
          h('td', { class: 'mono' }, m.Sender_Account || '—'),
          h('td', null, h('code', { class: 'break' }, messageText(m)))))))
      : h('p', { class: 'muted' }, 'No messages: send_text_msg, send_custom_msg and send_group_msg put them here.');
  }
  return h('div', { class: 'room-messages' }, h('div', { class: 'row-between' }, h('h4', { class: 'sub' }, 'Messages'), button), body);
}

// A message body as one line: its text elements' text, else its JSON.
function messageText(m) {
  const body = Array.isArray(m.MsgBody) ? m.MsgBody : [];
  const texts = body.map((e) => e && e.MsgContent && (e.MsgContent.Text ?? e.MsgContent.Data)).filter((t) => t !== undefined);
  return texts.length ? texts.join(' ') : JSON.stringify(m.MsgBody);
}

function roomCard(ctx, room, redraw) {
  const info = room.RoomInfo || {};
  const metadata = room.Metadata || [];
  const seats = room.SeatList || [];
  const shown = Object.entries(info).filter(([k]) => !['RoomId', 'RoomName'].includes(k));
  return h('section', { class: 'card room-card', testid: 'room-card', dataset: { roomId: info.RoomId } },
    h('header', { class: 'card-head' },
      h('div', null,
        h('h2', null, info.RoomName || info.RoomId),
        h('div', { class: 'card-sub' }, h('code', null, info.RoomId), info.RoomType ? ` · ${info.RoomType}` : '',
          info.Owner_Account ? ` · owner ${info.Owner_Account}` : '')),
      h('div', { class: 'card-actions' },
        badge(plural((room.Members || []).length, 'member'), ''),
        info.ViewCount !== undefined ? badge(`${info.ViewCount} views`) : null)),
    h('div', { class: 'card-body room-body' },
      h('div', { class: 'room-col' },
        h('h4', { class: 'sub' }, 'Room info'),
        kvGrid(shown.map(([k, v]) => [k, k === 'CreateTime' ? fmtUnix(v) : generic(v)]), 'room-info')),
      h('div', { class: 'room-col' },
        h('h4', { class: 'sub' }, `Metadata (${metadata.length})`),
        metadata.length
          ? h('table', { class: 'table table-inner table-compact', testid: 'room-metadata' },
            h('thead', null, h('tr', null, h('th', null, 'Key'), h('th', null, 'Value'))),
            h('tbody', null, metadata.map((m) => h('tr', null, h('td', { class: 'mono' }, m.Key), h('td', { class: 'mono break' }, m.Value)))))
          : h('p', { class: 'muted' }, 'No metadata.'),
        h('h4', { class: 'sub' }, 'People'),
        people(room),
        h('h4', { class: 'sub' }, `Seats (${seats.filter((s) => s.Member_Account).length} of ${seats.length} taken)`),
        seats.length ? h('div', { class: 'seats', testid: 'room-seats' }, seats.map(seatBox)) : h('p', { class: 'muted' }, 'No seats (MaxSeatCount 0).'),
        messagesPart(ctx, info.RoomId, redraw))));
}

export const roomsView = {
  id: 'rooms',
  label: 'Rooms',
  badge: (store) => (store.state && store.state.rooms && store.state.rooms.length ? { text: String(store.state.rooms.length) } : null),
  mount(root) {
    this.drawn = null;
    messages.clear();
    root.append(viewHead('Rooms', 'Live rooms with their info, metadata, members, admins, seats and messages.'),
      this.body = h('div', { class: 'stack' }));
  },
  update(ctx, force = false) {
    if (unchanged(this, ctx) && !force) return;
    const state = ctx.store.state;
    const redraw = () => this.update(ctx, true);
    clear(this.body);
    if (!state) { this.body.append(stateError(ctx) || loading('the rooms')); return; }
    const rooms = state.rooms || [];
    if (!rooms.length) {
      const id = ctx.store.sdkappid;
      const admin = adminOf(ctx.app());
      this.body.append(emptyState({
        testid: 'rooms-empty',
        title: 'No rooms yet',
        text: 'Rooms appear when your app creates them (v4/live_engine_http_srv/create_room) or a fixture seeds ' +
          'them ("rooms", with room_info, members, admins and seats). Create one and let two people in:',
        commands: [
          usersigCommand(id, admin),
          restCommand(id, admin, 'v4/live_engine_http_srv/create_room', '{"RoomInfo":{"RoomId":"demo-room","RoomType":"Live","RoomName":"Demo","MaxSeatCount":4}}'),
          `curl -s ${location.origin}/_emulator/rooms/members -d '{"sdkappid":${id},"room_id":"demo-room","join":["alice","bob"]}'`,
        ],
      }));
      return;
    }
    this.body.append(...rooms.map((room) => roomCard(ctx, room, redraw)));
  },
};

// ---------------------------------------------------------------- call records

const RESULT_KIND = { NormalEnd: 'ok', Reject: 'warn', NotAnswer: 'warn', Cancel: 'warn', CallBusy: 'warn', Interrupt: 'error' };

export const recordsView = {
  id: 'records',
  label: 'Call records',
  badge: (store) => (store.state && store.state.call_records && store.state.call_records.length
    ? { text: String(store.state.call_records.length) } : null),
  mount(root) {
    this.drawn = null;
    root.append(viewHead('Call records', 'Every stored call, newest first, as get_record_by_filter answers it (v4 shape).'),
      this.body = h('div', { class: 'stack' }));
  },
  update(ctx) {
    if (unchanged(this, ctx)) return;
    const state = ctx.store.state;
    clear(this.body);
    if (!state) { this.body.append(stateError(ctx) || loading('the call records')); return; }
    const records = state.call_records || [];
    if (!records.length) {
      const id = ctx.store.sdkappid;
      this.body.append(emptyState({
        testid: 'records-empty',
        title: 'No call records yet',
        text: 'A call played through the control plane leaves a record when it ends, and fixtures can seed past ' +
          'calls ("call_records"). Play one:',
        commands: [`curl -s ${location.origin}/_emulator/calls -d '{"sdkappid":${id},"caller":"alice","callees":["bob"],"media_type":"Audio","outcome":"normal_end"}'`],
        extra: h('div', { class: 'empty-actions' },
          h('button', { type: 'button', class: 'btn btn-primary', onclick: () => ctx.actions.navigate('tools') }, 'Play a call')),
      }));
      return;
    }
    const now = Date.now() / 1000;
    this.body.append(h('div', { class: 'table-wrap' }, h('table', { class: 'table', testid: 'records-table' },
      h('thead', null, h('tr', null, ['Call ID', 'Result', 'Caller', 'Callees', 'Media', 'Type', 'Started', 'Talk time', 'Room']
        .map((t) => h('th', null, t)))),
      h('tbody', null, records.map((r) => h('tr', { testid: 'record-row', dataset: { callId: r.CallId } },
        h('td', { class: 'mono break' }, r.CallId),
        h('td', null, badge(r.CallResult, RESULT_KIND[r.CallResult] || '')),
        h('td', { class: 'mono' }, r.Caller_Account),
        h('td', null, generic(r.CalleeList_Account)),
        h('td', null, r.MediaType),
        h('td', null, r.CallType),
        h('td', { class: 'mono nowrap', title: `${now - r.StartTime > 7 * 86400 ? 'outside the 7-day window of the record APIs' : ''}` },
          fmtUnix(r.StartTime)),
        h('td', { class: 'mono nowrap' }, r.AcceptTime ? fmtDuration(r.EndTime - r.AcceptTime) : '—'),
        h('td', { class: 'mono' }, r.RoomId)))))));
  },
};

// ---------------------------------------------------------------- accounts and gifts

function languages(langs) {
  const entries = Object.entries(langs || {});
  return entries.length ? h('div', { class: 'chips' }, entries.map(([lang, t]) => chip(`${lang}: ${t.name}`))) : h('span', { class: 'muted' }, '—');
}

export const accountsView = {
  id: 'accounts',
  label: 'Accounts & gifts',
  badge: (store) => (store.state && store.state.accounts ? { text: String(store.state.accounts.length) } : null),
  mount(root) {
    this.drawn = null;
    root.append(viewHead('Accounts & gifts', 'Imported Chat accounts and the gift catalogue.'),
      this.body = h('div', { class: 'stack' }));
  },
  update(ctx) {
    if (unchanged(this, ctx)) return;
    const state = ctx.store.state;
    clear(this.body);
    if (!state) { this.body.append(stateError(ctx) || loading('the accounts')); return; }
    const id = ctx.store.sdkappid;
    const admin = adminOf(ctx.app());
    const accounts = state.accounts || [];
    const gifts = state.gifts || [];
    const categories = state.gift_categories || [];
    this.body.append(
      card(`Accounts (${accounts.length})`, { subtitle: 'Imported by account_import, by joining a room, or as the fixture\'s admins', testid: 'accounts-card' },
        accounts.length ? h('div', { class: 'chips' }, accounts.map((a) => chip(a, 'chip-mono', 'account-chip')))
          : h('p', { class: 'muted' }, 'No accounts.')),
      card(`Gifts (${gifts.length})`, { subtitle: 'add_gift, or the fixture seed "gifts"', testid: 'gifts-card' },
        gifts.length ? h('table', { class: 'table table-inner', testid: 'gifts-table' },
          h('thead', null, h('tr', null, ['Gift ID', 'Name', 'Coins', 'Level', 'Languages', 'Description'].map((t) => h('th', null, t)))),
          h('tbody', null, gifts.map((g) => h('tr', null,
            h('td', { class: 'mono' }, g.gift_id), h('td', null, g.default_name), h('td', { class: 'num' }, String(g.coins)),
            h('td', { class: 'num' }, String(g.level ?? '')), h('td', null, languages(g.languages)),
            h('td', { class: 'muted' }, g.default_desc || '—')))))
          : [h('p', { class: 'muted' }, 'No gifts. Add one:'),
            snippet(`${usersigCommand(id, admin)}\n${restCommand(id, admin, 'v4/live_engine_http_srv/add_gift', '{"GiftId":"rose","Coins":10,"DefaultName":"Rose"}')}`)]),
      categories.length ? card(`Gift categories (${categories.length})`, { testid: 'gift-categories-card' },
        h('table', { class: 'table table-inner' },
          h('thead', null, h('tr', null, ['Category ID', 'Name', 'Gifts', 'Languages'].map((t) => h('th', null, t)))),
          h('tbody', null, categories.map((c) => h('tr', null,
            h('td', { class: 'mono' }, c.category_id), h('td', null, c.default_name),
            h('td', null, generic(c.gift_ids)), h('td', null, languages(c.languages))))))) : null);
  },
};
