// STORM: a load process of new guests who all join the room within a few seconds, while the room's listeners are
// subscribed and the host chats. Driven over IPC by bench.mjs: accounts (before the storm, not measured), then storm.
// Join i is due at t0 + i * seconds / n, whatever the earlier ones are doing. A 429 is retried as told: after its
// Retry-After (seconds), sending back the queue token of a /problems/join-queued answer, until a 200 or another answer.
// Its latency runs from when it was due to its last answer, queueing included.
import { Latencies, nowMs, sleep, jsonClient, pool, describeFailure, tally, parseArgs } from './lib.mjs';

const A = parseArgs(process.argv.slice(2));
const TARGET = A.target; // tribune | sio
const BASES = String(A.bases).split(',');
const IPS = String(A.ips).split(',');
const N = +A.n;
const FIRST = +A.first || 0;
const QUEUE_TOKEN_FIELD = 'queueToken'; // sent back in the join's body (issue 16's admission, docs/API.md Additions)
const GIVE_UP_MS = 600000;

// storm guest i joins on instance i % K (like the listeners), from address i % IPS; wide enough pools that the storm
// queues at the server, not in this process
const clients = BASES.map((b) => IPS.map((ip) => jsonClient(b, { localAddress: ip, maxSockets: Math.ceil(4000 / (BASES.length * IPS.length)), timeoutMs: 120000 })));
const http = (i) => clients[(FIRST + i) % BASES.length][i % IPS.length];
const tokens = new Array(N);
let roomId = null;

async function account(i) {
  if (TARGET !== 'tribune') return;
  const r = await http(i).request('POST', '/api/v1/auth/guest', { displayName: `storm guest ${FIRST + i}` });
  if (r.status !== 201) throw r;
  tokens[i] = r.body.accessToken;
}

function joinOnce(i, queueToken) {
  const body = queueToken ? { [QUEUE_TOKEN_FIELD]: queueToken } : {};
  return TARGET === 'tribune'
    ? http(i).request('POST', `/api/v1/rooms/${roomId}/join`, body, tokens[i])
    : http(i).request('POST', '/api/join', { userId: `storm-${FIRST + i}` });
}

async function storm(seconds) {
  const s = { admitted: 0, roomFull: 0, queuedAnswers: 0, queuedJoins: 0, maxPosition: 0, other4xx: {}, http5xx: {}, errors: {}, gaveUp: 0,
    retryAfter: {}, lastAnswerMs: 0 };
  const lat = new Latencies();
  const t0 = nowMs() + 50;
  await Promise.all(Array.from({ length: N }, async (_, i) => {
    const due = t0 + (i * seconds * 1000) / N;
    await sleep(Math.max(0, due - nowMs()));
    let token = null, queued = false;
    for (;;) {
      let r;
      try { r = await joinOnce(i, token); } catch (e) { tally(s.errors, describeFailure(e)); break; }
      if (r.status === 200) { s.admitted++; lat.add(nowMs() - due); break; }
      if (r.status === 409 && String(r.body && r.body.type).endsWith('/room-full')) { s.roomFull++; break; }
      if (r.status >= 500) { tally(s.http5xx, describeFailure(r)); break; }
      if (r.status !== 429) { tally(s.other4xx, describeFailure(r)); break; }
      s.queuedAnswers++;
      if (!queued) { queued = true; s.queuedJoins++; }
      const b = r.body && typeof r.body === 'object' ? r.body : {};
      if (b[QUEUE_TOKEN_FIELD]) token = b[QUEUE_TOKEN_FIELD];
      if (typeof b.position === 'number') s.maxPosition = Math.max(s.maxPosition, b.position);
      const after = Number(r.headers['retry-after']);
      tally(s.retryAfter, Number.isFinite(after) ? String(after) : 'none');
      if (nowMs() - due > GIVE_UP_MS) { s.gaveUp++; break; }
      await sleep(Number.isFinite(after) ? after * 1000 : 1000);
    }
    s.lastAnswerMs = Math.max(s.lastAnswerMs, nowMs());
  }));
  return { ...s, latency: lat.toJSON(), startMs: t0, endMs: s.lastAnswerMs };
}

const handlers = {
  async accounts(m) {
    roomId = m.roomId;
    const errors = {};
    let ok = 0;
    await pool(N, m.concurrency, async (i) => { try { await account(i); ok++; } catch (e) { tally(errors, describeFailure(e)); } });
    return { ok, errors };
  },
  async storm(m) { return storm(m.seconds); },
  async exit() { setTimeout(() => process.exit(0), 10); return {}; },
};

process.on('message', async (m) => {
  try { process.send({ id: m.id, ok: true, data: await handlers[m.cmd](m) }); }
  catch (e) { process.send({ id: m.id, ok: false, error: String((e && e.stack) || e) }); }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
