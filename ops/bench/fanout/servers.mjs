// The servers the bench measures: Tribune (one instance, or K instances sharing the first one's embedded PostgreSQL)
// and the socket.io baseline, plus the local stand-in for LiveKit's RoomService. Each start returns the same shape:
// {kind, pids(), bases, base, roomId, send(text), sendDirect(text, toUserId), poolMeters(), dbCpuMs(), heapAfterGc(), stop()}.
import { spawn, fork, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nowMs, sleep, jsonClient, cpuMsOfTree, descendants, describeFailure, tally } from './lib.mjs';

const DIR = path.dirname(fileURLToPath(import.meta.url));

// ---- a local stand-in for LiveKit's RoomService, so that rooms may hold more than mesh's 40 and no vendor is called --
export async function startStandin(port) {
  const calls = {};
  const server = http.createServer((req, res) => {
    const method = req.url.split('/').pop();
    tally(calls, method);
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
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return { port, calls, close: () => server.close() };
}

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

// the embedded PostgreSQL is started through pg_ctl and leaves the JVM's process tree: its pid file names the
// postmaster (line 1) and its port (line 4)
function postmaster(pgdata) {
  try {
    const lines = fs.readFileSync(path.join(pgdata, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: +lines[0], port: +lines[3] };
  } catch { return null; }
}

// HikariCP's meters, from the Prometheus endpoint: where joins and subscribes wait
async function poolMetersOf(base) {
  const r = await new Promise((resolve) => {
    http.get(`${base}/actuator/prometheus`, (res) => {
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
}

/**
 * ctx: {out, jar, javaHome, javaOpts, tribuneProps, standinPort, nextPort(), children}. Instance 1 runs the embedded
 * PostgreSQL in the run's folder; instances 2..K get their own folder (-Duser.home) and that database's URL, so rooms'
 * events reach them through its LISTEN/NOTIFY. Every instance shares one access-token key (tokens, tickets and joins
 * made on one are honoured by the others). The host, its room and its socket live on instance 1.
 */
export async function startTribune(ctx, label, instances = 1) {
  const jwtSecret = 'fanout-bench-access-token-key-shared-by-every-instance';
  const jvms = [];
  const stopJvm = async (proc) => {
    proc.kill('SIGTERM'); // graceful: Tribune stops its embedded PostgreSQL on the way out
    const until = nowMs() + 60000;
    while (proc.exitCode === null && proc.signalCode === null && nowMs() < until) await sleep(200);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    ctx.children.delete(proc);
  };
  // instance 1 owns the database: the others stop first
  const stopAll = async () => { for (const j of [...jvms].reverse()) await stopJvm(j.proc); };
  const startJvm = async (index, dbProps) => {
    const port = ctx.nextPort();
    const home = path.join(ctx.out, instances > 1 ? `tribune-${label}-i${index}` : `tribune-${label}`);
    fs.mkdirSync(home, { recursive: true });
    const props = {
      'server.address': '127.0.0.1', 'server.port': port, 'tribune.public-url': `http://127.0.0.1:${port}`,
      'tribune.embedded-db.dir': path.join(home, 'pgdata'), 'tribune.demo-data': 'false', 'tribune.auth.jwt-secret': jwtSecret,
      'tribune.rtc.livekit.url': `ws://127.0.0.1:${ctx.standinPort}`, 'tribune.rtc.livekit.api-key': 'fanout-bench',
      'tribune.rtc.livekit.api-secret': 'fanout-bench-secret-of-at-least-32-characters', 'tribune.rtc.livekit.max-participants': 50000,
      // the bench's own traffic must not hit limits meant for people: one address signs in thousands of guests, the
      // host chats at up to R per second, and listeners joined before their sockets open must not be swept as gone
      'tribune.auth.rate-limit.permits': 10000000, 'tribune.chat.per-user-permits': 100000, 'tribune.chat.per-user-window': '1s',
      'tribune.chat.per-room-permits': 100000, 'tribune.chat.per-room-window': '1s', 'tribune.presence.grace': '30m',
      'tribune.ws.ticket-rate.permits': 1000,
      // server.tomcat.max-connections is left as shipped (20,000, the open-files limit, in application.properties)
      ...dbProps,
    };
    // TRIBUNE_PROPS="key=value key=value": more settings, or other values for the ones above
    for (const kv of String(ctx.tribuneProps || '').split(/\s+/).filter(Boolean)) {
      const at = kv.indexOf('=');
      props[kv.slice(0, at)] = kv.slice(at + 1);
    }
    const args = [...ctx.javaOpts, `-Duser.home=${home}`, '-jar', ctx.jar, ...Object.entries(props).map(([k, v]) => `--${k}=${v}`)];
    const out = fs.openSync(path.join(home, 'service.log'), 'a');
    const proc = spawn(path.join(ctx.javaHome, 'bin/java'), args, { stdio: ['ignore', out, out], cwd: home });
    ctx.children.add(proc);
    const jvm = { proc, port, home, base: `http://127.0.0.1:${port}`, log: path.join(home, 'service.log') };
    jvms.push(jvm);
    await waitReady(`${jvm.base}/actuator/health/readiness`, 300, proc);
    return jvm;
  };
  try {
    const first = await startJvm(1, {});
    const db = postmaster(path.join(first.home, 'pgdata'));
    if (instances > 1 && !db) throw new Error('instance 1 has no postmaster.pid: cannot point the others at its database');
    // the others start side by side once the database is up
    await Promise.all(Array.from({ length: instances - 1 }, (_, k) => startJvm(k + 2, {
      'spring.datasource.url': `jdbc:postgresql://127.0.0.1:${db.port}/postgres`, 'spring.datasource.username': 'postgres', 'spring.datasource.password': '' })));
    const api = jsonClient(first.base, { maxSockets: 64 });
    const directApi = jsonClient(first.base, { maxSockets: 8 });
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
    const hostSocket = new WebSocket(`ws://127.0.0.1:${first.port}/ws?ticket=${encodeURIComponent(ticket.body.ticket)}`);
    await new Promise((resolve, reject) => {
      hostSocket.on('open', () => hostSocket.send(JSON.stringify({ op: 'subscribe', roomId: room.body.id, since: join.body.events.roomSeq })));
      hostSocket.on('message', (d) => { if (JSON.parse(d.toString()).op === 'subscribed') resolve(); });
      hostSocket.on('error', reject);
      setTimeout(() => reject(new Error('the host socket was not subscribed within 60 s')), 60000);
    });
    const jcmd = (pid, ...a) => { try { return execFileSync(path.join(ctx.javaHome, 'bin/jcmd'), [String(pid), ...a], { timeout: 60000 }).toString(); } catch { return ''; } };
    const heapOf = (pid) => {
      jcmd(pid, 'GC.run');
      const used = [...jcmd(pid, 'GC.heap_info').matchAll(/^\s?(garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen)\b.*?used (\d+)K/gm)];
      return used.length ? used.reduce((a, m) => a + +m[2] * 1024, 0) : null;
    };
    return {
      kind: 'tribune', instances, pids: () => jvms.map((j) => j.proc.pid), bases: jvms.map((j) => j.base), base: first.base,
      roomId: room.body.id, logs: jvms.map((j) => j.log),
      send: (text) => api.request('POST', `/api/v1/rooms/${room.body.id}/messages`, { text }, token),
      // its own connections, so that the host's chat never waits behind these
      sendDirect: (text, toUserId) => directApi.request('POST', `/api/v1/rooms/${room.body.id}/messages`, { text, toUserId }, token),
      // summed over the instances; the most waiting at once is then the most of the sums sampled
      poolMeters: async () => {
        const all = (await Promise.all(jvms.map((j) => poolMetersOf(j.base)))).filter(Boolean);
        if (!all.length) return null;
        const s = {};
        for (const m of all) for (const [k, v] of Object.entries(m)) s[k] = (s[k] || 0) + v;
        return s;
      },
      // every instance's connections are backends of instance 1's postmaster
      dbCpuMs: () => {
        const pm = postmaster(path.join(first.home, 'pgdata'));
        return pm ? cpuMsOfTree([pm.pid, ...descendants(pm.pid)]) : cpuMsOfTree(descendants(first.proc.pid));
      },
      // open /ws sockets on each instance (its tribune_ws_sockets gauge): how the listeners spread
      socketsPerInstance: async () => Promise.all(jvms.map(async (j) => {
        const text = await fetch(`${j.base}/actuator/prometheus`).then((x) => x.text()).catch(() => '');
        const m = text.match(/^tribune_ws_sockets(?:\{[^}]*\})? (\S+)$/m);
        return m ? +m[1] : null;
      })),
      // the classes that hold the idle sockets' heap, to see what a connection costs (HISTO=1): instance 1's
      histogram: () => jcmd(first.proc.pid, 'GC.class_histogram'),
      heapAfterGc: async () => {
        const heaps = jvms.map((j) => heapOf(j.proc.pid));
        return heaps.includes(null) ? null : heaps.reduce((a, b) => a + b, 0);
      },
      async stop() { hostSocket.terminate(); api.close(); directApi.close(); await stopAll(); },
    };
  } catch (e) {
    await stopAll(); // a service that failed to start or to set the room up must not outlive the run
    throw e;
  }
}

export async function startSio(ctx) {
  const port = ctx.nextPort();
  const proc = fork(path.join(DIR, 'sio-server.mjs'), [], { execArgv: ['--expose-gc'], env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  ctx.children.add(proc);
  await new Promise((resolve, reject) => { proc.once('message', resolve); proc.once('exit', reject); });
  const api = jsonClient(`http://127.0.0.1:${port}`, { maxSockets: 64 });
  const directApi = jsonClient(`http://127.0.0.1:${port}`, { maxSockets: 8 });
  let ctlId = 0;
  const ctl = (cmd) => new Promise((resolve) => {
    const id = ++ctlId;
    const h = (m) => { if (m.id === id) { proc.off('message', h); resolve(m); } };
    proc.on('message', h);
    proc.send({ cmd, id });
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    kind: 'sio', instances: 1, pids: () => [proc.pid], bases: [base], base, roomId: 'stage',
    send: (text) => api.request('POST', '/api/messages', { text }),
    sendDirect: (text, toUserId) => directApi.request('POST', '/api/messages', { text, toUserId }),
    poolMeters: async () => null,
    dbCpuMs: () => 0,
    heapAfterGc: async () => (await ctl('gc')).heapUsed,
    stats: () => ctl('stats'),
    async stop() { api.close(); directApi.close(); proc.kill('SIGTERM'); await sleep(300); ctx.children.delete(proc); },
  };
}
