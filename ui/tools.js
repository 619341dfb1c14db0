// Control: fault rules and the clock (GET/POST/DELETE /_emulator/faults, /_emulator/clock),
// and the tools: play a call (POST /_emulator/calls) and make a UserSig (POST /_emulator/usersig).
import { h, clear, fmtDateTime, fmtDuration, badge, card, kvGrid, field, snippet, copyButton, plural, viewHead, loading } from './dom.js';
import { adminOf } from './api.js';


// Runs a form's action with its button disabled; errors go to the form's message line.
async function submitting(button, message, action) {
  button.disabled = true;
  message.textContent = '';
  message.className = 'form-message';
  try {
    await action();
  } catch (error) {
    message.textContent = error.message;
    message.className = 'form-message error-text';
  } finally {
    button.disabled = false;
  }
}

// A whole number from an input, or undefined when it is empty; NaN when it is not a number.
function intOf(input) {
  const text = input.value.trim();
  if (text === '') return undefined;
  return /^-?\d+$/.test(text) ? Number(text) : NaN;
}

// ---------------------------------------------------------------- faults and clock

// The largest unit of a clock offset, for the nav badge: "2 d", "3 h", "90 s".
function shortDuration(s) {
  if (s >= 86400) return `${Math.round(s / 86400)} d`;
  if (s >= 3600) return `${Math.round(s / 3600)} h`;
  if (s >= 60) return `${Math.round(s / 60)} min`;
  return `${s} s`;
}

const faultUi = {};
const clockUi = {};

function faultRows(ctx) {
  const faults = (ctx.store.faults && ctx.store.faults.faults) || [];
  clear(faultUi.list);
  if (ctx.store.faults === null) { faultUi.list.append(loading('the fault rules')); return; }
  faultUi.clear.disabled = faults.length === 0;
  if (!faults.length) {
    faultUi.list.append(h('p', { class: 'muted', testid: 'faults-empty' },
      'No fault rules: every API answers normally. Add one below, or: ',
      h('code', null, `curl -s ${location.origin}/_emulator/faults -d '{"api":"v4/call_config/get_callback","error_code":100001,"times":2}'`)));
    return;
  }
  faultUi.list.append(h('table', { class: 'table table-inner', testid: 'faults-table' },
    h('thead', null, h('tr', null, ['#', 'API', 'App', 'Answers', 'Delay', 'Calls left', 'Fired'].map((t) => h('th', null, t)))),
    h('tbody', null, faults.map((f) => {
      // "times" counts down: the calls the rule still answers (absent: every call).
      const spent = f.times !== undefined && f.times <= 0;
      return h('tr', { testid: 'fault-row', class: spent ? 'row-spent' : '', dataset: { id: f.id, api: f.api } },
        h('td', { class: 'num muted' }, String(f.id)),
        h('td', { class: 'mono' }, f.api),
        h('td', { class: 'mono' }, f.sdkappid !== undefined ? String(f.sdkappid) : h('span', { class: 'muted' }, 'every app')),
        h('td', null, f.error_code !== undefined ? badge(String(f.error_code), 'error') : h('span', { class: 'muted' }, 'normal answer')),
        h('td', { class: 'mono' }, f.delay_ms ? `${f.delay_ms} ms` : '—'),
        h('td', { class: 'num' }, f.times !== undefined ? String(f.times) : '∞'),
        h('td', { class: 'num' }, spent ? h('span', null, String(f.fired), ' ', badge('spent')) : String(f.fired)));
    }))));
}

function clockPart(ctx) {
  const clock = ctx.store.clock;
  clear(clockUi.show);
  if (!clock) { clockUi.show.append(loading('the clock')); return; }
  const offset = clock.offset_s || 0;
  clockUi.show.append(kvGrid([
    ['Offset', h('span', { testid: 'clock-offset-display', dataset: { offset } },
      offset === 0 ? '0 s (real time)' : `${offset > 0 ? '+' : ''}${fmtDuration(offset)} (${offset} s)`)],
    ['Emulator now', clock.now_s !== undefined ? h('span', { class: 'mono', testid: 'clock-now' }, fmtDateTime(clock.now_s * 1000)) : '—'],
  ]));
}

