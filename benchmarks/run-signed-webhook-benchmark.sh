#!/usr/bin/env bash
# Builds the benchmarks module (and the modules it needs, without tests) and runs
# dev.signalyard.benchmarks.SignedWebhookBenchmark: a real Kafka broker process, the ingest
# application with a benchmark-generated RockBLOCK public key, then signed JSON posts to
# POST /webhooks/rockblock: a closed loop for the maximum throughput, and an open loop at half of it
# for the latency percentiles.
#
#   benchmarks/run-signed-webhook-benchmark.sh [--concurrency 32] [--warmup 10s] [--duration 30s]
#       [--jit-warmup 180s] [--pool 4096] [--open-loop-senders 64] [--rate 0]
#
# Smoke run (about a minute): --jit-warmup 0 --warmup 2s --duration 5s --pool 512
# Arguments are passed through to the benchmark. Set SKIP_BUILD=1 to rerun without building, and
# JAVA_OPTS to add JVM options to the benchmark JVM.
# Exit status: 0 when every check passes; 1 when a 200-answered post is missing from the topic or
# the run failed; 2 on a bad option; 3 when the open loop's p99 misses 25 ms.
# Results and how to read them: docs/benchmarks.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  ./mvnw -q -B -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
classpath="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

# The same heap as run-webhook-benchmark.sh: this JVM holds ingest and the load generator; the
# broker runs in a JVM of its own with test-support's settings.
# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec "$java" -Xms512m -Xmx1g ${JAVA_OPTS:-} -cp "$classpath" \
  dev.signalyard.benchmarks.SignedWebhookBenchmark "$@"
