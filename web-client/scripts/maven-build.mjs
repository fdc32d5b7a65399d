// What the Maven build runs for the web client (the pom's web-client profile): check Node, install packages only when
// package-lock.json changed, and build only when an input of the build changed. A second `./mvnw spring-boot:run`
// then skips both and starts in seconds; a fresh clone, a pulled change or a deleted dist/ rebuilds.
// The stamps live in node_modules/.tribune/, so deleting node_modules forgets them, and they are never served.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { nodeProblem } from './node-version.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamps = join(root, 'node_modules', '.tribune');
// everything `npm run build` reads: sources, static files, configuration, and the installed packages' lock
const BUILD_INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];

function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => filesUnder(join(path, name)));
}

function digest(paths) {
  const hash = createHash('sha256');
  for (const file of paths.flatMap((path) => filesUnder(join(root, path)))) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function stamp(name) {
  const file = join(stamps, name);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

function remember(name, value) {
  mkdirSync(stamps, { recursive: true });
  writeFileSync(join(stamps, name), value);
}

function npm(...args) {
  // npm is npm.cmd on Windows, which only a shell runs
  const run = spawnSync('npm', args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.error) throw new Error(`could not run npm: ${run.error.message}`);
  if (run.status !== 0) process.exit(run.status ?? 1);
}

const problem = nodeProblem();
if (problem) {
  console.error(problem);
  process.exit(1);
}

const lock = digest(['package-lock.json']);
if (stamp('installed') !== lock || !existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  npm('ci', '--no-audit', '--no-fund');
  remember('installed', lock);
} else {
  console.log('web client: packages are as package-lock.json says; not reinstalled');
}

const inputs = digest(BUILD_INPUTS);
if (stamp('built') !== inputs || !existsSync(join(root, 'dist', 'index.html'))) {
  npm('run', 'build');
  remember('built', inputs);
} else {
  console.log('web client: dist/ is built from these sources; not rebuilt');
}
