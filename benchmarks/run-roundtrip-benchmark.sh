#!/usr/bin/env bash
# Builds the benchmarks module (and the modules it needs, without tests) and runs the JMH benchmark
# dev.signalyard.benchmarks.fleet.RoundtripAggregationBenchmark: roundtrip aggregation of a
# generated fleet (500 vehicles x one year by default), reported as trips per second in the
# "aggregate:trips" line.
#
#   benchmarks/run-roundtrip-benchmark.sh [more JMH options, e.g. -p vehicles=50 -t 2]
#
# JMH_RUN holds the run shape (default: 1 fork, 6 x 5 s warm-up, 5 x 5 s measurement, one
# thread); replace it as a whole, e.g. JMH_RUN="-f 2 -wi 5 -i 10", since JMH rejects repeated
# options. Arguments are added after it. Set SKIP_BUILD=1 to rerun without building and JAVA_OPTS
# for options of the forked benchmark JVM. A run takes about 1.5 minutes plus the build.
# Results and how to read them: docs/fleet.md (roundtrip aggregation, "Benchmark") and docs/benchmarks.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  ./mvnw -q -o -B -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
classpath="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

# shellcheck disable=SC2086 # JAVA_OPTS holds several options
# shellcheck disable=SC2086 # JMH_RUN holds several options
exec "$java" -cp "$classpath" org.openjdk.jmh.Main \
  ${JMH_RUN:--f 1 -wi 6 -w 5s -i 5 -r 5s -t 1} \
  -jvmArgsAppend "-Xms2g -Xmx2g ${JAVA_OPTS:-}" \
  "RoundtripAggregationBenchmark" "$@"
