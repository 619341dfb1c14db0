// DOM helpers for the dashboard. Everything the server sends is put on the page as text
// (textContent, text nodes, attribute values): never as HTML.

// h('tr', {class: 'row', testid: 'journal-row', onclick: fn}, child, 'text', [more]) builds
// an element. Props: class, testid (data-testid), dataset, on* listeners, and value /
// checked / disabled / selected as properties (set after the children, so a <select>'s
// value finds its options); anything else becomes an attribute.
const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected', 'open']);

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  const late = [];
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'testid') el.dataset.testid = value;
    else if (key === 'dataset') {
      for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) el.dataset[k] = String(v);
    } else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (PROPERTIES.has(key)) late.push([key, value]);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  for (const [key, value] of late) el[key] = value;
  return el;
}

export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

// Makes parent's children exactly `nodes`, in order, touching only what differs: a row
// that stays is neither moved nor rebuilt, so an open row keeps its text selection and
// scroll position while live updates insert new rows above it.
export function reconcile(parent, nodes) {
  const wanted = new Set(nodes);
  for (const child of [...parent.childNodes]) if (!wanted.has(child)) child.remove();
  let at = parent.firstChild;
  for (const node of nodes) {
    if (node === at) at = at.nextSibling;
    else parent.insertBefore(node, at);
  }
}

// Builds elements once per key and version: get(key, version, build) returns the element
// built for that key, rebuilt when the version differs; sweep() forgets keys not used since
// the last sweep.
export class NodeCache {
  constructor() {
    this.items = new Map();
    this.used = new Set();
  }
  get(key, version, build) {
    this.used.add(key);
    const item = this.items.get(key);
    if (item && item.version === version) return item.node;
    const node = build();
    this.items.set(key, { version, node });
    return node;
  }
  sweep() {
    for (const key of this.items.keys()) if (!this.used.has(key)) this.items.delete(key);
    this.used.clear();
  }
}

// ---- formatting ----

const pad = (n, width = 2) => String(n).padStart(width, '0');

export function fmtTime(ms) {
  if (!Number.isFinite(ms)) return '';
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function fmtDateTime(ms) {
  if (!Number.isFinite(ms)) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

// Unix seconds (0 = never) as a local date and time.
export function fmtUnix(s) {
  return s ? fmtDateTime(s * 1000) : '—';
}

export function fmtDuration(seconds) {
  if (!Number.isFinite(seconds)) return '';
  const sign = seconds < 0 ? '−' : '';
  let s = Math.abs(Math.trunc(seconds));
  const d = Math.floor(s / 86400); s %= 86400;
  const hh = Math.floor(s / 3600); s %= 3600;
  const mm = Math.floor(s / 60); s %= 60;
  const parts = [];
  if (d) parts.push(`${d} d`);
  if (hh) parts.push(`${hh} h`);
  if (mm) parts.push(`${mm} min`);
  if (s || !parts.length) parts.push(`${s} s`);
  return sign + parts.join(' ');
}

export function plural(n, word, many = `${word}s`) {
  return `${n.toLocaleString()} ${n === 1 ? word : many}`;
}

// ---- JSON ----

const TOKEN = /\s+|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|[{}[\]:,]/y;

// Splits JSON text into tokens (no whitespace), keeping numbers exactly as written (a
// 64-bit id stays exact); null when the text is not JSON.
function tokenize(text) {
  try {
    JSON.parse(text);
  } catch {
    return null;
  }
  const tokens = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const match = TOKEN.exec(text);
    if (!match) return null;
    if (!/^\s/.test(match[0])) tokens.push(match[0]);
  }
  return tokens;
}

function tokenClass(token, next) {
  if (token[0] === '"') return next === ':' ? 'j-key' : 'j-str';
  if (token === 'true' || token === 'false') return 'j-bool';
  if (token === 'null') return 'j-null';
  if (/^-?\d/.test(token)) return 'j-num';
  return 'j-punct';
}

// Pretty-printed, coloured JSON as a list of nodes; the raw text when it is not JSON.
export function jsonNodes(source) {
  const text = typeof source === 'string' ? source : JSON.stringify(source);
  const tokens = text === undefined ? null : tokenize(text);
  if (!tokens) return [document.createTextNode(text ?? '')];
  const nodes = [];
  let indent = 0;
  let line = '';
  const flush = () => { if (line) { nodes.push(document.createTextNode(line)); line = ''; } };
  const newline = () => { line += `\n${'  '.repeat(indent)}`; };
  const span = (cls, value) => { flush(); nodes.push(h('span', { class: cls }, value)); };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const next = tokens[i + 1];
    if (token === '{' || token === '[') {
      if (next === '}' || next === ']') { line += token + next; i++; continue; }
      line += token; indent++; newline();
    } else if (token === '}' || token === ']') {
      indent--; newline(); line += token;
    } else if (token === ',') {
      line += ','; newline();
    } else if (token === ':') {
      line += ': ';
    } else {
      span(tokenClass(token, next), token);
    }
  }
  flush();
  return nodes;
}

