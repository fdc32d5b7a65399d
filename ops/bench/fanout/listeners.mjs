// One load process: holds a share of the listeners of one server (Tribune or the socket.io baseline), driven by the
// orchestrator over IPC: accounts -> joins -> sockets -> measured windows -> report. A listener measures every chat
// message's end-to-end latency from the send time the host wrote into its text (the same monotonic clock), and checks
// the room's seq on every event it receives: equal to the last one is a duplicate, lower is a reordering.
import WebSocket from 'ws';
import { io } from 'socket.io-client';
import { Latencies, nowMs, sleep, jsonClient, pool, describeFailure, tally, parseArgs } from './lib.mjs';

const A = parseArgs(process.argv.slice(2));
const TARGET = A.target; // tribune | sio
// http://127.0.0.1:port, or several (Tribune's instances): listener i uses the instance (FIRST + i) % K for its join,
// ticket and socket
const BASES = String(A.bases || A.base).split(',');
const BASE = BASES[0];
const N = +A.n;
const FIRST = +A.first; // this process's first listener number
const IPS = String(A.ips).split(',');
const OFFER_DEFLATE = A.deflate === '1';
const instanceOf = (i) => (FIRST + i) % BASES.length;
const wsBase = (i) => BASES[instanceOf(i)].replace(/^http/, 'ws');

// a keep-alive HTTP client per instance and source address, listener i uses IPS[i % IPS.length]
const clients = BASES.map((b) => IPS.map((ip) => jsonClient(b, { localAddress: ip, maxSockets: 64 })));
const http = (i) => clients[instanceOf(i)][i % IPS.length];

const tokens = new Array(N);
const userIds = new Array(N);
const sinceSeq = new Float64Array(N);
const sockets = new Array(N);
const lastSeq = new Float64Array(N);
const connected = new Uint8Array(N);
const receivedInWindow = new Int32Array(N);
const joined = new Uint8Array(N);
let roomId = null;
let windowId = null;
let latency = new Latencies();
let duplicates = 0, reorders = 0, chatInWindow = 0, foreignChat = 0, lastReceiveMs = 0;
const closes = {};
const extensions = {};

function onEvent(i, e) {
  if (e.seq <= lastSeq[i]) { if (e.seq === lastSeq[i]) duplicates++; else reorders++; return; }
  lastSeq[i] = e.seq;
  if (e.type !== 'chat.message' || !e.data || typeof e.data.text !== 'string') return;
  const [tag, win, , t] = e.data.text.split(' ');
  if (tag !== 'fanout') return;
  if (win !== windowId) { foreignChat++; return; } // warm-up, or a window already closed
  const now = nowMs();
  latency.add(now - +t);
  lastReceiveMs = now;
  receivedInWindow[i]++;
  chatInWindow++;
}

function closed(i, why) {
  if (connected[i]) { connected[i] = 0; tally(closes, String(why)); }
}

// ---- the two servers' ways of doing the same steps ------------------------------------------------------------
const tribune = {
  async account(i) {
    const r = await http(i).request('POST', '/api/v1/auth/guest', { displayName: `listener ${FIRST + i}` });
    if (r.status !== 201) throw r;
    tokens[i] = r.body.accessToken; userIds[i] = r.body.user.id;
  },
  async join(i) {
    const r = await http(i).request('POST', `/api/v1/rooms/${roomId}/join`, {}, tokens[i]);
    if (r.status !== 200 || !r.body.media) throw r;
    sinceSeq[i] = r.body.events.roomSeq;
    joined[i] = 1;
  },
  async connect(i) {
    const r = await http(i).request('POST', '/api/v1/auth/ws-ticket', undefined, tokens[i]);
    if (r.status !== 201) throw r;
    await new Promise((resolve, reject) => {
      const ws = new WebSocket(`${wsBase(i)}/ws?ticket=${encodeURIComponent(r.body.ticket)}`,
        { localAddress: IPS[i % IPS.length], perMessageDeflate: OFFER_DEFLATE, handshakeTimeout: 60000 });
      sockets[i] = ws;
      let subscribed = false;
      ws.on('open', () => {
        tally(extensions, ws.extensions || 'none');
        ws.send(JSON.stringify({ op: 'subscribe', roomId, since: sinceSeq[i] }));
      });
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString());
        if (m.op === 'event') onEvent(i, m);
        else if (m.op === 'subscribed' && !subscribed) { subscribed = true; connected[i] = 1; resolve(); }
        else if (m.op === 'error' && !subscribed) { ws.close(); reject(new Error(`error frame ${m.code}`)); }
      });
      ws.on('error', (e) => { if (!subscribed) reject(e); });
      ws.on('unexpected-response', (req, res) => { reject(new Error(`upgrade answered ${res.statusCode}`)); req.destroy(); });
      ws.on('close', (code) => { closed(i, code); if (!subscribed) reject(new Error(`closed ${code} before subscribed`)); });
    });
  },
};

