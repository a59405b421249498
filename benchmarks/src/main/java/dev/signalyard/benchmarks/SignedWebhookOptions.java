package dev.signalyard.benchmarks;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.convert.DurationStyle;

/**
 * The knobs of {@link SignedWebhookBenchmark}, read like {@link BenchmarkOptions}: an argument
 * ({@code --concurrency=8} or {@code --concurrency 8}), else a system property ({@code
 * -Dbenchmark.concurrency=8}), else the default. Immutable.
 *
 * @param concurrency requests in flight in the closed loop that finds the maximum throughput
 * @param warmup load right before each measured window, not measured
 * @param duration each measured window (closed loop, then open loop)
 * @param jitWarmup the longest the JIT warm-up may take; zero skips it
 * @param pool signed posts prepared before the load and sent in rotation
 * @param openLoopSenders threads serving the open loop's schedule
 * @param rate the open loop's requests per second; zero means half the closed loop's throughput
 */
record SignedWebhookOptions(
    int concurrency,
    Duration warmup,
    Duration duration,
    Duration jitWarmup,
    int pool,
    int openLoopSenders,
    double rate) {

  static final String USAGE =
      "usage: SignedWebhookBenchmark [--concurrency 32] [--warmup 10s] [--duration 30s]"
          + " [--jit-warmup 180s] [--pool 4096] [--open-loop-senders 64] [--rate 0]";

  private static final Set<String> NAMES =
      Set.of(
          "concurrency", "warmup", "duration", "jit-warmup", "pool", "open-loop-senders", "rate");

  SignedWebhookOptions {
    if (concurrency < 1 || openLoopSenders < 1) {
      throw new IllegalArgumentException("--concurrency and --open-loop-senders must be >= 1");
    }
    if (warmup.isNegative() || jitWarmup.isNegative()) {
      throw new IllegalArgumentException("--warmup and --jit-warmup must not be negative");
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("--duration must be at least 1s");
    }
    if (pool < 1) {
      throw new IllegalArgumentException("--pool must be at least 1");
    }
    if (rate < 0) {
      throw new IllegalArgumentException("--rate must not be negative");
    }
  }

  /** Reads the options; throws {@link IllegalArgumentException} naming an unknown or bad one. */
  static SignedWebhookOptions parse(String[] args) {
    Map<String, String> values = arguments(args);
    return new SignedWebhookOptions(
        Integer.parseInt(value(values, "concurrency", "32")),
        duration(value(values, "warmup", "10s")),
        duration(value(values, "duration", "30s")),
        duration(value(values, "jit-warmup", "180s")),
        Integer.parseInt(value(values, "pool", "4096")),
        Integer.parseInt(value(values, "open-loop-senders", "64")),
        Double.parseDouble(value(values, "rate", "0")));
  }

  private static Map<String, String> arguments(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument '" + args[i] + "'");
      }
      String name = args[i].substring(2);
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
