// Fan-out benchmark: Tribune beside a socket.io 4 room, same flow, same load, same run. See README.md.
// For each N: a fresh server, N listeners (accounts, joins at a fixed concurrency, sockets opened at RAMP per second:
// ticket, connect, subscribe), IDLE seconds of quiet, a warm-up, then for each R a window of DURATION seconds in which
// the host sends chat at R messages per second. Prints one markdown table, writes every figure to results.jsonl.
import { spawn, fork, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Latencies, nowMs, sleep, parseArgs, jsonClient, cpuMs, cpuMsOfTree, descendants, rssBytes, machineJiffies, describeFailure, tally,
} from './lib.mjs';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(DIR, '../../..');
const A = parseArgs(process.argv.slice(2));
const QUICK = !!A.quick;
const knob = (name, quickValue, fullValue) => A[name.toLowerCase()] ?? process.env[name] ?? (QUICK ? quickValue : fullValue);
const NS = String(knob('NS', '200', '1000 5000 10000 19900')).trim().split(/[\s,]+/).map(Number);
const RS = String(knob('RS', '2', '2 20')).trim().split(/[\s,]+/).map(Number);
const DURATION = +knob('DURATION', 5, 20);
const RAMP = +knob('RAMP', 200, 1000); // sockets opened per second (all load processes together)
const IDLE_S = +knob('IDLE', 3, 30); // 30 s: one round of Tribune's socket pings (a third of tribune.ws.idle-timeout)
const JOIN_CONCURRENCY = +knob('JOIN_CONCURRENCY', 64, 64);
const TARGETS = String(knob('TARGETS', 'sio tribune', 'sio tribune')).trim().split(/[\s,]+/);
const PER_PROC = +knob('PER_PROC', 10000, 10000); // listeners per load process
const DEFLATE = String(knob('DEFLATE', '1', '1')); // 1: offer permessage-deflate as browsers do
const IPS = String(knob('IPS', '127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4', '127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4'));
const JAVA_HOME = process.env.JAVA_HOME || '/usr/lib/jvm/temurin-25-jdk-amd64';
const JAVA_OPTS = String(process.env.JAVA_OPTS || '').split(/\s+/).filter(Boolean);
const STAMP = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const OUT = path.resolve(A.out || process.env.OUT || path.join(REPO, 'target/bench/fanout', STAMP));
const JAR = A.jar || process.env.JAR || fs.readdirSync(path.join(REPO, 'target')).filter((f) => /^tribune-.*\.jar$/.test(f) && !f.includes('plain'))
  .map((f) => path.join(REPO, 'target', f))[0];

fs.mkdirSync(OUT, { recursive: true });
const log = (...a) => { const line = `[${new Date().toISOString().slice(11, 19)}] ${a.join(' ')}`; console.log(line); fs.appendFileSync(path.join(OUT, 'log.txt'), line + '\n'); };
const children = new Set(); // every process we started, stopped by pid on the way out
const stopChildren = () => { for (const c of children) { try { process.kill(c.pid, 'SIGKILL'); } catch {} } };
process.on('exit', stopChildren);
// interrupted: a JVM given SIGTERM stops its embedded PostgreSQL, a killed one would leave it running
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const c of children) { try { process.kill(c.pid, 'SIGTERM'); } catch {} }
    setTimeout(() => process.exit(130), 20000);
  });
}

let nextPort = 18400 + Math.floor(Math.random() * 400) * 2;

// ---- a local stand-in for LiveKit's RoomService, so that rooms may hold more than mesh's 40 and no vendor is called --
const standinCalls = {};
const standin = http.createServer((req, res) => {
  const method = req.url.split('/').pop();
  tally(standinCalls, method);
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let b = {};
    try { b = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'); } catch {}
    const answer = (status, obj) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(obj)); };
    if (method === 'CreateRoom') return answer(200, { sid: `RM_${b.name}`, name: b.name, max_participants: b.max_participants });
    if (method === 'ListRooms') return answer(200, { rooms: [] });
    if (method === 'DeleteRoom') return answer(200, {});
    // nobody is connected to the stand-in's media: participant calls find no one, which Tribune takes as done
    return answer(404, { code: 'not_found', msg: 'participant not found' });
  });
});
const STANDIN_PORT = nextPort++;
await new Promise((r) => standin.listen(STANDIN_PORT, '127.0.0.1', r));