export const faultsView = {
  id: 'faults',
  label: 'Faults & clock',
  badge: (store) => {
    const faults = store.faults && store.faults.faults;
    const active = faults ? faults.filter((f) => f.times === undefined || f.times > 0).length : 0;
    const offset = store.clock && store.clock.offset_s;
    if (active) return { text: `${active} active`, kind: 'warn' };
    if (offset) return { text: `${offset > 0 ? '+' : '−'}${shortDuration(Math.abs(offset))}`, kind: 'warn' };
    return null;
  },
  mount(root, ctx) {
    this.drawn = null;
    ctx.actions.refresh('faults');
    ctx.actions.refresh('clock');
    faultUi.list = h('div', { testid: 'faults-list' });
    faultUi.clear = h('button', { type: 'button', class: 'btn btn-danger-ghost', testid: 'faults-clear',
      onclick: async () => {
        if (!window.confirm('Remove every fault rule (of every app)?')) return;
        try { await ctx.actions.clearFaults(); } catch (error) { ctx.actions.toast(error.message, 'error'); }
      } }, 'Clear all');
    const api = h('input', { class: 'input mono', testid: 'fault-api', required: true, list: 'fault-apis',
      placeholder: 'v4/call_config/get_callback', autocomplete: 'off' });
    const apis = h('datalist', { id: 'fault-apis' },
      [...new Set(((ctx.store.journal && ctx.store.journal.requests) || []).map((e) => e.api))].sort().map((a) => h('option', { value: a })));
    const scope = h('select', { class: 'input', testid: 'fault-scope' },
      h('option', { value: 'app' }, 'This app'), h('option', { value: 'all' }, 'Every app'));
    const code = h('input', { class: 'input', testid: 'fault-error-code', inputmode: 'numeric', placeholder: 'e.g. 100001' });
    const delay = h('input', { class: 'input', testid: 'fault-delay', inputmode: 'numeric', placeholder: '0' });
    const times = h('input', { class: 'input', testid: 'fault-times', inputmode: 'numeric', placeholder: 'every call' });
    const message = h('div', { class: 'form-message', testid: 'fault-message' });
    const button = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'fault-add' }, 'Add fault');
    const form = h('form', { class: 'form', testid: 'fault-form', onsubmit: (e) => {
      e.preventDefault();
      submitting(button, message, async () => {
        const body = { api: api.value.trim().replace(/^\//, '') };
        if (!body.api) throw new Error('Name the API, e.g. v4/call_config/get_callback');
        const c = intOf(code); const d = intOf(delay); const t = intOf(times);
        if ([c, d, t].some(Number.isNaN)) throw new Error('Error code, delay and times are whole numbers');
        if (c === undefined && !d) throw new Error('Give an error code to answer, a delay, or both');
        if (scope.value === 'app') body.sdkappid = ctx.store.sdkappid;
        if (c !== undefined) body.error_code = c;
        if (d) body.delay_ms = d;
        if (t !== undefined) body.times = t;
        const rule = await ctx.actions.addFault(body);
        message.textContent = `Fault ${rule.id} added.`;
        code.value = ''; delay.value = ''; times.value = '';
      });
    } },
    h('div', { class: 'form-grid' },
      field('API', api, 'The path without the leading slash'),
      field('Applies to', scope, `This app: ${ctx.store.sdkappid} only`),
      field('Error code', code, 'Answered in the API\'s envelope; the API does nothing'),
      field('Delay (ms)', delay, 'Holds the response (at most 60,000)'),
      field('Times', times, 'How many calls it answers; empty: every call')),
    apis,
    h('div', { class: 'form-actions' }, button, message));

    const offset = h('input', { class: 'input', testid: 'clock-offset', inputmode: 'numeric', placeholder: 'seconds, e.g. 86400' });
    const clockMessage = h('div', { class: 'form-message', testid: 'clock-message' });
    const set = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'clock-set' }, 'Set offset');
    const setTo = (value) => submitting(set, clockMessage, async () => {
      await ctx.actions.setClock(value);
      offset.value = '';
    });
    const quick = (label, delta, testid) => h('button', { type: 'button', class: 'btn', testid,
      onclick: () => setTo(((ctx.store.clock && ctx.store.clock.offset_s) || 0) + delta) }, label);
    clockUi.show = h('div');
    const clockForm = h('form', { class: 'form', testid: 'clock-form', onsubmit: (e) => {
      e.preventDefault();
      const value = intOf(offset);
      if (value === undefined || Number.isNaN(value)) {
        clockMessage.textContent = 'The offset is a whole number of seconds (negative moves the clock back).';
        clockMessage.className = 'form-message error-text';
        return;
      }
      setTo(value);
    } },
    h('div', { class: 'form-inline' }, field('Offset (s)', offset), set),
    h('div', { class: 'quick' }, quick('+1 hour', 3600, 'clock-plus-hour'), quick('+1 day', 86400, 'clock-plus-day'),
      quick('+7 days', 7 * 86400, 'clock-plus-week'),
      h('button', { type: 'button', class: 'btn btn-ghost', testid: 'clock-reset', onclick: () => setTo(0) }, 'Back to real time')),
    clockMessage);

    root.append(viewHead('Faults & clock', 'Make APIs fail or slow down on purpose, and move the emulator\'s clock without sleeping.'),
      h('div', { class: 'stack' },
        card('Fault rules', { subtitle: 'Matched after authentication, before the rate limit; shared by every app unless scoped',
          actions: faultUi.clear, testid: 'faults-card' }, faultUi.list, h('h4', { class: 'sub' }, 'Add a rule'), form),
        card('Clock', { subtitle: 'UserSig expiry, rate-limit windows, bans and mutes, call-record windows and EventTime follow it',
          testid: 'clock-card' }, clockUi.show, clockForm)));
  },
  update(ctx) {
    const drawn = [ctx.store.faults, ctx.store.clock];
    if (this.drawn && this.drawn.every((v, i) => v === drawn[i])) return;
    this.drawn = drawn;
    faultRows(ctx);
    clockPart(ctx);
  },
};

