// The Loombus dashboard: polls /api/stats and /api/clients every second, /api/rules every ten,
// and shows a live tail from /api/tail (Server-Sent Events). Every request carries the token the
// page was opened with (?token=), if any. Nothing here sends anything that changes the broker.
'use strict';

const token = new URLSearchParams(location.search).get('token');
if (token) {
  // Out of the address bar and the browser's entry for this page at once, so that the history
  // keeps the bare page; requests send it as a header where they can.
  const bare = new URL(location.href);
  bare.searchParams.delete('token');
  history.replaceState(null, '', bare);
}
const AUTH = token ? { Authorization: `Bearer ${token}` } : {};
const SAMPLES = 60;
const TAIL_ROWS = 200;

function apiUrl(path, params = {}) {
  const u = new URL(path, location.href);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u;
}

async function getJson(path) {
  const r = await fetch(apiUrl(path), { cache: 'no-store', headers: AUTH });
  if (!r.ok) {
    const e = new Error(`${path}: ${r.status} ${(await r.text()).trim()}`);
    e.status = r.status;
    throw e;
  }
  return r.json();
}

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function status(text) {
  document.getElementById('status').textContent = text;
}

const fmt = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
function human(n) {
  const units = ['', 'k', 'M', 'G', 'T'];
  let i = 0;
  while (Math.abs(n) >= 1000 && i < units.length - 1) { n /= 1000; i++; }
  return fmt.format(n) + units[i];
}

// A line graph of the last SAMPLES rates, one polyline per series, scaled to the peak shown.
class Graph {
  constructor(id, peakId) {
    this.svg = document.getElementById(id);
    this.peak = document.getElementById(peakId);
    this.lines = [...this.svg.querySelectorAll('polyline')];
    this.series = this.lines.map(() => []);
    this.count = 0;
  }

  push(values) {
    values.forEach((v, i) => {
      const s = this.series[i];
      s.push(v);
      if (s.length > SAMPLES) s.shift();
    });
    this.count++;
    this.draw();
  }

  draw() {
    const max = Math.max(1, ...this.series.flat());
    this.lines.forEach((line, i) => {
      const s = this.series[i];
      const points = s.map((v, j) => {
        const x = (300 * (SAMPLES - s.length + j)) / (SAMPLES - 1);
        const y = 100 - (95 * v) / max;
        return `${x.toFixed(1)},${y.toFixed(1)}`;
      });
      line.setAttribute('points', points.join(' '));
    });
    this.peak.textContent = `peak ${human(max)}/s`;
    this.svg.setAttribute('data-samples', String(this.count));
  }
}

const frames = new Graph('graph-frames', 'peak-frames');
const bytes = new Graph('graph-bytes', 'peak-bytes');
let lastStats = null;

function showCounters(s) {
  const dl = document.getElementById('counters');
  const items = [
    ['uptime', `${Math.floor(s.uptime_ms / 1000)} s`], ['clients', s.clients],
    ['frames in', s.r_frames], ['frames out', s.w_frames],
    ['bytes in', human(s.r_bytes)], ['bytes out', human(s.w_bytes)],
    ['dropped', s.dropped_frames], ['forced disconnects', s.forced_disconnects],
    ['rejected handshakes', s.rejected_handshakes],
    ['tails', `${s.tails.active} of ${s.tails.limit}, ${s.tails.dropped} dropped`],
  ];
  if (s.federation) {
    const f = s.federation;
    items.push(['federation', `${f.node} ${f.connected ? 'up' : 'down'}, ${f.nodes} nodes`]);
  }
  dl.replaceChildren(...items.map(([k, v]) => {
    const d = el('div', null, { 'data-counter': k });
    d.append(el('dt', k), el('dd', v));
    return d;
  }));
}

async function pollStats() {
  const s = await getJson('/api/stats');
  showCounters(s);
  if (lastStats && s.uptime_ms > lastStats.uptime_ms) {
    const secs = (s.uptime_ms - lastStats.uptime_ms) / 1000;
    const rate = (k) => Math.max(0, (s[k] - lastStats[k]) / secs);
    frames.push([rate('r_frames'), rate('w_frames')]);
    bytes.push([rate('r_bytes'), rate('w_bytes')]);
  }
  lastStats = s;
  document.getElementById('summary').textContent =
    `${s.clients} clients, up ${Math.floor(s.uptime_ms / 1000)} s`;
}

let lastClients = new Map();
let lastClientsAt = 0;

