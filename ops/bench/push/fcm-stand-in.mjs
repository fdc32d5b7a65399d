// A stand-in for Google's side of push, for the push benchmark: the service account's token endpoint and FCM HTTP v1
// messages:send, answering as Google documents, counting each device token's pushes. It runs as its own process
// (started niced by PushBenchmark), because FCM does not run on the machine whose room events are measured.
// GET /stats answers {distinct, duplicates, first, last} (first and last push, ms since the epoch).
import { createServer } from 'node:http';

const project = process.argv[2] ?? 'bench-push';
const sendPath = `/v1/projects/${project}/messages:send`;
const seen = new Set();
let duplicates = 0;
let first = 0;
let last = 0;
let names = 0;

function answer(res, body) {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': bytes.length });
  res.end(bytes);
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/token') return answer(res, { access_token: 'bench-access-token', expires_in: 3600, token_type: 'Bearer' });
    if (req.url === '/stats') return answer(res, { distinct: seen.size, duplicates, first, last });
    if (req.method === 'POST' && req.url === sendPath) {
      const token = JSON.parse(Buffer.concat(chunks).toString('utf8')).message.token;
      const now = Date.now();
      if (!first) first = now;
      last = Math.max(last, now);
      if (seen.has(token)) duplicates++;
      else seen.add(token);
      return answer(res, { name: `projects/${project}/messages/${++names}` });
    }
    res.writeHead(404).end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
