package dev.signalyard.benchmarks;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.convert.DurationStyle;

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
    Map<String, String> values = arguments(args);
    return new DeviceTopologyOptions(
        Integer.parseInt(value(values, "reports", "300000")),
        Integer.parseInt(value(values, "devices", "1000")),
        Integer.parseInt(value(values, "rounds", "2")),
        DurationStyle.detectAndParse(value(values, "timeout", "600s").trim(), ChronoUnit.SECONDS));
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
}
