#!/usr/bin/env bash
# The hallway benchmark (README "Benchmarks"): builds the service, generates 100,000 rooms and 2,000,000
# participants in a real PostgreSQL, and measures Tribune's feeds, room detail and search through the HTTP API
# beside the original tutorial's queries (ops/bench/hallway/baseline/seed-hallway.sql, read at run time) on the same data.
# Usage: ops/bench/hallway/run.sh [output file]   (default target/bench/hallway.md). Takes about 6 minutes.
# BENCH_OPTS="-Dbench.rounds=5 -Dbench.explain=3" runs fewer rounds and logs the plans of statements over 3 ms.
set -euo pipefail
cd "$(dirname "$0")/../../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
out=${1:-target/bench/hallway.md}
./mvnw -q -B -DskipTests package
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
jar=$(ls target/tribune-*.jar | grep -v -- '-plain' | head -n 1)
"$JAVA_HOME/bin/java" -Xmx2g ${BENCH_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.tribune.bench.HallwayBenchmark "$jar" ops/bench/hallway/baseline/seed-hallway.sql "$out"
