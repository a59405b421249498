package dev.signalyard.benchmarks;

import java.time.Duration;
import java.util.Set;

/**
 * The knobs of {@link WebhookBenchmark}.
 *
 * <p>Each option comes from an argument ({@code --concurrency=8} or {@code --concurrency 8}), else
 * from a system property ({@code -Dbenchmark.concurrency=8}), else its default. Durations accept
 * plain seconds ({@code 30}) or a unit ({@code 500ms}, {@code 2m}).
 *
 * @param concurrency requests in flight at every moment (closed loop)
 * @param warmup load applied to an endpoint right before its measured window, not measured
 * @param duration the measured window, per endpoint
 * @param jitWarmup the longest the {@link JitWarmup} may take before any endpoint is measured; zero
 *     skips it
 */
record BenchmarkOptions(int concurrency, Duration warmup, Duration duration, Duration jitWarmup) {

  static final BenchmarkOptions DEFAULTS =
      new BenchmarkOptions(
          32, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(180));

  static final String USAGE =
      "usage: WebhookBenchmark [--concurrency 32] [--warmup 10s] [--duration 30s]"
          + " [--jit-warmup 180s]";

  private static final Set<String> NAMES =
      Set.of("concurrency", "warmup", "duration", "jit-warmup");

  BenchmarkOptions {
    if (concurrency < 1) {
      throw new IllegalArgumentException("--concurrency must be at least 1");
    }
    if (warmup.isNegative() || jitWarmup.isNegative()) {
      throw new IllegalArgumentException("--warmup and --jit-warmup must not be negative");
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("--duration must be at least 1s");
    }
  }

  /** Reads the options; throws {@link IllegalArgumentException} naming an unknown or bad one. */
  static BenchmarkOptions parse(String[] args) {
    OptionValues values = OptionValues.parse(args, NAMES);
    return new BenchmarkOptions(
        values.integer("concurrency", DEFAULTS.concurrency),
        values.duration("warmup", DEFAULTS.warmup),
        values.duration("duration", DEFAULTS.duration),
        values.duration("jit-warmup", DEFAULTS.jitWarmup));
  }
}
