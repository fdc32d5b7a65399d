#!/usr/bin/env bash
# The fan-out benchmark (README.md here): Tribune beside a socket.io 4 room, same flow, same load, one table.
# Usage: ops/bench/fanout/run.sh [--quick] [--out DIR]   knobs in the environment: NS RS DURATION RAMP IDLE
#        JOIN_CONCURRENCY TARGETS PER_PROC DEFLATE IPS INSTANCES STALL STALL_FILL STORM STORM_SECONDS JAVA_OPTS JAR
#        (see README.md). Builds the jar if there is none.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ls target/tribune-*.jar >/dev/null 2>&1 || ./mvnw -B -q -o -DskipTests package
[ -d "$here/node_modules/ws" ] || (cd "$here" && npm ci --no-audit --no-fund)
# one file descriptor per socket on each side: take the hard limit (20,000 here)
ulimit -n "$(ulimit -Hn)"
# bounded: the whole matrix takes well under this; SIGTERM lets the service stop its database
exec timeout -k 60 "${RUN_TIMEOUT:-14400}" node "$here/bench.mjs" "$@"
