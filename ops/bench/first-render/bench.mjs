// The hallway's first render, measured in Debian's headless Chromium against a running Tribune (README "Benchmarks").
// Signs in a demo account through the API, puts the session where the web client keeps it, then loads "/" RUNS times
// (the first load with an empty cache, the others warm) and takes, for each, the time from navigation start until the
// hallway shows its rooms or its empty state: a MutationObserver installed before the page's own scripts notes it.
// It measures the hallway as the demo leaves it (no live room: the empty state), then again after another demo account
// opens LIVE_ROOMS rooms (a full first page of cards).
//   node bench.mjs [BASE_URL]   env: USERNAME (alice), PASSWORD (tribune-demo), RUNS (11), LIVE_ROOMS (20),
//                               OPENER (bob), CHROMIUM (chromium)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const username = process.env.USERNAME ?? 'alice';
const password = process.env.PASSWORD ?? 'tribune-demo';
const runs = Number(process.env.RUNS ?? 11);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function api(method, path, body, token) {
  const headers = { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(base + path, { method, headers, body: body && JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

// noted once: the rooms list has a card, or the empty state is shown (the page's first useful render)
const OBSERVER = `(() => {
  const seen = () => document.querySelector("[data-testid='room-list'] > *, [data-testid='hallway-empty']:not([hidden])");
  const note = () => { if (window.__firstRender === undefined && seen()) window.__firstRender = performance.now(); };
  new MutationObserver(note).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

class Cdp {
  constructor(socket) {
    this.socket = socket;
    this.next = 0;
    this.pending = new Map();
    socket.on('message', (data) => {
      const message = JSON.parse(data);
      const waiter = this.pending.get(message.id);
      if (waiter) {
        this.pending.delete(message.id);
        message.error ? waiter.reject(new Error(message.error.message)) : waiter.resolve(message.result);
      }
    });
  }
  send(method, params = {}) {
    const id = ++this.next;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }
}

async function pageTarget(port) {
  for (let i = 0; i < 100; i++) {
    try {
      const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
      const page = targets.find((t) => t.type === 'page');
      if (page) return page.webSocketDebuggerUrl;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error('Chromium did not open its debugging port');
}

const session = await api('POST', '/api/v1/auth/login', { username, password });
const profile = mkdtempSync(join(tmpdir(), 'tribune-first-render-'));
const port = 19300 + Math.floor(Math.random() * 400);
const chromium = spawn(process.env.CHROMIUM ?? 'chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', `--remote-debugging-port=${port}`,
  `--user-data-dir=${profile}`, '--window-size=1280,800', 'about:blank'], { stdio: 'ignore' });
try {
  const socket = new WebSocket(await pageTarget(port));
  await new Promise((resolve, reject) => { socket.on('open', resolve); socket.on('error', reject); });
  const cdp = new Cdp(socket);
  await cdp.send('Page.enable');
  await cdp.send('Runtime.enable');
  // the session where the web client keeps it, before any of its scripts run
  await cdp.send('Page.addScriptToEvaluateOnNewDocument', {
    source: `localStorage.setItem('tribune.session', ${JSON.stringify(JSON.stringify(session))});${OBSERVER}`,
  });
  const measure = async (what) => {
    const times = [];
    for (let run = 0; run < runs; run++) {
      if (run === 0) await cdp.send('Network.clearBrowserCache').catch(() => undefined);
      await cdp.send('Page.navigate', { url: `${base}/` });
      let time;
      for (let waited = 0; waited < 15000 && time === undefined; waited += 20) {
        await sleep(20);
        const { result } = await cdp.send('Runtime.evaluate', { expression: 'window.__firstRender', returnByValue: true });
        time = result.value;
      }
      if (time === undefined) throw new Error(`${what}, run ${run + 1}: the hallway did not render within 15 s`);
      times.push(time);
    }
    const warm = times.slice(1).sort((a, b) => a - b);
    const median = warm[Math.floor(warm.length / 2)];
    const listed = (await api('GET', '/api/v1/rooms?feed=all&limit=50', undefined, session.accessToken)).items.length;
    console.log(`${what} (${listed} live rooms on the first page):`);
    console.log(`  first load (empty cache): ${times[0].toFixed(0)} ms`);
    console.log(`  warm loads (${warm.length}): median ${median.toFixed(0)} ms, min ${warm[0].toFixed(0)} ms, max ${warm[warm.length - 1].toFixed(0)} ms`);
  };
  await cdp.send('Network.enable');
  console.log(`hallway first render (navigation start to the rooms or the empty state drawn), ${base}, as ${username}`);
  await measure('the demo as it starts');
  const opener = await api('POST', '/api/v1/auth/login', { username: process.env.OPENER ?? 'bob', password });
  for (let i = 0; i < Number(process.env.LIVE_ROOMS ?? 20); i++) {
    await api('POST', '/api/v1/rooms', { name: `First render room ${i + 1}` }, opener.accessToken);
  }
  await measure('with live rooms');
  socket.close();
} finally {
  chromium.kill();
  await sleep(300);
  rmSync(profile, { recursive: true, force: true });
}