// ---------------------------------------------------------------- tools

const OUTCOMES = [
  ['normal_end', 'normal_end (talk, hang up)'],
  ['reject', 'reject (callees refuse)'],
  ['not_answer', 'not_answer (no pickup)'],
  ['cancel', 'cancel (caller gives up)'],
  ['call_busy', 'call_busy (callee busy)'],
  ['interrupt', 'interrupt (drops out)'],
];

let lastCall = null;   // the last played call's answer, shown again when the view comes back
let lastSig = null;

function callResult(ctx, result) {
  if (!result) return null;
  const n = result.deliveries ? result.deliveries.length : 0;
  return h('div', { class: 'result-box', testid: 'call-result', dataset: { callId: result.call_id, deliveries: n } },
    kvGrid([
      ['Call ID', h('code', { testid: 'call-result-id' }, result.call_id)],
      ['Room ID', h('code', null, result.room_id ?? '—')],
      ['Deliveries', n ? `${plural(n, 'callback')} queued (ids ${result.deliveries.join(', ')})`
        : 'none: no callback configuration of this app subscribes to this call\'s steps'],
    ]),
    n ? h('button', { type: 'button', class: 'btn btn-primary', testid: 'call-open-outbox',
      onclick: () => ctx.actions.navigate('callbacks') }, 'Watch them in the outbox') : null);
}

function sigResult(result) {
  if (!result) return null;
  const code = h('code', { class: 'break sig', testid: 'usersig-value' }, result.usersig);
  const query = `sdkappid=${result.sdkappid}&identifier=${encodeURIComponent(result.identifier)}&usersig=${result.usersig}&random=1&contenttype=json`;
  return h('div', { class: 'result-box', testid: 'usersig-result' },
    h('div', { class: 'row-between' }, h('h4', { class: 'sub' }, `UserSig for ${result.identifier}, valid ${fmtDuration(result.expire)}`),
      copyButton(() => result.usersig, code)),
    code,
    h('h4', { class: 'sub' }, 'Try it'),
    snippet(`curl -s "${location.origin}/v4/call_config/get_callback?${query}" -d '{}'`));
}

