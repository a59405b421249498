package dev.signalyard.benchmarks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the results of {@link WebhookBenchmark} as a table with ratios, and the delivery check.
 */
final class BenchmarkReport {

  /** Above this, other processes took enough CPU to skew a 2-core measurement. */
  private static final double DISTURBANCE_CORES = 0.10;

  private static final String ROW = "%-20s %9s %7s %9s %8s %8s %8s %8s%n";

  private BenchmarkReport() {}

  static void print(
      PrintStream out, BenchmarkOptions options, Measurement realRun, Measurement bareRun) {
    LoadResult real = realRun.load();
    LoadResult bare = bareRun.load();
    out.println();
    out.printf(
        Locale.ROOT,
        "Webhook benchmark: concurrency %d, warm-up %d s, measured %d s per endpoint%n",
        options.concurrency(),
        options.warmup().toSeconds(),
        options.duration().toSeconds());
    out.printf(
        Locale.ROOT,
        ROW,
        "endpoint",
        "requests",
        "errors",
        "req/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms");
    row(out, real);
    row(out, bare);
    out.printf(
        Locale.ROOT,
        "bare/real throughput %.2fx, real/bare p50 %.2fx, real/bare p99 %.2fx%n",
        bare.okPerSecond() / real.okPerSecond(),
        real.percentileMillis(0.50) / bare.percentileMillis(0.50),
        real.percentileMillis(0.99) / bare.percentileMillis(0.99));
    errors(out, real);
    errors(out, bare);
    cpu(out, realRun);
    cpu(out, bareRun);
  }

  /**
   * Prints whether every request the webhook answered 200 is on the topic and returns that. More
   * records than 200s is fine: a request whose answer was lost or timed out may still have landed.
   */
  static boolean delivery(PrintStream out, String topic, long onTopic, long answeredOk) {
    boolean complete = onTopic >= answeredOk;
    out.printf(
        Locale.ROOT,
        "%s: %s holds %d records; the webhook answered 200 to %d requests%n",
        complete ? "PASS" : "FAIL",
        topic,
        onTopic,
        answeredOk);
    return complete;
  }

  private static void row(PrintStream out, LoadResult result) {
    out.printf(
        Locale.ROOT,
        ROW,
        result.endpoint(),
        result.requests(),
        result.errors(),
        String.format(Locale.ROOT, "%.1f", result.okPerSecond()),
        millis(result.percentileMillis(0.50)),
        millis(result.percentileMillis(0.90)),
        millis(result.percentileMillis(0.99)),
        millis(result.maxMillis()));
  }

  private static void errors(PrintStream out, LoadResult result) {
    if (!result.errorKinds().isEmpty()) {
      Map<String, Long> sorted = new TreeMap<>(result.errorKinds());
      out.printf(Locale.ROOT, "errors on %s by kind: %s%n", result.endpoint(), sorted);
      new TreeMap<>(result.errorExamples())
          .forEach((kind, text) -> out.printf(Locale.ROOT, "  e.g. %s: %s%n", kind, text));
    }
  }

  private static void cpu(PrintStream out, Measurement run) {
    out.printf(
        Locale.ROOT, "CPU during the measured window of %s (cores):%n", run.load().endpoint());
    out.print(CpuUsage.describe(run.cpuCores(), run.load().window()));
    // What one request costs the server side, so that runs with different throughput compare.
    out.printf(
        Locale.ROOT,
        "  CPU per 200 answered, without the load generator: %.0f us%n",
        CpuUsage.serverCores(run.cpuCores()) / run.load().okPerSecond() * 1e6);
    double foreign = CpuUsage.foreignCores(run.cpuCores());
    if (foreign > DISTURBANCE_CORES) {
      out.printf(
          Locale.ROOT,
          "  WARNING: other processes used %.2f cores meanwhile; these figures are disturbed,"
              + " run again on a quiet machine%n",
          foreign);
    }
  }

  private static String millis(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