const sio = {
  async account(i) { userIds[i] = `listener-${FIRST + i}`; },
  async join(i) {
    const r = await http(i).request('POST', '/api/join', { userId: userIds[i] });
    if (r.status !== 200) throw r;
    sinceSeq[i] = r.body.events.roomSeq;
    joined[i] = 1;
  },
  async connect(i) {
    const r = await http(i).request('POST', '/api/ticket', { userId: userIds[i] });
    if (r.status !== 201) throw r;
    await new Promise((resolve, reject) => {
      const s = io(BASE, {
        transports: ['websocket'], forceNew: true, reconnection: false, timeout: 60000,
        auth: { ticket: r.body.ticket }, localAddress: IPS[i % IPS.length], perMessageDeflate: OFFER_DEFLATE ? { threshold: 0 } : false,
      });
      sockets[i] = s;
      let subscribed = false;
      s.on('connect', () => s.emit('subscribe', { roomId: 'stage', since: sinceSeq[i] }));
      s.on('subscribed', () => { if (!subscribed) { subscribed = true; connected[i] = 1; resolve(); } });
      s.on('event', (m) => onEvent(i, m));
      s.on('connect_error', (e) => { if (!subscribed) reject(e); });
      s.on('disconnect', (reason) => closed(i, reason));
    });
  },
};
const server = TARGET === 'tribune' ? tribune : sio;

// ---- phases ---------------------------------------------------------------------------------------------------
async function phase(n, concurrency, fn) {
  const lat = new Latencies();
  const errors = {};
  let ok = 0;
  const t0 = nowMs();
  await pool(n, concurrency, async (i) => {
    const t = nowMs();
    try { await fn(i); ok++; lat.add(nowMs() - t); } catch (e) { tally(errors, describeFailure(e)); }
  });
  return { ok, errors, latency: lat.toJSON(), startMs: t0, endMs: nowMs() };
}

// opens the sockets of the first `count` listeners on a schedule of `rate` per second, each one: ticket, connect, subscribe
async function ramp(rate, count = N) {
  const lat = new Latencies();
  const errors = {};
  let ok = 0, started = 0;
  const t0 = nowMs();
  const pending = [];
  while (started < count) {
    const due = Math.min(count, Math.floor(((nowMs() - t0) * rate) / 1000) + 1);
    while (started < due) {
      const i = started++;
      if (!joined[i]) { tally(errors, 'not joined (its join failed)'); continue; }
      const t = nowMs();
      pending.push(Promise.race([server.connect(i), sleep(90000).then(() => { throw new Error('no subscribed within 90 s'); })])
        .then(() => { ok++; lat.add(nowMs() - t); }, (e) => tally(errors, describeFailure(e))));
    }
    await sleep(5);
  }
  await Promise.all(pending);
  return { ok, errors, latency: lat.toJSON(), startMs: t0, endMs: nowMs(), extensions };
}

function windowReport() {
  let min = Infinity, max = 0, listeners = 0;
  for (let i = 0; i < N; i++) {
    if (!connected[i] && !receivedInWindow[i]) continue;
    listeners++;
    min = Math.min(min, receivedInWindow[i]);
    max = Math.max(max, receivedInWindow[i]);
  }
  return {
    received: chatInWindow, lastReceiveMs, latency: latency.toJSON(), duplicates, reorders, foreignChat,
    perListener: { listeners, min: listeners ? min : 0, max }, connectedNow: connected.reduce((a, b) => a + b, 0), closes,
  };
}

// the warm-up: the first `count` listeners open their sockets as the ramp will, then close them; when they open
// again they resume from the last event they saw, as a reconnecting client does
async function warm(rate, count) {
  const result = await ramp(rate, count);
  const ends = [];
  for (let i = 0; i < count; i++) {
    const s = sockets[i];
    if (!s) continue;
    if (TARGET === 'tribune') {
      if (s.readyState !== WebSocket.CLOSED) ends.push(new Promise((resolve) => { s.once('close', resolve); s.close(1000); }));
    } else if (s.connected) {
      ends.push(new Promise((resolve) => { s.once('disconnect', resolve); s.disconnect(); }));
    }
  }
  await Promise.race([Promise.all(ends), sleep(30000)]);
  for (let i = 0; i < count; i++) {
    sockets[i] = undefined;
    connected[i] = 0;
    if (lastSeq[i] > sinceSeq[i]) sinceSeq[i] = lastSeq[i];
  }
  for (const k of Object.keys(closes)) delete closes[k];
  for (const k of Object.keys(extensions)) delete extensions[k];
  return result;
}

const handlers = {
  async accounts(m) { roomId = m.roomId; return phase(N, m.concurrency, (i) => server.account(i)); },
  async join(m) { return phase(N, m.concurrency, (i) => server.join(i)); },
  async ramp(m) { return ramp(m.rate); },
  async warm(m) { return warm(m.rate, Math.min(N, m.count)); },
  async window(m) {
    windowId = m.windowId; latency = new Latencies(); receivedInWindow.fill(0); chatInWindow = 0; lastReceiveMs = 0;
    return { connectedNow: connected.reduce((a, b) => a + b, 0) };
  },
  async progress() { return { received: chatInWindow }; },
  async report() { return windowReport(); },
  async exit() { setTimeout(() => process.exit(0), 10); return {}; },
};

process.on('message', async (m) => {
  try { process.send({ id: m.id, ok: true, data: await handlers[m.cmd](m) }); }
  catch (e) { process.send({ id: m.id, ok: false, error: String((e && e.stack) || e) }); }
});
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(3), +(A['max-lifetime'] || 3600) * 1000).unref();
process.send({ ready: true });
