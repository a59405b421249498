#!/usr/bin/env bash
# Builds the benchmarks module (and the modules it needs, without tests) and runs
# dev.signalyard.benchmarks.DeviceTopologyBenchmark: per round a fresh Kafka broker process,
# --reports raw device reports written to device-reports-raw, then a bare consumer and the streams
# service (exactly-once v2) each reading the whole topic; their rates and ratio.
#
#   benchmarks/run-device-topology-benchmark.sh [--reports 300000] [--devices 1000] [--rounds 2]
#       [--timeout 600s]
#
# Smoke run (about a minute): --reports 50000 --rounds 1
# Arguments are passed through to the benchmark. Set SKIP_BUILD=1 to rerun without building, and
# JAVA_OPTS to add JVM options to the benchmark JVM.
# Exit status: 0 when the topology makes >= 50 % of the bare consumer's rate and >= 20,000
# reports/s; 1 when a report is missing from device-reports or the run failed; 2 on a bad option;
# 3 when a target is missed. Results and how to read them: docs/benchmarks.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  ./mvnw -q -B -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
classpath="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

# This JVM holds the streams service (RocksDB keeps its block cache off the heap), the producer and
# the bare consumer; the broker runs in a JVM of its own with test-support's settings.
# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec "$java" -Xms512m -Xmx1g ${JAVA_OPTS:-} -cp "$classpath" \
  dev.signalyard.benchmarks.DeviceTopologyBenchmark "$@"
