#!/usr/bin/env bash
# Builds the benchmarks module (and the modules it needs, without tests) and runs
# dev.signalyard.benchmarks.fleet.SimulationBenchmark: a one-month manual simulation of 300 trips
# on 20 vehicles and a goal seek on the same data, each repeated on a worker pool of 1 and of 2
# threads; prints wall time, runs/s and the mean and median time per run.
#
#   benchmarks/run-simulation-benchmark.sh [--trips 300] [--simulations 200] [--goal-seeks 6]
#       [--threads 1,2] [--warm-up 2] [--intelligent] [--mip-seconds 60]
#
# Set SKIP_BUILD=1 to rerun without building and JAVA_OPTS for JVM options (default -Xmx2g).
# With the defaults a run takes about a minute. Results and how to read them:
# docs/simulation.md, "Benchmark".
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  ./mvnw -q -o -B -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
classpath="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec "$java" ${JAVA_OPTS:--Xmx2g} -cp "$classpath" \
  dev.signalyard.benchmarks.fleet.SimulationBenchmark "$@"
