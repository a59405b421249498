#!/usr/bin/env bash
# Builds the benchmarks module (and the modules it needs, without tests) and runs
# dev.signalyard.benchmarks.FleetTopologyBenchmark: per round a fresh Kafka broker process, the
# fleet reference data and --vehicles x --days days of trips written to fleet-trips, then a bare
# consumer and the fleet topologies (exactly-once v2) each reading the whole topic; their rates.
#
#   benchmarks/run-fleet-topology-benchmark.sh [--vehicles 500] [--days 90] [--locations 50]
#       [--rounds 2] [--threads 1] [--timeout 900s]
#
# Smoke run (about a minute): --vehicles 100 --days 30 --rounds 1
# Arguments are passed through to the benchmark. Set SKIP_BUILD=1 to rerun without building, and
# JAVA_OPTS to add JVM options to the benchmark JVM.
# Exit status: 0 when the topology makes >= 20,000 trips/s; 1 when the output is wrong (no
# roundtrips, no daily usage, or dead letters) or the run failed; 2 on a bad option; 3 when the
# target is missed. Results and how to read them: docs/fleet.md (streaming aggregation) and docs/benchmarks.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  ./mvnw -q -B -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
classpath="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

# This JVM holds the topology (RocksDB keeps its block cache off the heap), the producer and the
# bare consumer; the broker runs in a JVM of its own with test-support's settings.
# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec "$java" -Xms512m -Xmx1g ${JAVA_OPTS:-} -cp "$classpath" \
  dev.signalyard.benchmarks.FleetTopologyBenchmark "$@"
