// The one Node requirement is package.json's "engines.node". Maven's build, .ci/run and the Dockerfile all ask this
// file, so a wrong Node is named in the first seconds with what to install, instead of failing deep in a build.
// No dependencies (npm's own semver is not importable from here): the range is ||-separated clauses of
// `^x.y.z` or `>=x.y.z`, which is all package.json uses; any other syntax is refused so it cannot pass silently.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageJson = join(dirname(fileURLToPath(import.meta.url)), '..', 'package.json');

export function requiredNode() {
  return JSON.parse(readFileSync(packageJson, 'utf8')).engines.node;
}

function parts(version) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  if (!match) throw new Error(`not a version: ${version}`);
  return match.slice(1, 4).map(Number);
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Whether `version` (e.g. "v20.20.2") satisfies `range` (e.g. "^20.19.0 || >=22.12.0"). */
export function satisfies(range, version) {
  const have = parts(version);
  return range.split('||').some((clause) => {
    const text = clause.trim();
    const caret = /^\^(\d+\.\d+\.\d+)$/.exec(text);
    const atLeast = /^>=\s*(\d+\.\d+\.\d+)$/.exec(text);
    if (caret) {
      const floor = parts(caret[1]);
      return have[0] === floor[0] && compare(have, floor) >= 0;
    }
    if (atLeast) return compare(have, parts(atLeast[1])) >= 0;
    throw new Error(`engines.node clause "${text}" is neither ^x.y.z nor >=x.y.z`);
  });
}

/** The message for a Node that does not satisfy the requirement, or null when it does. */
export function nodeProblem(version = process.version) {
  const range = requiredNode();
  if (satisfies(range, version)) return null;
  return `Tribune's web client needs Node ${range} (this is Node ${version.replace(/^v/, '')} at ${process.execPath}).\n`
    + 'Install a matching Node (for example Node 22 LTS from https://nodejs.org or your package manager) and put it on\n'
    + 'PATH, or build the service without its web client: ./mvnw -Dweb.skip ...';
}

// `node scripts/node-version.mjs`: exit 1 with the message when this Node does not do.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problem = nodeProblem();
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