// ---- the two servers --------------------------------------------------------------------------------------------
async function waitReady(url, seconds, proc) {
  const until = nowMs() + seconds * 1000;
  while (nowMs() < until) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode} while starting`);
    const ok = await new Promise((resolve) => {
      http.get(url, (res) => { res.resume(); resolve(res.statusCode === 200); }).on('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(500);
  }
  throw new Error(`not ready after ${seconds} s: ${url}`);
}

async function startTribune(label) {
  const port = nextPort++;
  const home = path.join(OUT, `tribune-${label}`);
  fs.mkdirSync(home, { recursive: true });
  const props = {
    'server.address': '127.0.0.1', 'server.port': port, 'tribune.public-url': `http://127.0.0.1:${port}`,
    'tribune.embedded-db.dir': path.join(home, 'pgdata'), 'tribune.demo-data': 'false',
    'tribune.rtc.livekit.url': `ws://127.0.0.1:${STANDIN_PORT}`, 'tribune.rtc.livekit.api-key': 'fanout-bench',
    'tribune.rtc.livekit.api-secret': 'fanout-bench-secret-of-at-least-32-characters', 'tribune.rtc.livekit.max-participants': 50000,
    // the bench's own traffic must not hit limits meant for people: one address signs in thousands of guests, the
    // host chats at up to R per second, and listeners joined before their sockets open must not be swept as gone
    'tribune.auth.rate-limit.permits': 10000000, 'tribune.chat.per-user-permits': 100000, 'tribune.chat.per-user-window': '1s',
    'tribune.chat.per-room-permits': 100000, 'tribune.chat.per-room-window': '1s', 'tribune.presence.grace': '30m',
    'tribune.ws.ticket-rate.permits': 1000,
    // Tomcat accepts 8,192 connections by default (Spring Boot's server.tomcat.max-connections): beyond that, upgrades
    // wait in the backlog and time out, which would hide the fan-out behind a setting. The shipped configuration has
    // no value of its own; TRIBUNE_PROPS="server.tomcat.max-connections=8192" measures it as shipped.
    'server.tomcat.max-connections': 30000,
  };
  // TRIBUNE_PROPS="key=value key=value": more settings, or other values for the ones above
  for (const kv of String(process.env.TRIBUNE_PROPS || '').split(/\s+/).filter(Boolean)) {
    const at = kv.indexOf('=');
    props[kv.slice(0, at)] = kv.slice(at + 1);
  }
  const args = [...JAVA_OPTS, `-Duser.home=${home}`, '-jar', JAR, ...Object.entries(props).map(([k, v]) => `--${k}=${v}`)];
  const out = fs.openSync(path.join(home, 'service.log'), 'a');
  const proc = spawn(path.join(JAVA_HOME, 'bin/java'), args, { stdio: ['ignore', out, out], cwd: home });
  children.add(proc);
  const stopJvm = async () => {
    proc.kill('SIGTERM'); // graceful: Tribune stops its embedded PostgreSQL on the way out
    const until = nowMs() + 60000;
    while (proc.exitCode === null && proc.signalCode === null && nowMs() < until) await sleep(200);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    children.delete(proc);
  };
  try {
    await waitReady(`http://127.0.0.1:${port}/actuator/health/readiness`, 300, proc);
    const api = jsonClient(`http://127.0.0.1:${port}`, { maxSockets: 64 });
    // the host: an account (guests may not create rooms), a LIVE room on the stand-in provider, joined, and a subscribed
    // socket so the room keeps its HOST present
    const name = `host${Date.now() % 1e9}`;
    const reg = await api.request('POST', '/api/v1/auth/register', { username: name, password: 'fanout-bench-password', displayName: 'Fanout host' });
    if (reg.status !== 201) throw new Error(`register: ${describeFailure(reg)}`);
    const token = reg.body.accessToken;
    const room = await api.request('POST', '/api/v1/rooms', { name: 'Fan-out bench', visibility: 'PUBLIC', provider: 'livekit' }, token);
    if (room.status !== 201) throw new Error(`create room: ${describeFailure(room)}`);
    const join = await api.request('POST', `/api/v1/rooms/${room.body.id}/join`, {}, token);
    if (join.status !== 200) throw new Error(`host join: ${describeFailure(join)}`);
    const ticket = await api.request('POST', '/api/v1/auth/ws-ticket', undefined, token);
    const { default: WebSocket } = await import('ws');
    const hostSocket = new WebSocket(`ws://127.0.0.1:${port}/ws?ticket=${encodeURIComponent(ticket.body.ticket)}`);
    await new Promise((resolve, reject) => {
      hostSocket.on('open', () => hostSocket.send(JSON.stringify({ op: 'subscribe', roomId: room.body.id, since: join.body.events.roomSeq })));
      hostSocket.on('message', (d) => { if (JSON.parse(d.toString()).op === 'subscribed') resolve(); });
      hostSocket.on('error', reject);
      setTimeout(() => reject(new Error('the host socket was not subscribed within 60 s')), 60000);
    });
    // HikariCP's meters, from the Prometheus endpoint: where joins and subscribes wait
    const poolMeters = async () => {
      const r = await new Promise((resolve) => {
        http.get(`http://127.0.0.1:${port}/actuator/prometheus`, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve(res.statusCode === 200 ? text : ''));
        }).on('error', () => resolve(''));
      });
      const sum = (name) => [...r.matchAll(new RegExp(`^${name}\\{[^}]*\\} (\\S+)$`, 'gm'))].reduce((a, m) => a + +m[1], 0);
      return r ? { pending: sum('hikaricp_connections_pending'), active: sum('hikaricp_connections_active'),
        acquireSum: sum('hikaricp_connections_acquire_seconds_sum'), acquireCount: sum('hikaricp_connections_acquire_seconds_count'),
        usageSum: sum('hikaricp_connections_usage_seconds_sum'), usageCount: sum('hikaricp_connections_usage_seconds_count'),
        timeouts: sum('hikaricp_connections_timeout_total') } : null;
    };
    const jcmd = (...a) => { try { return execFileSync(path.join(JAVA_HOME, 'bin/jcmd'), [String(proc.pid), ...a], { timeout: 60000 }).toString(); } catch (e) { return ''; } };
    return {
      kind: 'tribune', proc, pid: proc.pid, base: `http://127.0.0.1:${port}`, roomId: room.body.id, log: path.join(home, 'service.log'),
      send: (text) => api.request('POST', `/api/v1/rooms/${room.body.id}/messages`, { text }, token),
      // the embedded PostgreSQL is started through pg_ctl and leaves the JVM's process tree: find it by its pid file
      poolMeters,
      dbCpuMs: () => {
        let postmaster = null;
        try { postmaster = +fs.readFileSync(path.join(home, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0]; } catch {}
        return postmaster ? cpuMsOfTree([postmaster, ...descendants(postmaster)]) : cpuMsOfTree(descendants(proc.pid));
      },
      // the classes that hold the idle sockets' heap, to see what a connection costs (HISTO=1)
      histogram: () => jcmd('GC.class_histogram'),
      heapAfterGc: async () => {
        jcmd('GC.run');
        const info = jcmd('GC.heap_info');
        const used = [...info.matchAll(/^\s?(garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen)\b.*?used (\d+)K/gm)];
        return used.length ? used.reduce((a, m) => a + +m[2] * 1024, 0) : null;
      },
      async stop() {
        hostSocket.terminate();
        api.close();
        await stopJvm();
      },
    };
  } catch (e) {
    await stopJvm(); // a service that failed to start or to set the room up must not outlive the run
    throw e;
  }
}

