// The socket.io 4 side of the comparison: the least a socket.io chat room has to do for the same flow as Tribune's,
// with everything kept in memory (no database, no accounts, no roles).
//   POST /api/join {userId}       -> 200 {media: {token}, events: {roomSeq}}: membership plus an HMAC-signed grant
//   POST /api/ticket {userId}     -> 201 {ticket}: single use, 30 s
//   POST /api/messages {text, toUserId?} -> 201 {seq}: one room event, emitted to every subscriber (or toUserId's) as "event"
//   socket.io, auth {ticket}, emit "subscribe" {roomId, since, direct?} -> "subscribed" {roomId, seq}
// Defaults everywhere else (in-memory adapter, WebSocket transport only, no compression). Control (stats, full GC)
// goes over the IPC channel, which needs no file descriptor when the process is at its limit of open files.
import http from 'node:http';
import crypto from 'node:crypto';
import v8 from 'node:v8';
import { Server } from 'socket.io';

const PORT = +process.env.PORT;
const ROOM = 'stage';
const SECRET = crypto.randomBytes(32);
const members = new Set();
const tickets = new Map();
let seq = 0;

function body(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => { try { resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')); } catch { resolve(null); } });
  });
}

const httpServer = http.createServer(async (req, res) => {
  const answer = (status, obj) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(obj)); };
  const b = req.method === 'POST' ? await body(req) : null;
  if (req.method === 'POST' && b && typeof b === 'object') {
    if (req.url === '/api/join' && b.userId) {
      members.add(b.userId);
      const exp = Date.now() + 600000;
      const token = crypto.createHmac('sha256', SECRET).update(`${b.userId}.${ROOM}.${exp}`).digest('base64url');
      return answer(200, { participant: { userId: b.userId, role: 'AUDIENCE' }, media: { token, expiresAt: exp }, events: { roomSeq: seq } });
    }
    if (req.url === '/api/ticket' && members.has(b.userId)) {
      const ticket = crypto.randomBytes(24).toString('base64url');
      tickets.set(ticket, { userId: b.userId, until: Date.now() + 30000 });
      return answer(201, { ticket });
    }
    if (req.url === '/api/messages' && typeof b.text === 'string') {
      seq++;
      // a direct message (the bench's STALL_FILL) goes to that user's sockets only
      io.to(b.toUserId ? `user:${b.toUserId}` : ROOM).emit('event', { op: 'event', roomId: ROOM, seq, type: 'chat.message', at: new Date().toISOString(), data: { text: b.text } });
      return answer(201, { seq });
    }
  }
  answer(404, { error: 'not found' });
});

const io = new Server(httpServer, { transports: ['websocket'], serveClient: false });
io.use((socket, next) => {
  const t = tickets.get(socket.handshake.auth && socket.handshake.auth.ticket);
  if (!t || t.until < Date.now()) return next(new Error('bad ticket'));
  tickets.delete(socket.handshake.auth.ticket);
  socket.data.userId = t.userId;
  next();
});
io.on('connection', (socket) => {
  socket.on('subscribe', (m) => {
    if (!m || m.roomId !== ROOM || !members.has(socket.data.userId)) return socket.emit('error-frame', { code: 'not_in_room' });
    socket.join(ROOM);
    // only a socket that asks for direct messages (the bench's stalled listener) joins a room of its own, so the
    // listeners' memory per connection is the same as without them
    if (m.direct) socket.join(`user:${socket.data.userId}`);
    socket.emit('subscribed', { roomId: ROOM, seq });
  });
});

httpServer.listen(PORT, '127.0.0.1', 4096, () => process.send({ type: 'listening', pid: process.pid }));
process.on('message', (m) => {
  if (m && m.cmd === 'gc' && globalThis.gc) globalThis.gc();
  if (m && (m.cmd === 'gc' || m.cmd === 'stats')) {
    const room = io.of('/').adapter.rooms.get(ROOM);
    // what waits for the slowest client: engine.io's write buffer plus ws's (socket.io bounds neither)
    let maxQueuedBytes = 0, maxQueuedPackets = 0;
    for (const s of io.of('/').sockets.values()) {
      const ws = s.conn.transport && s.conn.transport.socket;
      maxQueuedBytes = Math.max(maxQueuedBytes, (ws && ws.bufferedAmount) || 0);
      maxQueuedPackets = Math.max(maxQueuedPackets, s.conn.writeBuffer.length);
    }
    process.send({ type: 'stats', id: m.id, heapUsed: v8.getHeapStatistics().used_heap_size, // memoryUsage() opens a file: EMFILE at the limit
       subscribers: room ? room.size : 0, maxQueuedBytes, maxQueuedPackets });
  }
});
process.on('disconnect', () => process.exit(0));
