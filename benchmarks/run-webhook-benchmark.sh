#!/usr/bin/env bash
# Builds the benchmarks module (and the modules it needs, without tests) and runs
# dev.signalyard.benchmarks.WebhookBenchmark: a real Kafka broker process, the ingest application,
# then closed-loop load on POST /webhooks/rockblock and on the bare baseline POST /bench/bare.
#
#   benchmarks/run-webhook-benchmark.sh [--concurrency 32] [--warmup 10s] [--duration 30s]
#                                       [--jit-warmup 180s]
#
# Arguments are passed through to the benchmark. Set SKIP_BUILD=1 to rerun without building, and
# JAVA_OPTS to add JVM options to the benchmark JVM (e.g. -XX:+PrintCompilation).
# Exits with the benchmark's status: 0; 1 when a 200-answered request is missing from the topic or
# the run itself failed; 2 on a bad option. A run takes 3-4 minutes.
# Results and how to read them: docs/benchmarks.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  ./mvnw -q -B -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
classpath="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

# A modest, fixed heap: the benchmark JVM holds the ingest application and the load generator;
# the broker runs in a JVM of its own with test-support's settings (-Xmx512m).
# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec "$java" -Xms512m -Xmx1g ${JAVA_OPTS:-} -cp "$classpath" dev.signalyard.benchmarks.WebhookBenchmark "$@"