export const toolsView = {
  id: 'tools',
  label: 'Tools',
  mount(root, ctx) {
    const app = ctx.app();
    const admin = adminOf(app);

    const caller = h('input', { class: 'input', testid: 'call-caller', value: 'alice', required: true, autocomplete: 'off' });
    const callees = h('input', { class: 'input', testid: 'call-callees', value: 'bob', required: true, autocomplete: 'off' });
    const media = h('select', { class: 'input', testid: 'call-media' }, h('option', { value: 'Audio' }, 'Audio'), h('option', { value: 'Video' }, 'Video'));
    const outcome = h('select', { class: 'input', testid: 'call-outcome' }, OUTCOMES.map(([v, t]) => h('option', { value: v }, t)));
    const room = h('input', { class: 'input', testid: 'call-room', placeholder: 'random number when empty', autocomplete: 'off' });
    const callMessage = h('div', { class: 'form-message', testid: 'call-message' });
    const callButton = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'call-submit' }, 'Play call');
    const callOut = h('div', null, callResult(ctx, lastCall && lastCall.sdkappid === ctx.store.sdkappid ? lastCall : null));
    const callForm = h('form', { class: 'form', testid: 'call-form', onsubmit: (e) => {
      e.preventDefault();
      submitting(callButton, callMessage, async () => {
        const list = callees.value.split(',').map((s) => s.trim()).filter(Boolean);
        if (!caller.value.trim()) throw new Error('Name the caller');
        if (!list.length) throw new Error('Name at least one callee (several, comma-separated, make a group call)');
        const body = { caller: caller.value.trim(), callees: list, media_type: media.value, outcome: outcome.value };
        const roomId = room.value.trim();
        if (roomId) body.room_id = /^\d+$/.test(roomId) && Number(roomId) <= 0xffffffff ? Number(roomId) : roomId;
        const result = await ctx.actions.playCall(body);
        lastCall = { ...result, sdkappid: ctx.store.sdkappid };
        clear(callOut).append(callResult(ctx, lastCall));
      });
    } },
    h('div', { class: 'form-grid' },
      field('Caller', caller),
      field('Callees', callees, 'Comma-separated; more than one makes a group call'),
      field('Media', media),
      field('Outcome', outcome),
      field('Room ID', room, 'Optional')),
    h('div', { class: 'form-actions' }, callButton, callMessage));

    const identifier = h('input', { class: 'input', testid: 'usersig-identifier', value: admin, required: true, autocomplete: 'off' });
    const expire = h('input', { class: 'input', testid: 'usersig-expire', value: '86400', inputmode: 'numeric' });
    const sigMessage = h('div', { class: 'form-message', testid: 'usersig-message' });
    const sigButton = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'usersig-submit' }, 'Make UserSig');
    const sigOut = h('div', null, sigResult(lastSig && lastSig.sdkappid === ctx.store.sdkappid ? lastSig : null));
    const sigForm = h('form', { class: 'form', testid: 'usersig-form', onsubmit: (e) => {
      e.preventDefault();
      submitting(sigButton, sigMessage, async () => {
        const who = identifier.value.trim();
        const seconds = intOf(expire);
        if (!who) throw new Error('Name the identifier (an admin of the app, for the REST APIs)');
        if (seconds === undefined || Number.isNaN(seconds) || seconds <= 0) throw new Error('Expire is a positive number of seconds');
        const result = await ctx.actions.usersig(who, seconds);
        lastSig = { usersig: result.usersig, identifier: who, expire: seconds, sdkappid: ctx.store.sdkappid };
        clear(sigOut).append(sigResult(lastSig));
      });
    } },
    h('div', { class: 'form-grid' },
      field('Identifier', identifier, `REST APIs want an admin: ${(app && app.admins || []).join(', ') || 'administrator'}`),
      field('Expire (s)', expire, '86400 = one day')),
    h('div', { class: 'form-actions' }, sigButton, sigMessage));

    root.append(viewHead('Tools', 'Play a call to fire its callbacks, and make UserSigs for this app.'),
      h('div', { class: 'grid-2 tools' },
        card('Play a call', { subtitle: 'POST /_emulator/calls: the callbacks the real service would send, to the configured URLs', testid: 'call-card' },
          callForm, callOut),
        card('Make a UserSig', { subtitle: 'POST /_emulator/usersig: signed with the app\'s key on the emulator\'s clock', testid: 'usersig-card' },
          sigForm, sigOut)));
  },
  update() {},
};
