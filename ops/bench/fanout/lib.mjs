// What the orchestrator and the load processes share: the clock, a mergeable latency histogram, /proc readings
// and a small JSON-over-HTTP client that can bind a source address (fetch cannot).
import fs from 'node:fs';
import http from 'node:http';
import { execFileSync } from 'node:child_process';

// CLOCK_MONOTONIC in ms: one clock for every process on the machine, so a send time written by the host process is
// comparable with a receive time taken in a listener process.
export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function parseArgs(argv) {
  const a = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) continue;
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) a[argv[i].slice(2)] = true;
    else { a[argv[i].slice(2)] = next; i++; }
  }
  return a;
}

// Latency histogram with buckets 1 % wide (log scale from 10 us), merged across processes as plain arrays.
const BASE_US = 10;
const GROWTH = Math.log(1.01);
const BUCKETS = 2200; // 10 us * 1.01^2200 is about 53 minutes

export class Latencies {
  constructor(from) {
    this.counts = from ? Float64Array.from(from.counts) : new Float64Array(BUCKETS);
    this.n = from ? from.n : 0;
    this.max = from ? from.max : 0;
  }
  add(ms) {
    const us = Math.max(0, ms * 1000);
    const i = us <= BASE_US ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(us / BASE_US) / GROWTH));
    this.counts[i]++;
    this.n++;
    if (ms > this.max) this.max = ms;
  }
  merge(other) {
    const o = other instanceof Latencies ? other : new Latencies(other);
    for (let i = 0; i < BUCKETS; i++) this.counts[i] += o.counts[i];
    this.n += o.n;
    if (o.max > this.max) this.max = o.max;
    return this;
  }
  // upper edge of the bucket holding the p-th percentile, never above the exact maximum
  pct(p) {
    if (!this.n) return null;
    const target = Math.ceil((p / 100) * this.n);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= target) return Math.min(this.max, (BASE_US * Math.exp(i * GROWTH)) / 1000);
    }
    return this.max;
  }
  toJSON() { return { counts: Array.from(this.counts), n: this.n, max: this.max }; }
}

export const CLK_TCK = (() => {
  try { return +execFileSync('getconf', ['CLK_TCK']).toString().trim() || 100; } catch { return 100; }
})();

function statFields(pid) {
  const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return s.slice(s.lastIndexOf(')') + 2).split(' '); // field 3 (state) is index 0
}

/** utime + stime of one process, in ms; NaN when it is gone. */
export function cpuMs(pid) {
  try { const f = statFields(pid); return ((+f[11] + +f[12]) * 1000) / CLK_TCK; } catch { return NaN; }
}

/** Every live descendant of pid (the embedded PostgreSQL and its backends under the JVM). */
export function descendants(pid) {
  const children = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try { const ppid = +statFields(d)[1]; if (!children.has(ppid)) children.set(ppid, []); children.get(ppid).push(+d); } catch {}
  }
  const out = [];
  const todo = [...(children.get(pid) || [])];
  while (todo.length) { const p = todo.pop(); out.push(p); todo.push(...(children.get(p) || [])); }
  return out;
}

export function cpuMsOfTree(pids) { return pids.reduce((a, p) => a + (cpuMs(p) || 0), 0); }

export function rssBytes(pid) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m);
    return m ? +m[1] * 1024 : null;
  } catch { return null; }
}

/** Machine CPU as jiffies: busy and total, to tell how much of the window went to processes that are not ours. */
export function machineJiffies() {
  const l = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const idle = l[3] + l[4] + l[7];
  const total = l.reduce((a, b) => a + b, 0);
  return { busyMs: ((total - idle) * 1000) / CLK_TCK, totalMs: (total * 1000) / CLK_TCK };
}

/** JSON over HTTP with a keep-alive agent bound to one source address. Resolves {status, body, headers}. */
export function jsonClient(base, { localAddress, maxSockets = 64, timeoutMs = 30000 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets, localAddress });
  const u = new URL(base);
  const request = (method, path, body, token) => new Promise((resolve, reject) => {
    const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const headers = { accept: 'application/json' };
    if (data) { headers['content-type'] = 'application/json'; headers['content-length'] = data.length; }
    if (token) headers.authorization = `Bearer ${token}`;
    const req = http.request({ host: u.hostname, port: u.port, method, path, headers, agent, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
        resolve({ status: res.statusCode, body: parsed, headers: res.headers });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${path}`)));
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
  return { request, close: () => agent.destroy() };
}

/** Runs fn(i) for i in [0, n) with at most `concurrency` at a time. */
export async function pool(n, concurrency, fn) {
  let next = 0;
  const worker = async () => { while (next < n) { const i = next++; await fn(i); } };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
}

/** A short description of a failed call for the error tallies: status and problem type, or the error's message. */
export function describeFailure(x) {
  if (x instanceof Error) return (x.code || x.message || String(x)).slice(0, 80);
  const type = x && x.body && typeof x.body === 'object' && x.body.type ? ` ${x.body.type}` : '';
  return `HTTP ${x.status}${type}`;
}

export function tally(map, key) { map[key] = (map[key] || 0) + 1; }
