#!/usr/bin/env bash
# Builds the benchmarks module (and the modules it needs, without tests) and runs
# dev.signalyard.benchmarks.FleetStatisticsBenchmark: a real Kafka broker process, query-api in the
# benchmark JVM, --vehicles x --days days of daily usage and roundtrips written to the fleet topics,
# then every statistics query sent --requests times over HTTP; p50 / p99 / max per query.
#
#   benchmarks/run-fleet-statistics-benchmark.sh [--vehicles 500] [--days 365] [--locations 20]
#       [--requests 2000] [--warmup 300]
#
# Smoke run (about a minute): --vehicles 50 --days 30 --requests 100 --warmup 20
# Set SKIP_BUILD=1 to rerun without building, JAVA_OPTS to add options to the benchmark JVM.
# Exit status: 0 when every query's p99 <= 50 ms, 3 when one misses it, 1 when the run failed.
# Results and how to read them: docs/fleet.md (statistics) and docs/benchmarks.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  ./mvnw -q -B -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
classpath="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec "$java" -Xms2g -Xmx2g ${JAVA_OPTS:-} -cp "$classpath" \
  dev.signalyard.benchmarks.FleetStatisticsBenchmark "$@"