async function pollClients() {
  const doc = await getJson('/api/clients');
  const now = performance.now();
  const secs = (now - lastClientsAt) / 1000;
  const rows = doc.clients.map((c) => {
    const prev = lastClients.get(c.name);
    const rate = (k) => (prev && secs > 0 ? human(Math.max(0, (c[k] - prev[k]) / secs)) : '–');
    const tr = el('tr', null, { 'data-name': c.name });
    const who = c.user === null ? '' : `${c.user} / ${c.group}`;
    tr.append(el('td', c.name), el('td', c.kind), el('td', c.source || c.port || ''),
      el('td', who), el('td', `${c.queue} / ${doc.queue_size}`, { class: 'num' }),
      el('td', rate('r_frames'), { class: 'num' }), el('td', rate('w_frames'), { class: 'num' }),
      el('td', rate('r_bytes'), { class: 'num' }), el('td', rate('w_bytes'), { class: 'num' }),
      el('td', new Date(c.connected_since).toLocaleTimeString()));
    return tr;
  });
  document.querySelector('#clients tbody').replaceChildren(...rows);
  lastClients = new Map(doc.clients.map((c) => [c.name, c]));
  lastClientsAt = now;
  const remote = document.getElementById('remote-clients');
  remote.hidden = doc.remote_clients.length === 0;
  remote.querySelector('tbody').replaceChildren(...doc.remote_clients.map((c) => {
    const tr = el('tr', null, { 'data-name': c.name });
    tr.append(el('td', c.name), el('td', c.kind), el('td', c.node), el('td', c.instances));
    return tr;
  }));
}

function masks(list) {
  return list === null ? el('span', 'any', { class: 'any' }) : el('span', list.length ? list.join(', ') : 'deny');
}

async function pollRules() {
  const summary = document.getElementById('rules-summary');
  const body = document.querySelector('#rules tbody');
  let doc;
  try {
    doc = await getJson('/api/rules');
  } catch (e) {
    if (e.status === 403) {
      summary.textContent = `Rules enforced, and they refuse this page: ${e.message}`;
      body.replaceChildren();
    }
    throw e;
  }
  const v = doc.viewer;
  let what;
  if (!doc.enforced) {
    what = 'No access rules: every client may do everything, and the tail may follow any topic.';
  } else {
    const sub = v.subscribe === null ? 'any topic'
      : v.subscribe.length ? v.subscribe.join(', ') : 'no topic';
    what = `Rules enforced. This page sees the bus as ${doc.dashboard_client}, which may follow:`
      + ` ${sub}.` + (v.clients_and_stats ? '' : ` No clients or counters: ${v.refusal}.`);
  }
  summary.textContent = what;
  body.replaceChildren(...doc.clients.map((r) => {
    const tr = el('tr', null, { 'data-name': r.name });
    const cell = (x) => { const td = el('td'); td.append(x); return td; };
    tr.append(el('td', r.name), el('td', r.hosts.join(', ')), cell(masks(r.p2p)),
      cell(masks(r.publish)), cell(masks(r.subscribe)), cell(masks(r.broadcast)),
      el('td', r.users.join(', ')), el('td', r.groups.join(', ')));
    return tr;
  }));
}

// The tail: HEAD asks whether the mask may be tailed (and why not), then an EventSource streams.
let source = null;

function tailState(text) {
  document.getElementById('tail-state').textContent = text;
}

function stopTail(why) {
  if (source) source.close();
  source = null;
  document.getElementById('tail-toggle').textContent = 'Start';
  if (why) tailState(why);
}

function showPublication(e) {
  const m = JSON.parse(e.data);
  const li = el('li', null, { 'data-topic': m.topic });
  let shown;
  if (m.form === 'msgpack') shown = JSON.stringify(m.payload);
  else shown = m.payload;
  li.append(el('span', new Date().toLocaleTimeString()), el('span', m.topic),
    el('span', m.sender), el('span', m.form + (m.truncated ? ' (cut)' : ''), { class: 'form' }),
    el('pre', shown, { class: 'payload', 'data-form': m.form }));
  const list = document.getElementById('tail-list');
  list.prepend(li);
  while (list.children.length > TAIL_ROWS) list.lastChild.remove();
  tailState(`tailing ${source.mask}; ${m.dropped} dropped`);
}

async function startTail(mask) {
  const url = apiUrl('/api/tail', { mask });
  const check = await fetch(url, { method: 'HEAD', cache: 'no-store', headers: AUTH });
  if (!check.ok) {
    const why = await fetch(url, { cache: 'no-store', headers: AUTH })
      .then((r) => r.text()).catch(() => '');
    tailState(`${check.status}: ${why.trim() || 'refused'}`);
    return;
  }
  // An EventSource cannot send a header: the stream alone has the token in its URL.
  if (token) url.searchParams.set('token', token);
  source = new EventSource(url);
  source.mask = mask;
  document.getElementById('tail-toggle').textContent = 'Stop';
  tailState(`opening ${mask}…`);
  source.addEventListener('ready', (e) => {
    tailState(`tailing ${mask} as ${JSON.parse(e.data).client}`);
  });
  source.addEventListener('message', showPublication);
  source.addEventListener('end', (e) => stopTail(`ended: ${JSON.parse(e.data).reason}`));
  source.onerror = () => {
    if (source && source.readyState === EventSource.CLOSED) stopTail('closed by the broker');
    else tailState('reconnecting…');
  };
}

document.getElementById('tail-form').addEventListener('submit', (e) => {
  e.preventDefault();
  if (source) stopTail('stopped');
  else startTail(document.getElementById('tail-mask').value).catch((err) => tailState(err.message));
});

function every(ms, f) {
  const run = () => f().then(() => status(''), (e) => status(e.message));
  run();
  setInterval(run, ms);
}

every(1000, pollStats);
every(1000, pollClients);
every(10000, pollRules);
