package dev.signalyard.benchmarks;

import java.time.Duration;
import java.util.Set;

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
    OptionValues values = OptionValues.parse(args, NAMES);
    return new SignedWebhookOptions(
        values.integer("concurrency", 32),
        values.duration("warmup", Duration.ofSeconds(10)),
        values.duration("duration", Duration.ofSeconds(30)),
        values.duration("jit-warmup", Duration.ofSeconds(180)),
        values.integer("pool", 4096),
        values.integer("open-loop-senders", 64),
        values.decimal("rate", 0));
  }
}
