// Fan-out benchmark: Tribune beside a socket.io 4 room, same flow, same load, same run. See README.md.
// For each N: a fresh server, N listeners (accounts, joins at a fixed concurrency, sockets opened at RAMP per second:
// ticket, connect, subscribe), IDLE seconds of quiet, a warm-up, then for each R a window of DURATION seconds in which
// the host sends chat at R messages per second. Prints one markdown table, writes every figure to results.jsonl.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Latencies, nowMs, sleep, parseArgs, cpuMs, rssBytes, machineJiffies, describeFailure, tally } from './lib.mjs';
import { startStandin, startTribune, startSio } from './servers.mjs';
import { startStall } from './stall.mjs';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(DIR, '../../..');
const A = parseArgs(process.argv.slice(2));
const QUICK = !!A.quick;
const knob = (name, quickValue, fullValue) => A[name.toLowerCase()] ?? process.env[name] ?? (QUICK ? quickValue : fullValue);
const NS = String(knob('NS', '200', '1000 5000 10000 19900')).trim().split(/[\s,]+/).map(Number);
const RS = String(knob('RS', '2', '2 20')).trim().split(/[\s,]+/).map(Number);
const DURATION = +knob('DURATION', 5, 20);
const RAMP = +knob('RAMP', 200, 1000); // sockets opened per second (all load processes together)
// sockets opened (at RAMP) and closed before the measured ramp, on each server alike: a server that has been up for a
// while has compiled its socket path; a fresh JVM would otherwise be measured compiling it (0: none)
const WARMUP = +knob('WARMUP', 0, 2000);
const IDLE_S = +knob('IDLE', 3, 30); // 30 s: one round of Tribune's socket pings (a third of tribune.ws.idle-timeout)
const JOIN_CONCURRENCY = +knob('JOIN_CONCURRENCY', 64, 64);
const TARGETS = String(knob('TARGETS', 'sio tribune', 'sio tribune')).trim().split(/[\s,]+/);
const PER_PROC = +knob('PER_PROC', 10000, 10000); // listeners per load process
const DEFLATE = String(knob('DEFLATE', '1', '1')); // 1: offer permessage-deflate as browsers do
const IPS = String(knob('IPS', '127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4', '127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4'));
const INSTANCES = +knob('INSTANCES', 1, 1); // Tribune instances sharing instance 1's PostgreSQL; socket.io stays one process
const STALL = String(knob('STALL', '1', '1')) === '1'; // one listener stops reading from the first window on
// direct chat messages (1,000 characters, about 3 KB) per second to the stalled listener alone, from the first window
// until it is gone: the kernel holds about 4 MiB for a socket that does not read, so the window's few chat messages
// never reach the server's bounds. Each is a chat transaction: this load is the service's, not the stall's
const STALL_FILL = +knob('STALL_FILL', 0, 0);
const STORM = +knob('STORM', 0, 0); // new guests joining within STORM_SECONDS after the windows (0: no storm)
const STORM_SECONDS = +knob('STORM_SECONDS', 10, 10);
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
const standin = await startStandin(nextPort++);
const serverCtx = { out: OUT, jar: JAR, javaHome: JAVA_HOME, javaOpts: JAVA_OPTS, tribuneProps: process.env.TRIBUNE_PROPS,
  standinPort: standin.port, nextPort: () => nextPort++, children };