async function startSio() {
  const port = nextPort++;
  const proc = fork(path.join(DIR, 'sio-server.mjs'), [], { execArgv: ['--expose-gc'], env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(proc);
  await new Promise((resolve, reject) => { proc.once('message', resolve); proc.once('exit', reject); });
  const api = jsonClient(`http://127.0.0.1:${port}`, { maxSockets: 64 });
  let ctlId = 0;
  const ctl = (cmd) => new Promise((resolve) => {
    const id = ++ctlId;
    const h = (m) => { if (m.id === id) { proc.off('message', h); resolve(m); } };
    proc.on('message', h);
    proc.send({ cmd, id });
  });
  return {
    kind: 'sio', proc, pid: proc.pid, base: `http://127.0.0.1:${port}`, roomId: 'stage',
    send: (text) => api.request('POST', '/api/messages', { text }),
    poolMeters: async () => null,
    dbCpuMs: () => 0,
    heapAfterGc: async () => (await ctl('gc')).heapUsed,
    async stop() { api.close(); proc.kill('SIGTERM'); await sleep(300); children.delete(proc); },
  };
}

// ---- load processes -----------------------------------------------------------------------------------------------
function startLoad(server, n) {
  const procs = Math.max(1, Math.ceil(n / PER_PROC));
  const list = [];
  for (let p = 0; p < procs; p++) {
    const first = Math.floor((p * n) / procs);
    const count = Math.floor(((p + 1) * n) / procs) - first;
    const c = fork(path.join(DIR, 'listeners.mjs'), ['--target', server.kind, '--base', server.base, '--n', String(count), '--first', String(first),
      '--ips', IPS, '--deflate', DEFLATE], { execArgv: ['--max-old-space-size=4096'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.add(c);
    let id = 0;
    const waiting = new Map();
    const ready = new Promise((r) => c.once('message', r));
    c.on('message', (m) => { const w = waiting.get(m.id); if (w) { waiting.delete(m.id); m.ok ? w.resolve(m.data) : w.reject(new Error(m.error)); } });
    list.push({ proc: c, ready, call: (cmd, extra = {}) => new Promise((resolve, reject) => { const i = ++id; waiting.set(i, { resolve, reject }); c.send({ cmd, id: i, ...extra }); }) });
  }
  const all = async (cmd, extra) => Promise.all(list.map((l) => l.call(cmd, typeof extra === 'function' ? extra(list.length) : extra)));
  return { list, all, pids: () => list.map((l) => l.proc.pid), ready: () => Promise.all(list.map((l) => l.ready)),
    stop: async () => { await Promise.race([all('exit'), sleep(3000)]); for (const l of list) { try { l.proc.kill('SIGKILL'); } catch {} children.delete(l.proc); } } };
}

function mergePhase(parts) {
  const lat = new Latencies();
  const errors = {};
  let ok = 0;
  for (const p of parts) { lat.merge(p.latency); ok += p.ok; for (const [k, v] of Object.entries(p.errors)) errors[k] = (errors[k] || 0) + v; }
  const spanS = (Math.max(...parts.map((p) => p.endMs)) - Math.min(...parts.map((p) => p.startMs))) / 1000;
  return { ok, errors, perSecond: ok / spanS, spanS, p50: lat.pct(50), p99: lat.pct(99), max: lat.max };
}

// ---- one N for one server -------------------------------------------------------------------------------------------
async function cpuSnapshot(server, load) {
  return { t: nowMs(), server: cpuMs(server.pid), db: server.dbCpuMs(), load: load.pids().reduce((a, p) => a + (cpuMs(p) || 0), 0), self: process.cpuUsage(), machine: machineJiffies() };
}
function cpuBetween(a, b) {
  const wall = b.t - a.t;
  const self = (b.self.user + b.self.system - a.self.user - a.self.system) / 1000;
  const ours = (b.server - a.server) + (b.db - a.db) + (b.load - a.load) + self;
  return { wallMs: wall, serverMs: b.server - a.server, dbMs: b.db - a.db, loadMs: b.load - a.load,
    otherCorePct: (100 * ((b.machine.busyMs - a.machine.busyMs) - ours)) / wall };
}

// samples the service's pool while a phase runs: the most requests waiting at once, mean wait and hold per use.
// A scrape costs the service CPU (4.5 % of its samples in a profiled smoke run at one every 500 ms), so it is taken
// once a second while joins and sockets arrive, and only just outside a chat window, whose CPU is measured.
function poolWatch(server, everyMs) {
  let first = null, last = null, maxPending = 0, stopped = false;
  const tick = async () => {
    const m = await server.poolMeters();
    if (m) { first = first || m; last = m; maxPending = Math.max(maxPending, m.pending); }
  };
  const loop = (async () => { await tick(); while (!stopped) { await sleep(everyMs); if (!stopped) await tick(); } })();
  return async () => { stopped = true; await loop; await tick(); return poolDelta(first, last, maxPending); };
}
function poolDelta(first, last, maxPending) {
  if (!first || !last) return null;
  const n = (k) => last[k] - first[k];
  return { maxPending: maxPending ?? Math.max(first.pending, last.pending), timeouts: n('timeouts'), uses: n('acquireCount'),
    acquireMeanMs: n('acquireCount') ? (1000 * n('acquireSum')) / n('acquireCount') : null,
    holdMeanMs: n('usageCount') ? (1000 * n('usageSum')) / n('usageCount') : null };
}
const poolText = (p) => (p ? `pool: max ${p.maxPending} waiting, ${p.uses} uses, mean wait ${f(p.acquireMeanMs, 1)} ms, mean hold ${f(p.holdMeanMs, 1)} ms, ${p.timeouts} timeouts` : 'pool: n/a');

async function runPoint(kind, n) {
  const label = `${kind} N=${n}`;
  const point = { server: kind, n, windows: [], errors: [] };
  let server = null, load = null;
  try {
    log(`${label}: starting the server`);
    server = kind === 'tribune' ? await startTribune(`n${n}`) : await startSio();
    load = startLoad(server, n);
    await load.ready();
    const per = load.list.length;
    const accounts = mergePhase(await load.all('accounts', { roomId: server.roomId, concurrency: Math.ceil(16 / per) }));
    log(`${label}: ${accounts.ok}/${n} listener accounts in ${accounts.spanS.toFixed(1)} s ${JSON.stringify(accounts.errors)}`);
    let watch = poolWatch(server, 1000);
    point.join = mergePhase(await load.all('join', { concurrency: Math.ceil(JOIN_CONCURRENCY / per) }));
    point.join.pool = await watch();
    log(`${label}: joins ${point.join.ok}/${n}, ${point.join.perSecond.toFixed(0)}/s, p50 ${point.join.p50?.toFixed(1)} p99 ${point.join.p99?.toFixed(1)} ms ${JSON.stringify(point.join.errors)}; ${poolText(point.join.pool)}`);
    await sleep(2000);
    // memory is read the same way before and after the sockets: a full GC, a second to settle, then RSS
    const heap0 = await server.heapAfterGc();
    await sleep(1000);
    const rss0 = rssBytes(server.pid);
    watch = poolWatch(server, 1000);
    const rampParts = await load.all('ramp', { rate: RAMP / per });
    point.subscribe = mergePhase(rampParts);
    point.subscribe.pool = await watch();
    point.subscribe.extensions = rampParts.map((p) => p.extensions);
    log(`${label}: subscribed ${point.subscribe.ok}/${n} in ${point.subscribe.spanS.toFixed(1)} s, p50 ${point.subscribe.p50?.toFixed(1)} p99 ${point.subscribe.p99?.toFixed(1)} ms ${JSON.stringify(point.subscribe.errors)} extensions ${JSON.stringify(point.subscribe.extensions)}; ${poolText(point.subscribe.pool)}`);
    const idle0 = await cpuSnapshot(server, load);
    await sleep(IDLE_S * 1000);
    const idle = cpuBetween(idle0, await cpuSnapshot(server, load));
    const heap1 = await server.heapAfterGc();
    if (process.env.HISTO === '1' && server.histogram) {
      fs.writeFileSync(path.join(OUT, `${label.replace(/\W+/g, '-')}-histogram.txt`), server.histogram());
    }
    await sleep(1000);
    const rss1 = rssBytes(server.pid);
    const conns = point.subscribe.ok || 1;
    point.idle = { serverCorePct: (100 * idle.serverMs) / idle.wallMs, dbCorePct: (100 * idle.dbMs) / idle.wallMs,
      rssBefore: rss0, rssIdle: rss1, rssPerConn: (rss1 - rss0) / conns, heapBefore: heap0, heapIdle: heap1,
      heapPerConn: heap0 != null && heap1 != null ? (heap1 - heap0) / conns : null };
    log(`${label}: idle ${point.idle.serverCorePct.toFixed(1)} % of a core, RSS ${(rss0 / 2 ** 20).toFixed(0)} -> ${(rss1 / 2 ** 20).toFixed(0)} MiB = ${(point.idle.rssPerConn / 1024).toFixed(1)} KiB/conn, heap after GC ${(point.idle.heapPerConn / 1024).toFixed(1)} KiB/conn`);

    // warm-up: the same path, in a window the listeners do not count
    for (let i = 0; i < 10; i++) { await server.send(`fanout warm ${i} ${nowMs()}`); await sleep(100); }
    await sleep(1000);

    let dupsBefore = 0, reordersBefore = 0;
    for (const [wi, r] of RS.entries()) {
      const windowId = `w${wi}r${r}`;
      const k = Math.max(1, Math.round(r * DURATION));
      const marks = await load.all('window', { windowId });
      const listening = marks.reduce((a, m) => a + m.connectedNow, 0);
      const poolBefore = await server.poolMeters();
      const before = await cpuSnapshot(server, load);
      // the host: message i is due at t0 + i/R and sent then whatever the earlier ones are doing (a slow server does
      // not slow the offered rate down), with its send time in the text
      const sends = { ok: 0, failed: {}, latency: new Latencies() };
      const t0 = nowMs() + 50;
      const inFlight = [];
      for (let i = 0; i < k; i++) {
        const due = t0 + (i * 1000) / r;
        const wait = due - nowMs();
        if (wait > 0) await sleep(wait);
        const t = nowMs();
        inFlight.push(server.send(`fanout ${windowId} ${i} ${t}`).then(
          (res) => { if (res.status === 201) { sends.ok++; sends.latency.add(nowMs() - t); } else tally(sends.failed, describeFailure(res)); },
          (e) => tally(sends.failed, describeFailure(e))));
      }
      await Promise.all(inFlight);
      // drain: until every listener has every message, or nothing arrived for 5 s, or 120 s
      const expected = listening * sends.ok;
      const dStart = nowMs();
      let last = -1, lastChange = nowMs();
      while (nowMs() - dStart < 120000) {
        const got = (await load.all('progress')).reduce((a, p) => a + p.received, 0);
        if (got >= expected) break;
        if (got !== last) { last = got; lastChange = nowMs(); } else if (nowMs() - lastChange > 5000) break;
        await sleep(200);
      }
      const after = await cpuSnapshot(server, load);
      const windowPool = poolDelta(poolBefore, await server.poolMeters());
      const reports = await load.all('report');
      const lat = new Latencies();
      let received = 0, dups = 0, reorders = 0, lastReceive = 0, minPer = Infinity;
      const closes = {};
      for (const rep of reports) {
        lat.merge(rep.latency); received += rep.received; dups += rep.duplicates; reorders += rep.reorders;
        lastReceive = Math.max(lastReceive, rep.lastReceiveMs); minPer = Math.min(minPer, rep.perListener.min);
        for (const [c, v] of Object.entries(rep.closes)) closes[c] = (closes[c] || 0) + v;
      }
      const cpu = cpuBetween(before, after);
      // the window each message owns is 1/R wide, so a server that keeps up shows exactly N*R deliveries per second
      const windowS = (lastReceive - t0 + 1000 / r) / 1000;
      const w = {
        r, k, sent: sends.ok, sendFailures: sends.failed, sendP50: sends.latency.pct(50), sendP99: sends.latency.pct(99), listening, expected, received,
        lost: Math.max(0, expected - received), minPerListener: minPer, duplicates: dups - dupsBefore, reorders: reorders - reordersBefore, closes,
        deliveriesPerSec: received / windowS, p50: lat.pct(50), p99: lat.pct(99), max: lat.max,
        serverUsPerDelivery: received ? (cpu.serverMs * 1000) / received : null, dbUsPerDelivery: received ? (cpu.dbMs * 1000) / received : null,
        pool: windowPool, serverCorePct: (100 * cpu.serverMs) / cpu.wallMs, loadCorePct: (100 * cpu.loadMs) / cpu.wallMs, otherCorePct: cpu.otherCorePct,
      };
      dupsBefore = dups; reordersBefore = reorders;
      point.windows.push(w);
      log(`${label} R=${r}: sent ${w.sent}/${k} ${JSON.stringify(w.sendFailures)}, received ${received}/${expected}, ${w.deliveriesPerSec.toFixed(0)}/s, p50 ${w.p50?.toFixed(1)} p99 ${w.p99?.toFixed(1)} max ${w.max.toFixed(1)} ms, server ${w.serverUsPerDelivery?.toFixed(1)} us/delivery (db ${w.dbUsPerDelivery?.toFixed(1)}), dups ${w.duplicates} reorders ${w.reorders} closes ${JSON.stringify(closes)}, other CPU ${w.otherCorePct.toFixed(0)} % core; ${poolText(w.pool)}`);
    }
  } catch (e) {
    point.errors.push(String((e && e.stack) || e));
    log(`${label}: FAILED ${e && e.message}`);
  } finally {
    if (load) await load.stop();
    if (server) {
      if (server.log) point.serviceLog = summariseLog(server.log);
      await server.stop();
    }
  }
  fs.appendFileSync(path.join(OUT, 'results.jsonl'), JSON.stringify(point) + '\n');
  return point;
}

// WARN and ERROR lines of the service log, by their logger and first words, for "where does Tribune's time go"
function summariseLog(file) {
  const counts = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = line.match(/\b(WARN|ERROR)\b.*?---\s*\[.*?\]\s*\[.*?\]\s*(\S+)\s*:\s*(.{0,80})/);
    if (m) tally(counts, `${m[1]} ${m[2]}: ${m[3].replace(/\[id=.*/, '[id=...]').replace(/ticket=\S*/, 'ticket=...').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>').replace(/\d+/g, 'N')}`);
  }
  return counts;
}

// ---- the table --------------------------------------------------------------------------------------------------------
const f = (x, d = 0) => (x == null || Number.isNaN(x) ? 'n/a' : Number(x).toFixed(d));
function table(points) {
  const rows = [
    '| N | R/s | server | subscribed | deliveries/s (offered) | latency p50 / p99 / max ms | server CPU µs per delivery (+ DB) | KiB per idle conn: RSS / heap after GC | idle CPU % core | subscribe p50 / p99 ms | joins/s, p99 ms (c=' + JOIN_CONCURRENCY + ') | lost / dup / reordered (sockets closed) | send failures | other CPU % core |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const byKey = new Map();
  for (const p of points) for (const w of p.windows.length ? p.windows : [null]) {
    const key = `${p.n} ${w ? w.r : '-'}`;
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key).push([p, w]);
  }
  for (const [, list] of byKey) for (const [p, w] of list) {
    const name = p.server === 'sio' ? 'socket.io' : 'Tribune';
    if (!w) { rows.push(`| ${p.n} | - | ${name} | FAILED: ${String(p.errors[0] || '').split('\n')[0].slice(0, 100)} |||||||||||`); continue; }
    const fails = Object.entries(w.sendFailures).map(([k, v]) => `${k}: ${v}`).join(', ') || '0';
    rows.push(`| ${p.n} | ${w.r} | ${name} | ${p.subscribe.ok}/${p.n} | ${f(w.deliveriesPerSec)} (${w.listening * w.r}) | ${f(w.p50, 1)} / ${f(w.p99, 1)} / ${f(w.max, 0)} | ${f(w.serverUsPerDelivery, 1)}${p.server === 'tribune' ? ` (+${f(w.dbUsPerDelivery, 1)})` : ''} | ${f(p.idle.rssPerConn / 1024, 1)} / ${f(p.idle.heapPerConn / 1024, 1)} | ${f(p.idle.serverCorePct, 1)} | ${f(p.subscribe.p50, 0)} / ${f(p.subscribe.p99, 0)} | ${f(p.join.perSecond)}, ${f(p.join.p99, 0)} | ${w.lost} / ${w.duplicates} / ${w.reorders}${Object.keys(w.closes).length ? ` (${Object.entries(w.closes).map(([c, v]) => `${c}: ${v}`).join(', ')})` : ''} | ${fails} | ${f(w.otherCorePct)} |`);
  }
  return rows.join('\n');
}

// ---- main -------------------------------------------------------------------------------------------------------------
const env = [
  `date: ${new Date().toISOString()}`, `machine: ${(await import('node:os')).cpus().length} x ${(await import('node:os')).cpus()[0].model}, ${Math.round((await import('node:os')).totalmem() / 2 ** 30)} GiB`,
  `node: ${process.version}, java: ${JAVA_HOME}, jar: ${JAR}`,
  `NS=${NS.join(' ')} RS=${RS.join(' ')} DURATION=${DURATION} RAMP=${RAMP}/s IDLE=${IDLE_S} JOIN_CONCURRENCY=${JOIN_CONCURRENCY} TARGETS=${TARGETS.join(' ')} DEFLATE=${DEFLATE} JAVA_OPTS=${JAVA_OPTS.join(' ')} TRIBUNE_PROPS=${process.env.TRIBUNE_PROPS || ''}`,
];
for (const l of env) log(l);
if (TARGETS.includes('tribune') && !JAR) { log('no target/tribune-*.jar: build it with ./mvnw -B -o -DskipTests package'); process.exit(2); }
const points = [];
for (const n of NS) for (const kind of TARGETS) points.push(await runPoint(kind, n));
const md = [...env, '', table(points), '', `LiveKit stand-in calls: ${JSON.stringify(standinCalls)}`];
for (const p of points) {
  if (p.server !== 'tribune') continue;
  if (p.join) md.push(`Tribune N=${p.n} joins ${poolText(p.join.pool)}; subscribes ${p.subscribe ? poolText(p.subscribe.pool) : 'n/a'}${p.windows.map((w) => `; R=${w.r} ${poolText(w.pool)}`).join('')}`);
  if (p.serviceLog && Object.keys(p.serviceLog).length) md.push(`Tribune N=${p.n} log: ${JSON.stringify(p.serviceLog)}`);
}
fs.writeFileSync(path.join(OUT, 'summary.md'), md.join('\n') + '\n');
console.log('\n' + md.join('\n'));
log(`results in ${OUT}`);
standin.close();
process.exit(points.some((p) => p.errors.length) ? 1 : 0);