// A <pre> with pretty JSON (or the raw text), and a Copy button above it.
export function jsonBlock(source, { testid, label, empty = '(empty)' } = {}) {
  const text = typeof source === 'string' ? source : JSON.stringify(source);
  const pre = h('pre', { class: 'json', testid }, text ? jsonNodes(text) : h('span', { class: 'muted' }, empty));
  return h('div', { class: 'json-block' },
    h('div', { class: 'json-head' },
      label ? h('span', { class: 'json-label' }, label) : null,
      text ? copyButton(() => pre.textContent, pre) : null),
    pre);
}

// ---- bits of page ----

// A Copy button: the clipboard when the page may use it (localhost / HTTPS), otherwise
// the text is selected for Ctrl+C.
export function copyButton(textOf, selectNode, label = 'Copy') {
  const button = h('button', { type: 'button', class: 'btn btn-ghost btn-xs copy' }, label);
  button.addEventListener('click', async (event) => {
    event.stopPropagation();
    const done = (what) => {
      button.textContent = what;
      setTimeout(() => { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(textOf());
        done('Copied');
        return;
      } catch {
        // fall through to selecting it
      }
    }
    if (selectNode) window.getSelection().selectAllChildren(selectNode);
    done('Selected: Ctrl+C');
  });
  return button;
}

// A code snippet (usually a curl line) with a Copy button.
export function snippet(text, testid) {
  const pre = h('pre', { class: 'snippet', testid }, text);
  return h('div', { class: 'snippet-wrap' }, pre, copyButton(() => text, pre));
}

// What an empty view says: a title, what to do next, and the commands that would fill it.
export function emptyState({ title, text, commands = [], testid = 'empty-state', extra }) {
  return h('div', { class: 'empty', testid },
    h('h3', null, title),
    text ? h('p', null, text) : null,
    commands.map((c) => snippet(c)),
    extra);
}

export function badge(text, kind = '', testid) {
  return h('span', { class: `badge ${kind}`.trim(), testid }, text);
}

export function chip(text, kind = '', testid) {
  return h('span', { class: `chip ${kind}`.trim(), testid }, text);
}

export function card(title, { subtitle, actions, testid, cls = '' } = {}, ...body) {
  return h('section', { class: `card ${cls}`.trim(), testid },
    title || actions ? h('header', { class: 'card-head' },
      h('div', null, h('h2', null, title), subtitle ? h('div', { class: 'card-sub' }, subtitle) : null),
      actions ? h('div', { class: 'card-actions' }, actions) : null) : null,
    h('div', { class: 'card-body' }, body));
}

// A definition grid of [label, value] pairs; a value may be a node.
export function kvGrid(pairs, testid) {
  return h('dl', { class: 'kv', testid },
    pairs.filter(Boolean).map(([k, v]) => [h('dt', null, k), h('dd', null, v === '' || v === undefined ? '—' : v)]));
}

// A field of a form: <label><span>Label</span><input …><small>hint</small></label>.
export function field(label, control, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control,
    hint ? h('small', { class: 'field-hint' }, hint) : null);
}

// Shell-quotes a string with single quotes.
export function shq(text) {
  return `'${String(text).replace(/'/g, `'\\''`)}'`;
}

// A view's title, its one-line description and its buttons.
export function viewHead(title, lede, actions) {
  return h('div', { class: 'view-head' },
    h('div', null, h('h1', null, title), lede ? h('p', { class: 'lede' }, lede) : null),
    actions ? h('div', { class: 'view-actions' }, actions) : null);
}

export function loading(what) {
  return h('div', { class: 'loading' }, `Loading ${what}…`);
}