// ---- load processes -----------------------------------------------------------------------------------------------
function startLoad(server, n) {
  const procs = Math.max(1, Math.ceil(n / PER_PROC));
  const list = [];
  for (let p = 0; p < procs; p++) {
    const first = Math.floor((p * n) / procs);
    const count = Math.floor(((p + 1) * n) / procs) - first;
    const c = fork(path.join(DIR, 'listeners.mjs'), ['--target', server.kind, '--bases', server.bases.join(','), '--n', String(count), '--first', String(first),
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
// the server's CPU is the sum over its processes (Tribune's instances); its database's counted apart
const sumOver = (pids, read) => pids.reduce((a, p) => a + (read(p) || 0), 0);
async function cpuSnapshot(server, load) {
  return { t: nowMs(), server: sumOver(server.pids(), cpuMs), db: server.dbCpuMs(), load: sumOver(load.pids(), cpuMs), self: process.cpuUsage(), machine: machineJiffies() };
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

// One measured window: the host sends message i at t0 + i/R whatever the earlier ones are doing (a slow server does
// not slow the offered rate down), with its send time in the text; k messages, or (k null) until `until` settles.
// `seen` carries the listeners' running duplicate and reorder counts from one window to the next.
async function runWindow(run, windowId, r, { k = null, until = null } = {}) {
  const { server, load, seen } = run;
  let done = false;
  if (until) until.then(() => { done = true; }, () => { done = true; });
  const marks = await load.all('window', { windowId });
  const listening = marks.reduce((a, m) => a + m.connectedNow, 0);
  const poolBefore = await server.poolMeters();
  const before = await cpuSnapshot(server, load);
  const sends = { ok: 0, failed: {}, latency: new Latencies() };
  const t0 = nowMs() + 50;
  const inFlight = [];
  for (let i = 0; k != null ? i < k : i === 0 || !done; i++) {
    const due = t0 + (i * 1000) / r;
    const wait = due - nowMs();
    if (wait > 0) await sleep(wait);
    const t = nowMs();
    inFlight.push(server.send(`fanout ${windowId} ${i} ${t}`).then(
      (res) => { if (res.status === 201) { sends.ok++; run.sent++; sends.latency.add(nowMs() - t); } else tally(sends.failed, describeFailure(res)); },
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
    r, k: k ?? sends.ok + Object.values(sends.failed).reduce((a, b) => a + b, 0), sent: sends.ok, sendFailures: sends.failed,
    sendP50: sends.latency.pct(50), sendP99: sends.latency.pct(99), listening, expected, received,
    lost: Math.max(0, expected - received), minPerListener: minPer, duplicates: dups - seen.dups, reorders: reorders - seen.reorders, closes,
    deliveriesPerSec: received / windowS, p50: lat.pct(50), p99: lat.pct(99), max: lat.max,
    serverUsPerDelivery: received ? (cpu.serverMs * 1000) / received : null, dbUsPerDelivery: received ? (cpu.dbMs * 1000) / received : null,
    pool: windowPool, serverCorePct: (100 * cpu.serverMs) / cpu.wallMs, loadCorePct: (100 * cpu.loadMs) / cpu.wallMs, otherCorePct: cpu.otherCorePct,
  };
  seen.dups = dups; seen.reorders = reorders;
  return w;
}
const windowText = (w) => `sent ${w.sent}/${w.k} ${JSON.stringify(w.sendFailures)}, received ${w.received}/${w.expected}, ${w.deliveriesPerSec.toFixed(0)}/s, p50 ${w.p50?.toFixed(1)} p99 ${w.p99?.toFixed(1)} max ${w.max.toFixed(1)} ms, server ${w.serverUsPerDelivery?.toFixed(1)} us/delivery (db ${w.dbUsPerDelivery?.toFixed(1)}), dups ${w.duplicates} reorders ${w.reorders} closes ${JSON.stringify(w.closes)}, other CPU ${w.otherCorePct.toFixed(0)} % core; ${poolText(w.pool)}`;

// STORM new guests in a process of their own join within STORM_SECONDS while the host chats at the first R: the
// listeners' window during the storm is compared with the first window (same R) before it
async function runStorm(run, label) {
  const { server } = run;
  const c = fork(path.join(DIR, 'storm.mjs'), ['--target', server.kind, '--bases', server.bases.join(','), '--ips', IPS, '--n', String(STORM)],
    { execArgv: ['--max-old-space-size=2048'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(c);
  let id = 0;
  const waiting = new Map();
  const ready = new Promise((r) => c.once('message', r));
  c.on('message', (m) => { const w = waiting.get(m.id); if (w) { waiting.delete(m.id); m.ok ? w.resolve(m.data) : w.reject(new Error(m.error)); } });
  const call = (cmd, extra = {}) => new Promise((resolve, reject) => { const i = ++id; waiting.set(i, { resolve, reject }); c.send({ cmd, id: i, ...extra }); });
  try {
    await ready;
    const accounts = await call('accounts', { roomId: server.roomId, concurrency: 16 });
    log(`${label} storm: ${accounts.ok}/${STORM} guest accounts ${JSON.stringify(accounts.errors)}`);
    const watch = poolWatch(server, 1000);
    const stormDone = call('storm', { seconds: STORM_SECONDS });
    const window = await runWindow(run, 'storm', RS[0], { until: stormDone });
    const s = await stormDone;
    const lat = new Latencies(s.latency);
    const result = { ...s, latency: undefined, n: STORM, seconds: STORM_SECONDS, accounts: accounts.ok, admitAllS: (s.endMs - s.startMs) / 1000,
      joinP50: lat.pct(50), joinP99: lat.pct(99), joinMax: lat.max, pool: await watch(), window };
    log(`${label} storm: ${stormText(result)}; listeners during it: ${windowText(window)}`);
    return result;
  } finally {
    await Promise.race([call('exit'), sleep(3000)]);
    try { c.kill('SIGKILL'); } catch {}
    children.delete(c);
  }
}
const counts = (o) => (Object.keys(o || {}).length ? Object.entries(o).map(([k, v]) => `${k}: ${v}`).join(', ') : '0');
const stormText = (s) => `${s.admitted}/${s.n} admitted, ${s.roomFull} room-full, ${s.queuedAnswers} queued answers (${s.queuedJoins} joins; max position ${s.maxPosition}), other 4xx ${counts(s.other4xx)}, 5xx ${counts(s.http5xx)}, errors ${counts(s.errors)}${s.gaveUp ? `, ${s.gaveUp} gave up` : ''}; all answered in ${f(s.admitAllS, 1)} s; join p50 / p99 ${f(s.joinP50, 0)} / ${f(s.joinP99, 0)} ms incl. queueing`;

// the stalled listener's fate, with what the server says about it: Tribune's tribune_ws_dropped_total, socket.io's
// largest write queue and its RSS growth since the pause
async function stallReport(server, stall, at) {
  const s = stall.status();
  const r = { ...s, rssGrowth: at.rss0 != null ? sumOver(server.pids(), rssBytes) - at.rss0 : null };
  if (server.kind === 'tribune') r.droppedTooSlow = (await droppedTooSlow(server)) - at.dropped0;
  else { r.maxQueuedBytes = at.maxQueuedBytes; r.maxQueuedPackets = at.maxQueuedPackets; }
  return r;
}
// socket.io's queue for the stalled client, while it is open (after each window): the largest seen
async function sampleStalledQueue(server, stall, at) {
  if (!server.stats || !stall.status().open) return;
  const st = await server.stats();
  at.maxQueuedBytes = Math.max(at.maxQueuedBytes || 0, st.maxQueuedBytes);
  at.maxQueuedPackets = Math.max(at.maxQueuedPackets || 0, st.maxQueuedPackets);
}
function startFill(server, stall) {
  // '€' is one character and three bytes: the largest frame chat allows (1,000 characters), so the fewest messages
  const text = `fill ${'€'.repeat(995)}`;
  const r = { sent: 0, failed: {}, perSecond: STALL_FILL };
  let stopped = false;
  const inFlight = [];
  const loop = (async () => {
    const t0 = nowMs();
    for (let i = 0; !stopped && stall.status().open; i++) {
      const wait = t0 + (i * 1000) / STALL_FILL - nowMs();
      if (wait > 0) await sleep(wait);
      inFlight.push(server.sendDirect(text, stall.userId).then((res) => { if (res.status === 201) r.sent++; else tally(r.failed, describeFailure(res)); },
        (e) => tally(r.failed, describeFailure(e))));
    }
  })();
  return { stop: async () => { stopped = true; await loop; await Promise.all(inFlight); return r; } };
}
async function droppedTooSlow(server) {
  let total = 0;
  for (const b of server.bases) {
    const text = await fetch(`${b}/actuator/prometheus`).then((x) => x.text()).catch(() => '');
    for (const m of text.matchAll(/^tribune_ws_dropped_total\{[^}]*reason="too_slow"[^}]*\} (\S+)$/gm)) total += +m[1];
  }
  return total;
}
const stallText = (s) => `${s.open ? `still open after ${f(s.pausedS, 1)} s` : `ended (${s.code ?? 'no close frame'}${s.reason !== 'closed' ? `, ${s.reason}` : ''}) after ${f(s.pausedS, 1)} s`} paused, ${s.messagesSincePause} chat messages (about ${f((s.messagesSincePause * (s.bytesPerFrame || 0)) / 1024, 0)} KiB) sent to it since${s.fill ? `, plus ${s.fill.sent} direct 1,000-character messages (about ${f((s.fill.sent * ((s.bytesPerFrame || 300) + 2 * 995)) / 1024, 0)} KiB; failed: ${counts(s.fill.failed)})` : ''}${s.droppedTooSlow != null ? `; server's too_slow (4408) closes: ${s.droppedTooSlow}` : ''}${s.maxQueuedBytes != null ? `; server's largest queue for it, after a window: ${f(s.maxQueuedBytes / 1024, 0)} KiB + ${s.maxQueuedPackets} packets` : ''}${s.rssGrowth != null ? `; server RSS ${s.rssGrowth >= 0 ? '+' : ''}${f(s.rssGrowth / 2 ** 20, 1)} MiB since the pause` : ''}`;

async function runPoint(kind, n) {
  const label = `${kind} N=${n}`;
  const point = { server: kind, n, instances: kind === 'tribune' ? INSTANCES : 1, windows: [], errors: [] };
  let server = null, load = null, stall = null, fill = null;
  try {
    log(`${label}: starting the server${kind === 'tribune' && INSTANCES > 1 ? ` (${INSTANCES} instances)` : ''}`);
    server = kind === 'tribune' ? await startTribune(serverCtx, `n${n}`, INSTANCES) : await startSio(serverCtx);
    load = startLoad(server, n);
    await load.ready();
    const per = load.list.length;
    const accounts = mergePhase(await load.all('accounts', { roomId: server.roomId, concurrency: Math.ceil(16 / per) }));
    log(`${label}: ${accounts.ok}/${n} listener accounts in ${accounts.spanS.toFixed(1)} s ${JSON.stringify(accounts.errors)}`);
    let watch = poolWatch(server, 1000);
    point.join = mergePhase(await load.all('join', { concurrency: Math.ceil(JOIN_CONCURRENCY / per) }));
    point.join.pool = await watch();
    log(`${label}: joins ${point.join.ok}/${n}, ${point.join.perSecond.toFixed(0)}/s, p50 ${point.join.p50?.toFixed(1)} p99 ${point.join.p99?.toFixed(1)} ms ${JSON.stringify(point.join.errors)}; ${poolText(point.join.pool)}`);
    if (WARMUP > 0) {
      const warm = mergePhase(await load.all('warm', { rate: RAMP / per, count: Math.ceil(Math.min(WARMUP, n) / per) }));
      point.warmup = { ok: warm.ok, p50: warm.p50, p99: warm.p99 };
      log(`${label}: warm-up ${warm.ok} sockets opened (p50 ${warm.p50?.toFixed(1)} p99 ${warm.p99?.toFixed(1)} ms ${JSON.stringify(warm.errors)}) and closed`);
    }
    await sleep(2000);
    // memory is read the same way before and after the sockets: a full GC, a second to settle, then RSS
    const heap0 = await server.heapAfterGc();
    await sleep(1000);
    const rss0 = sumOver(server.pids(), rssBytes);
    watch = poolWatch(server, 1000);
    const rampParts = await load.all('ramp', { rate: RAMP / per });
    point.subscribe = mergePhase(rampParts);
    point.subscribe.pool = await watch();
    point.subscribe.extensions = rampParts.map((p) => p.extensions);
    if (server.socketsPerInstance) point.subscribe.socketsPerInstance = await server.socketsPerInstance();
    log(`${label}: subscribed ${point.subscribe.ok}/${n} in ${point.subscribe.spanS.toFixed(1)} s, p50 ${point.subscribe.p50?.toFixed(1)} p99 ${point.subscribe.p99?.toFixed(1)} ms ${JSON.stringify(point.subscribe.errors)} extensions ${JSON.stringify(point.subscribe.extensions)}${point.subscribe.socketsPerInstance ? `, sockets per instance ${JSON.stringify(point.subscribe.socketsPerInstance)}` : ''}; ${poolText(point.subscribe.pool)}`);
    const idle0 = await cpuSnapshot(server, load);
    await sleep(IDLE_S * 1000);
    const idle = cpuBetween(idle0, await cpuSnapshot(server, load));
    const heap1 = await server.heapAfterGc();
    if (process.env.HISTO === '1' && server.histogram) {
      fs.writeFileSync(path.join(OUT, `${label.replace(/\W+/g, '-')}-histogram.txt`), server.histogram());
    }
    await sleep(1000);
    const rss1 = sumOver(server.pids(), rssBytes);
    const conns = point.subscribe.ok || 1;
    point.idle = { serverCorePct: (100 * idle.serverMs) / idle.wallMs, dbCorePct: (100 * idle.dbMs) / idle.wallMs,
      rssBefore: rss0, rssIdle: rss1, rssPerConn: (rss1 - rss0) / conns, heapBefore: heap0, heapIdle: heap1,
      heapPerConn: heap0 != null && heap1 != null ? (heap1 - heap0) / conns : null };
    log(`${label}: idle ${point.idle.serverCorePct.toFixed(1)} % of a core, RSS ${(rss0 / 2 ** 20).toFixed(0)} -> ${(rss1 / 2 ** 20).toFixed(0)} MiB = ${(point.idle.rssPerConn / 1024).toFixed(1)} KiB/conn, heap after GC ${(point.idle.heapPerConn / 1024).toFixed(1)} KiB/conn`);

    const run = { server, load, seen: { dups: 0, reorders: 0 }, sent: 0 };
    // the stalled listener subscribes before the warm-up (it reads those frames, for their size) and stops reading
    // when the first window starts
    let stallAt = null;
    if (STALL) {
      try { stall = await startStall(server, { ip: IPS.split(',')[0], sentSoFar: () => run.sent }); }
      catch (e) { point.stall = { error: String(e.message || e) }; log(`${label}: the stalled listener could not subscribe: ${e.message}`); }
    }
    // warm-up: the same path, in a window the listeners do not count
    for (let i = 0; i < 10; i++) { await server.send(`fanout warm ${i} ${nowMs()}`); await sleep(100); }
    await sleep(1000);

    for (const [wi, r] of RS.entries()) {
      if (wi === 0 && stall) {
        stallAt = { dropped0: server.kind === 'tribune' ? await droppedTooSlow(server) : null, rss0: sumOver(server.pids(), rssBytes) };
        stall.pause();
        if (STALL_FILL > 0) fill = startFill(server, stall);
      }
      const w = await runWindow(run, `w${wi}r${r}`, r, { k: Math.max(1, Math.round(r * DURATION)) });
      if (stall) { w.stalledListenerOpen = stall.status().open; await sampleStalledQueue(server, stall, stallAt); }
      point.windows.push(w);
      log(`${label} R=${r}: ${windowText(w)}${stall ? `; stalled listener ${w.stalledListenerOpen ? 'still open' : 'gone'}` : ''}`);
    }
    if (STORM > 0) point.storm = await runStorm(run, label);
    if (stall) await sampleStalledQueue(server, stall, stallAt);
    if (stall) {
      point.stall = await stallReport(server, stall, stallAt);
      if (fill) point.stall.fill = await fill.stop();
      log(`${label}: stalled listener ${stallText(point.stall)}`);
    }
  } catch (e) {
    point.errors.push(String((e && e.stack) || e));
    log(`${label}: FAILED ${e && e.message}`);
  } finally {
    if (fill) await fill.stop();
    if (stall) stall.stop();
    if (load) await load.stop();
    if (server) {
      if (server.logs) point.serviceLog = server.logs.map(summariseLog).reduce((a, c) => { for (const [k, v] of Object.entries(c)) a[k] = (a[k] || 0) + v; return a; }, {});
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
    const name = p.server === 'sio' ? `socket.io${INSTANCES > 1 ? ' (1 process)' : ''}` : `Tribune${p.instances > 1 ? ` x${p.instances}` : ''}`;
    if (!w) { rows.push(`| ${p.n} | - | ${name} | FAILED: ${String(p.errors[0] || '').split('\n')[0].slice(0, 100)} |||||||||||`); continue; }
    const fails = Object.entries(w.sendFailures).map(([k, v]) => `${k}: ${v}`).join(', ') || '0';
    rows.push(`| ${p.n} | ${w.r} | ${name} | ${p.subscribe.ok}/${p.n} | ${f(w.deliveriesPerSec)} (${w.listening * w.r}) | ${f(w.p50, 1)} / ${f(w.p99, 1)} / ${f(w.max, 0)} | ${f(w.serverUsPerDelivery, 1)}${p.server === 'tribune' ? ` (+${f(w.dbUsPerDelivery, 1)})` : ''} | ${f(p.idle.rssPerConn / 1024, 1)} / ${f(p.idle.heapPerConn / 1024, 1)} | ${f(p.idle.serverCorePct, 1)} | ${f(p.subscribe.p50, 0)} / ${f(p.subscribe.p99, 0)} | ${f(p.join.perSecond)}, ${f(p.join.p99, 0)} | ${w.lost} / ${w.duplicates} / ${w.reorders}${Object.keys(w.closes).length ? ` (${Object.entries(w.closes).map(([c, v]) => `${c}: ${v}`).join(', ')})` : ''} | ${fails} | ${f(w.otherCorePct)} |`);
  }
  return rows.join('\n');
}

// the new parts, one labelled line each per point, under the table
function extraLines(points) {
  const lines = [];
  const name = (p) => `${p.server === 'sio' ? 'socket.io' : `Tribune${p.instances > 1 ? ` x${p.instances}` : ''}`} N=${p.n}`;
  for (const p of points) {
    if (p.instances > 1 && p.subscribe) lines.push(`- Instances, ${name(p)}: sockets per instance ${JSON.stringify(p.subscribe.socketsPerInstance)} (listeners round robin; the host, and its socket, on instance 1; every figure in the table summed over the instances; one PostgreSQL, instance 1's)`);
    if (p.stall) {
      const w0 = p.windows[0];
      lines.push(`- Stalled client, ${name(p)}: ${p.stall.error ? `could not subscribe: ${p.stall.error}` : stallText(p.stall)}${w0 ? `; the others' p99 in the first window (with it paused): ${f(w0.p99, 1)} ms` : ''}`);
    }
    if (p.storm) {
      const s = p.storm, w = s.window, w0 = p.windows[0];
      lines.push(`- Join storm, ${name(p)}: ${stormText(s)}; listeners' delivery p50 / p99 during it ${f(w.p50, 1)} / ${f(w.p99, 1)} ms (max ${f(w.max, 0)}, ${w.lost} lost / ${w.duplicates} dup / ${w.reorders} reordered, ${f(w.deliveriesPerSec)}/s of ${w.listening * w.r} offered, host's sends failed: ${counts(w.sendFailures)}), before it (R=${w0 ? w0.r : '?'}) ${w0 ? `${f(w0.p50, 1)} / ${f(w0.p99, 1)}` : 'n/a'} ms${s.pool ? `; ${poolText(s.pool)}` : ''}`);
    }
  }
  return lines.length ? [...lines, ''] : [];
}

// ---- main -------------------------------------------------------------------------------------------------------------
const env = [
  `date: ${new Date().toISOString()}`, `machine: ${(await import('node:os')).cpus().length} x ${(await import('node:os')).cpus()[0].model}, ${Math.round((await import('node:os')).totalmem() / 2 ** 30)} GiB`,
  `node: ${process.version}, java: ${JAVA_HOME}, jar: ${JAR}`,
  `NS=${NS.join(' ')} RS=${RS.join(' ')} DURATION=${DURATION} RAMP=${RAMP}/s WARMUP=${WARMUP} IDLE=${IDLE_S} JOIN_CONCURRENCY=${JOIN_CONCURRENCY} TARGETS=${TARGETS.join(' ')} DEFLATE=${DEFLATE} INSTANCES=${INSTANCES} STALL=${STALL ? 1 : 0} STORM=${STORM} STORM_SECONDS=${STORM_SECONDS} JAVA_OPTS=${JAVA_OPTS.join(' ')} TRIBUNE_PROPS=${process.env.TRIBUNE_PROPS || ''}`,
];
for (const l of env) log(l);
if (TARGETS.includes('tribune') && !JAR) { log('no target/tribune-*.jar: build it with ./mvnw -B -o -DskipTests package'); process.exit(2); }
const points = [];
for (const n of NS) for (const kind of TARGETS) points.push(await runPoint(kind, n));
const md = [...env, '', table(points), '', ...extraLines(points), `LiveKit stand-in calls: ${JSON.stringify(standin.calls)}`];
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
