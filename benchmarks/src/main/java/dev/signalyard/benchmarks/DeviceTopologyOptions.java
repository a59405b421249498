package dev.signalyard.benchmarks;

import java.time.Duration;
import java.util.Set;

/**
 * The knobs of {@link DeviceTopologyBenchmark}, read like {@link BenchmarkOptions}: an argument
 * ({@code --reports=50000} or {@code --reports 50000}), else a system property ({@code
 * -Dbenchmark.reports=50000}), else the default. Immutable.
 *
 * @param reports raw reports written to {@code device-reports-raw} before the measurements
 * @param devices modems the reports come from
 * @param rounds how often the pair (bare consumer, topology) is measured; the last round is the
 *     result, the earlier ones warm the JIT up and show the spread
 * @param timeout the longest one reading of the topic (bare or topology) may take
 */
record DeviceTopologyOptions(int reports, int devices, int rounds, Duration timeout) {

  static final String USAGE =
      "usage: DeviceTopologyBenchmark [--reports 300000] [--devices 1000] [--rounds 2]"
          + " [--timeout 600s]";

  private static final Set<String> NAMES = Set.of("reports", "devices", "rounds", "timeout");

  DeviceTopologyOptions {
    if (reports < 1 || devices < 1 || rounds < 1) {
      throw new IllegalArgumentException("--reports, --devices and --rounds must be >= 1");
    }
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("--timeout must be at least 1s");
    }
  }

  /** Reads the options; throws {@link IllegalArgumentException} naming an unknown or bad one. */
  static DeviceTopologyOptions parse(String[] args) {
    OptionValues values = OptionValues.parse(args, NAMES);
    return new DeviceTopologyOptions(
        values.integer("reports", 300_000),
        values.integer("devices", 1_000),
        values.integer("rounds", 2),
        values.duration("timeout", Duration.ofSeconds(600)));
  }
}
