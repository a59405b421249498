#!/usr/bin/env bash
# Builds the benchmarks module (and the modules it needs, without tests) and runs one of the
# run-control broadcast benchmarks against a real Kafka broker process:
#
#   benchmarks/run-broadcast-benchmark.sh bridge  [--messages 500000] [--topics 4]
#       dev.signalyard.benchmarks.BroadcastBridgeBenchmark: messages/s through ingest's bridge,
#       upstream control.* topics -> broadcasts (target >= 20,000/s)
#   benchmarks/run-broadcast-benchmark.sh latency [--rate 1000] [--warmup 20s] [--duration 60s]
#       dev.signalyard.benchmarks.BroadcastLatencyBenchmark: upstream produce -> SSE event latency
#       through ingest, streams and query-api (target p99 <= 250 ms at 1,000 messages/s)
#
# Arguments after the benchmark name are passed through. Set SKIP_BUILD=1 to rerun without
# building, and JAVA_OPTS to add JVM options to the benchmark JVM.
# Exits with the benchmark's status: 0; 1 when a message is missing or the run itself failed;
# 2 on a bad option. Results and how to read them: docs/benchmarks.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

case "${1:-}" in
  bridge) main=dev.signalyard.benchmarks.BroadcastBridgeBenchmark ;;
  latency) main=dev.signalyard.benchmarks.BroadcastLatencyBenchmark ;;
  *)
    echo "usage: $0 bridge|latency [options]" >&2
    exit 2
    ;;
esac
shift

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  ./mvnw -q -B -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
classpath="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

# The benchmark JVM holds the services (ingest alone, or ingest, streams and query-api) and the
# load generator; the broker runs in a JVM of its own with test-support's settings (-Xmx512m).
# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec "$java" -Xms512m -Xmx2g ${JAVA_OPTS:-} -cp "$classpath" "$main" "$@"
