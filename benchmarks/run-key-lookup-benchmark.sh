#!/usr/bin/env bash
# Builds the benchmarks module (and the modules it needs, without tests) and runs
# dev.signalyard.benchmarks.KeyLookupBenchmark: a real Kafka broker process, two query-api
# replicas in the benchmark JVM sharing device-state's partitions, C client threads looking up
# random devices on the first replica; latency is reported separately for keys answered from its
# own store (local) and keys forwarded to the other replica (forwarded).
#
#   benchmarks/run-key-lookup-benchmark.sh [--devices 10000] [--clients 4] [--warmup 10]
#                                          [--duration 30]
#
# Exit status 0 when p99 <= 10 ms local and <= 50 ms forwarded, 3 when not. Set SKIP_BUILD=1 to
# rerun without building, JAVA_OPTS to add JVM options. Results: docs/architecture.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  ./mvnw -q -B -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
classpath="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec "$java" -Xms1g -Xmx1g ${JAVA_OPTS:-} -cp "$classpath" dev.signalyard.benchmarks.KeyLookupBenchmark "$@"
