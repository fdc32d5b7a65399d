#!/usr/bin/env bash
# The push benchmark (README.md here): a club with 100,000 followers goes live; time until every push reached a local
# FCM stand-in, sends/s, and a live room's chat latency before and during the fan-out. Prints a table.
# Usage: ops/bench/push/run.sh   knobs: BENCH_OPTS="-Dbench.followers=100000 -Dbench.listeners=50
#        -Dbench.chat-per-second=10 -Dbench.before-seconds=15 -Dbench.limit-seconds=180". Takes about 3 minutes.
set -euo pipefail
cd "$(dirname "$0")/../../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -q -B -o -Dweb.skip test-compile
./mvnw -q -B -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" -Xmx2g ${BENCH_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.tribune.bench.PushBenchmark
