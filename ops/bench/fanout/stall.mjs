// STALL: one extra listener, in the orchestrator, that subscribes like the others and then stops reading: its TCP
// socket is paused, so the kernel's buffers fill (about 4 MiB on loopback: the sender's buffer grows to
// net.ipv4.tcp_wmem's maximum), then the server's own queue for it. Tribune bounds that queue
// (tribune.events.outbox-frames, tribune.ws.max-queued-bytes) and closes the socket with 4408; socket.io does not
// bound it (its heartbeat ends the connection after pingInterval + pingTimeout, 45 s, as the pong never comes).
// The stalled client keeps writing a WebSocket ping every 2 s: a write that fails is how it learns, without reading,
// that the server has ended the connection (and it keeps Tribune's idle timeout, 1001, from closing it first).
import WebSocket from 'ws';
import { io } from 'socket.io-client';
import { nowMs, jsonClient, describeFailure } from './lib.mjs';

export async function startStall(server, { ip = '127.0.0.1', sentSoFar }) {
  const api = jsonClient(server.base, { localAddress: ip, maxSockets: 4 });
  const st = { framesRead: 0, bytesRead: 0, pausedAt: null, endedAt: null, code: null, reason: null, sentAtPause: 0, sentAtEnd: null };
  let rawWs = null; // the ws WebSocket under either client
  let sio = null;
  let userId = 'stalled-listener';
  const ended = (code, reason) => {
    if (st.endedAt !== null) return;
    st.endedAt = nowMs(); st.code = code; st.reason = reason; st.sentAtEnd = sentSoFar();
  };
  if (server.kind === 'tribune') {
    const g = await api.request('POST', '/api/v1/auth/guest', { displayName: 'stalled listener' });
    if (g.status !== 201) throw new Error(`stalled listener's account: ${describeFailure(g)}`);
    const token = g.body.accessToken;
    userId = g.body.user.id;
    const j = await api.request('POST', `/api/v1/rooms/${server.roomId}/join`, {}, token);
    if (j.status !== 200) throw new Error(`stalled listener's join: ${describeFailure(j)}`);
    const t = await api.request('POST', '/api/v1/auth/ws-ticket', undefined, token);
    if (t.status !== 201) throw new Error(`stalled listener's ticket: ${describeFailure(t)}`);
    rawWs = new WebSocket(`${server.base.replace(/^http/, 'ws')}/ws?ticket=${encodeURIComponent(t.body.ticket)}`,
      { localAddress: ip, perMessageDeflate: false });
    await new Promise((resolve, reject) => {
      rawWs.on('open', () => rawWs.send(JSON.stringify({ op: 'subscribe', roomId: server.roomId, since: j.body.events.roomSeq })));
      rawWs.on('message', (d) => {
        const op = JSON.parse(d.toString()).op;
        if (op === 'event') { st.framesRead++; st.bytesRead += d.length; }
        if (op === 'subscribed') resolve();
      });
      rawWs.on('error', reject);
      rawWs.on('close', (code) => { ended(code, 'closed'); reject(new Error(`closed ${code} before subscribed`)); });
    });
  } else {
    const j = await api.request('POST', '/api/join', { userId: 'stalled-listener' });
    const t = await api.request('POST', '/api/ticket', { userId: 'stalled-listener' });
    if (j.status !== 200 || t.status !== 201) throw new Error('stalled listener: join or ticket failed');
    sio = io(server.base, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { ticket: t.body.ticket }, localAddress: ip, perMessageDeflate: false });
    await new Promise((resolve, reject) => {
      sio.on('connect', () => sio.emit('subscribe', { roomId: 'stage', since: j.body.events.roomSeq, direct: true }));
      sio.on('subscribed', resolve);
      sio.on('event', (m) => { st.framesRead++; st.bytesRead += JSON.stringify(m).length; });
      sio.on('connect_error', reject);
      sio.on('disconnect', (reason) => ended(null, reason));
    });
    rawWs = sio.io.engine.transport.ws;
  }
  rawWs.on('close', (code) => ended(code, 'closed'));
  rawWs.on('error', (e) => ended(null, e.code || e.message));
  let pinger = null;
  return {
    userId,
    pause() {
      st.pausedAt = nowMs(); st.sentAtPause = sentSoFar();
      rawWs._socket.pause();
      pinger = setInterval(() => {
        if (st.endedAt !== null) { clearInterval(pinger); rawWs._socket.resume(); return; } // read the close frame, if any
        try { rawWs.ping(); } catch (e) { ended(null, e.code || e.message); }
      }, 2000);
    },
    status() {
      const end = st.endedAt ?? nowMs();
      return { ...st, open: st.endedAt === null, pausedS: st.pausedAt ? (end - st.pausedAt) / 1000 : 0,
        messagesSincePause: (st.sentAtEnd ?? sentSoFar()) - st.sentAtPause, bytesPerFrame: st.framesRead ? st.bytesRead / st.framesRead : null };
    },
    stop() { clearInterval(pinger); try { rawWs.terminate(); } catch {} if (sio) sio.close(); api.close(); },
  };
}
