#!/usr/bin/env bash
# Builds the benchmarks module (and the modules it needs, without tests) and runs
# dev.signalyard.benchmarks.SseFanoutBenchmark: a real Kafka broker process, query-api in the
# benchmark JVM (-Xmx1g, the heap target), N SSE clients in a third JVM, a producer writing
# device-state changes at a fixed rate.
#
#   benchmarks/run-sse-benchmark.sh [--clients 2000] [--rate 10] [--devices 10] [--ramp 20]
#                                   [--settle 10] [--duration 30] [--connections 0]
#
# Over HTTP/1.1 (the default) the client JVM and the server each hold one file descriptor per
# stream: the open-file limit (ulimit -n) must exceed the client count by a margin (about 1,000).
# With --connections C the streams share at most C HTTP/2 (h2c) connections, one descriptor each.
# Set SKIP_BUILD=1 to rerun without building, JAVA_OPTS to add options to the server JVM.
# Results and how to read them: docs/benchmarks.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

clients=2000
connections=0
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = "--clients" ]; then clients="${args[$((i + 1))]}"; fi
  if [ "${args[$i]}" = "--connections" ]; then connections="${args[$((i + 1))]}"; fi
done
sockets=$clients
if [ "$connections" -gt 0 ]; then sockets=$connections; fi
limit="$(ulimit -n)"
echo "open-file limit (ulimit -n): $limit; clients: $clients; connections: ${connections/#0/one per client}"
if [ "$limit" != "unlimited" ] && [ "$limit" -lt $((sockets + 1000)) ]; then
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  limit="$(ulimit -n)"
  if [ "$limit" != "unlimited" ] && [ "$limit" -lt $((sockets + 1000)) ]; then
    echo "The open-file limit $limit is too low for $sockets connections; raise it (ulimit -Hn is $(ulimit -Hn)) or use --connections." >&2
    exit 2
  fi
fi

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  ./mvnw -q -B -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
classpath="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec "$java" -Xms1g -Xmx1g ${JAVA_OPTS:-} -cp "$classpath" dev.signalyard.benchmarks.SseFanoutBenchmark "$@"
