package dev.signalyard.benchmarks;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.convert.DurationStyle;

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
    Map<String, String> values = arguments(args);
    return new BroadcastBenchmarkOptions(
        Integer.parseInt(value(values, "messages", Integer.toString(DEFAULTS.messages))),
        Integer.parseInt(value(values, "topics", Integer.toString(DEFAULTS.topics))),
        Integer.parseInt(value(values, "rate", Integer.toString(DEFAULTS.rate))),
        duration(value(values, "warmup", DEFAULTS.warmup.toSeconds() + "s")),
        duration(value(values, "duration", DEFAULTS.duration.toSeconds() + "s")));
  }

  private static Map<String, String> arguments(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("Unknown option --" + name);
      }
      values.put(name, value);
    }
    return values;
  }

  private static String value(Map<String, String> values, String name, String fallback) {
    return values.getOrDefault(name, System.getProperty("benchmark." + name, fallback));
  }

  private static Duration duration(String value) {
    return DurationStyle.detectAndParse(value.trim(), ChronoUnit.SECONDS);
  }
}
