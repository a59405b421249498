package dev.signalyard.benchmarks;

import java.time.Duration;
import java.util.Set;

/**
 * The knobs of {@link BroadcastBridgeBenchmark} and {@link BroadcastLatencyBenchmark}. Each option
 * comes from an argument ({@code --messages=1000} or {@code --messages 1000}), else from a system
 * property ({@code -Dbenchmark.messages=1000}), else its default. Durations accept plain seconds
 * ({@code 30}) or a unit ({@code 500ms}, {@code 2m}). Immutable.
 *
 * @param messages drunc messages pre-produced upstream for the throughput run
 * @param topics upstream {@code control.*} topics they are spread over (one partition each)
 * @param rate messages per second of the open-loop producer in the latency run
 * @param warmup latency run: load before the measured window, not measured
 * @param duration latency run: the measured window
 */
record BroadcastBenchmarkOptions(
    int messages, int topics, int rate, Duration warmup, Duration duration) {

  static final BroadcastBenchmarkOptions DEFAULTS =
      new BroadcastBenchmarkOptions(
          500_000, 4, 1_000, Duration.ofSeconds(20), Duration.ofSeconds(60));

  static final String USAGE =
      "options: [--messages 500000] [--topics 4] (bridge throughput);"
          + " [--rate 1000] [--warmup 20s] [--duration 60s] (latency)";

  private static final Set<String> NAMES =
      Set.of("messages", "topics", "rate", "warmup", "duration");

  BroadcastBenchmarkOptions {
    if (messages < 1 || topics < 1 || rate < 1) {
      throw new IllegalArgumentException("--messages, --topics and --rate must be at least 1");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup must not be negative");
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("--duration must be at least 1s");
    }
  }

  /** Reads the options; throws {@link IllegalArgumentException} naming an unknown or bad one. */
  static BroadcastBenchmarkOptions parse(String[] args) {
    OptionValues values = OptionValues.parse(args, NAMES);
    return new BroadcastBenchmarkOptions(
        values.integer("messages", DEFAULTS.messages),
        values.integer("topics", DEFAULTS.topics),
        values.integer("rate", DEFAULTS.rate),
        values.duration("warmup", DEFAULTS.warmup),
        values.duration("duration", DEFAULTS.duration));
  }
}
