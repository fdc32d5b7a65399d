// What the built client weighs (`npm run build` first, then `npm run bundle-report`): every JS and CSS chunk in
// dist/ with its raw and gzip bytes, and which of them a mesh user downloads (the entry, its static imports and
// their CSS, read from dist/.vite/manifest.json) against the vendor SDK chunks fetched only when a room uses
// that provider. No dependencies: node's zlib does the gzip (level 9, as a server would send it).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`no ${manifestPath}: run \`npm run build\` first (vite.config.ts has build.manifest)`);
  process.exit(1);
}
/** @type {Record<string, {file: string, src?: string, isEntry?: boolean, isDynamicEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[]}>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

// which provider a vendor package serves (src/media/<provider>/*Lib.ts imports it on demand)
const PROVIDER_OF = {
  'livekit-client': 'livekit',
  '@100mslive/hms-video-store': 'hms',
  'twilio-video': 'twilio',
  'janus-gateway': 'janus',
  'webrtc-adapter': 'janus',
};

// what an on-demand package other than a provider SDK is for
const PURPOSE_OF = {
  firebase: 'firebase (Google sign-in, web push)',
};

function packageOf(src) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(src ?? '');
  return m ? m[1] : null;
}

// the mesh user's download: the entry and everything it imports statically, with their CSS
const meshFiles = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || meshFiles.has(chunk.file)) return;
  meshFiles.add(chunk.file);
  for (const css of chunk.css ?? []) meshFiles.add(css);
  for (const imported of chunk.imports ?? []) visit(imported);
};
const entries = Object.entries(manifest).filter(([, c]) => c.isEntry);
for (const [key] of entries) visit(key);
const entryFiles = new Set(entries.map(([, c]) => c.file));

// every on-demand chunk, with what its dynamic import is for
const providersOf = new Map();
const mark = (key, provider, seen = new Set()) => {
  const chunk = manifest[key];
  if (!chunk || seen.has(key) || meshFiles.has(chunk.file)) return;
  seen.add(key);
  if (!providersOf.has(chunk.file)) providersOf.set(chunk.file, new Set());
  providersOf.get(chunk.file).add(provider);
  for (const imported of chunk.imports ?? []) mark(imported, provider, seen);
};
for (const [key, chunk] of Object.entries(manifest)) {
  if (!chunk.isDynamicEntry) continue;
  const pkg = packageOf(chunk.src);
  const provider = PROVIDER_OF[pkg];
  // a vendor SDK is fetched for its provider's rooms; any other lazy chunk (e.g. the QR code library) when first used
  const purpose = chunk.src === 'src/firebase/firebaseLib.ts' ? PURPOSE_OF.firebase : PURPOSE_OF[pkg];
  mark(key, provider ? `${provider} rooms` : purpose ?? pkg ?? chunk.src ?? key);
}

const files = readdirSync(join(dist, 'assets'))
  .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
  .map((f) => {
    const bytes = readFileSync(join(dist, 'assets', f));
    const file = `assets/${f}`;
    const who = entryFiles.has(file)
      ? 'entry (everyone)'
      : meshFiles.has(file)
        ? (file.endsWith('.css') ? 'everyone (CSS)' : 'everyone (static import)')
        : providersOf.has(file)
          ? `on demand: ${[...providersOf.get(file)].sort().join(', ')}`
          : 'not referenced';
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, who };
  })
  .sort((a, b) => Number(meshFiles.has(b.file)) - Number(meshFiles.has(a.file)) || b.gzip - a.gzip);

const kb = (n) => `${(n / 1024).toFixed(1)} kB`.padStart(10);
const width = Math.max(...files.map((f) => f.file.length), 'chunk'.length);
console.log(`${'chunk'.padEnd(width)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)}  loaded by`);
for (const f of files) console.log(`${f.file.padEnd(width)} ${kb(f.raw)} ${kb(f.gzip)}  ${f.who}`);
const sum = (list) => list.reduce((acc, f) => ({ raw: acc.raw + f.raw, gzip: acc.gzip + f.gzip }), { raw: 0, gzip: 0 });
const mesh = sum(files.filter((f) => meshFiles.has(f.file)));
const all = sum(files);
console.log(`${'a mesh user downloads'.padEnd(width)} ${kb(mesh.raw)} ${kb(mesh.gzip)}`);
console.log(`${'all chunks'.padEnd(width)} ${kb(all.raw)} ${kb(all.gzip)}`);
// the push service worker is copied from public/ as it is: it must never pull in a bundle (it loads alone)
const worker = join(dist, 'push-sw.js');
if (existsSync(worker)) {
  const bytes = readFileSync(worker);
  console.log(`${'push-sw.js (service worker)'.padEnd(width)} ${kb(bytes.length)} ${kb(gzipSync(bytes, { level: 9 }).length)}`);
}
