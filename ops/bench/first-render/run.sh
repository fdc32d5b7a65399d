#!/usr/bin/env bash
# The hallway's first render in headless Chromium (README "Benchmarks"): builds the jar, starts it on its own folder
# with the demo data (embedded PostgreSQL, its own -Duser.home), runs bench.mjs against it, and stops it.
#   ops/bench/first-render/run.sh        env: PORT (18480), RUNS (11), SKIP_BUILD=1 to use the jar already built
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
port=${PORT:-18480}
[ "${SKIP_BUILD:-}" = 1 ] || ./mvnw -q -B -DskipTests package
jar=$(ls target/tribune-*.jar | grep -v -- '-plain' | head -n 1)
home=$(mktemp -d /tmp/tribune-first-render-XXXXXX)
"$JAVA_HOME/bin/java" -Duser.home="$home" -jar "$jar" --server.port="$port" \
  --tribune.embedded-db.dir="$home/pgdata" > "$home/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null; rm -rf "$home"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/actuator/health" > /dev/null 2>&1 && break
  sleep 1
done
[ -d "$here/node_modules/ws" ] || (cd "$here" && npm install --no-audit --no-fund > /dev/null)
node "$here/bench.mjs" "http://127.0.0.1:$port"
