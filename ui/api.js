// The control plane, as the dashboard calls it: the same JSON routes any test can call.
// Paths are absolute on the page's own host; the page never talks to another one.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'the emulator does not answer (is it still running?)');
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, (data && data.error) || `HTTP ${response.status} from ${path}`);
  }
  return data;
}

const query = (params) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

export const api = {
  health: () => call('GET', '/_emulator/health'),
  apps: () => call('GET', '/_emulator/apps'),
  state: (sdkappid) => call('GET', `/_emulator/state${query({ sdkappid })}`),
  requests: (sdkappid, limit) => call('GET', `/_emulator/requests${query({ sdkappid, limit })}`),
  clearRequests: () => call('DELETE', '/_emulator/requests'),
  callbacks: (sdkappid, limit) => call('GET', `/_emulator/callbacks${query({ sdkappid, limit })}`),
  replay: (id) => call('POST', `/_emulator/callbacks/${encodeURIComponent(id)}/replay`),
  playCall: (body) => call('POST', '/_emulator/calls', body),
  usersig: (body) => call('POST', '/_emulator/usersig', body),
  faults: () => call('GET', '/_emulator/faults'),
  addFault: (body) => call('POST', '/_emulator/faults', body),
  clearFaults: () => call('DELETE', '/_emulator/faults'),
  clock: () => call('GET', '/_emulator/clock'),
  setClock: (offset_s) => call('POST', '/_emulator/clock', { offset_s }),
  reset: (sdkappid) => call('POST', '/_emulator/reset', { sdkappid }),
  roomMessages: (sdkappid, room_id) => call('GET', `/_emulator/rooms/messages${query({ sdkappid, room_id })}`),
};

// The live feed (GET /_emulator/events). EventSource reconnects by itself after a drop;
// when the browser gives up (the stream was refused), this opens a new one after a pause.
// onStatus gets 'connecting', 'live', 'reconnecting'; onOpen runs on every (re)connection,
// so the caller can fetch what it missed.
export function connectEvents({ onJournal, onOutbox, onStatus, onOpen }) {
  let source = null;
  let retry = null;
  const parse = (handler) => (event) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    handler(data);
  };
  const open = () => {
    retry = null;
    onStatus('connecting');
    source = new EventSource('/_emulator/events');
    source.addEventListener('open', () => {
      onStatus('live');
      onOpen();
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        onStatus('reconnecting');
        if (!retry) retry = setTimeout(open, 3000);
      } else {
        onStatus('reconnecting');
      }
    });
    source.addEventListener('journal', parse(onJournal));
    source.addEventListener('outbox', parse(onOutbox));
  };
  open();
  return () => {
    if (retry) clearTimeout(retry);
    if (source) source.close();
  };
}

// The account the page's examples act as: the app's first admin.
export function adminOf(app) {
  return (app && app.admins && app.admins[0]) || 'administrator';
}

// Shell lines for the empty states: a UserSig into $SIG, and a REST call that uses it.
export function usersigCommand(sdkappid, admin) {
  return `SIG=$(curl -s ${location.origin}/_emulator/usersig -d '{"sdkappid":${sdkappid},"identifier":"${admin}"}' | sed 's/.*"usersig":"\\([^"]*\\)".*/\\1/')`;
}

export function restCommand(sdkappid, admin, api, body) {
  return `curl -s "${location.origin}/${api}?sdkappid=${sdkappid}&identifier=${admin}&usersig=$SIG&random=1&contenttype=json" \\\n  -d '${body}'`;
}
