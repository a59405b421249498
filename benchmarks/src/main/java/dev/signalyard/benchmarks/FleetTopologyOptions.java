package dev.signalyard.benchmarks;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.convert.DurationStyle;

/**
 * The knobs of {@link FleetTopologyBenchmark}, read like {@link DeviceTopologyOptions}: an argument
 * ({@code --vehicles=500} or {@code --vehicles 500}), else a system property ({@code
 * -Dbenchmark.vehicles=500}), else the default. Immutable.
 *
 * @param vehicles vehicles whose trips are written
 * @param days days of trips per vehicle (8-15 trips a working day each)
 * @param locations locations the vehicles are spread over
 * @param rounds how often the pair (bare consumer, topology) is measured; the last round is the
 *     result, the earlier ones warm the JIT up
 * @param threads stream threads of the topology (the service's default is 1)
 * @param timeout the longest one reading of the topic may take
 */
record FleetTopologyOptions(
    int vehicles, int days, int locations, int rounds, int threads, Duration timeout) {

  static final String USAGE =
      "usage: FleetTopologyBenchmark [--vehicles 500] [--days 90] [--locations 50] [--rounds 2]"
          + " [--threads 1] [--timeout 900s]";

  private static final Set<String> NAMES =
      Set.of("vehicles", "days", "locations", "rounds", "threads", "timeout");

  FleetTopologyOptions {
    if (vehicles < 1 || days < 4 || locations < 1 || rounds < 1 || threads < 1) {
      throw new IllegalArgumentException(
          "--vehicles, --locations, --rounds and --threads must be >= 1, --days >= 4");
    }
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("--timeout must be at least 1s");
    }
  }

  /** Reads the options; throws {@link IllegalArgumentException} naming an unknown or bad one. */
  static FleetTopologyOptions parse(String[] args) {
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
    return new FleetTopologyOptions(
        Integer.parseInt(value(values, "vehicles", "500")),
        Integer.parseInt(value(values, "days", "90")),
        Integer.parseInt(value(values, "locations", "50")),
        Integer.parseInt(value(values, "rounds", "2")),
        Integer.parseInt(value(values, "threads", "1")),
        DurationStyle.detectAndParse(value(values, "timeout", "900s").trim(), ChronoUnit.SECONDS));
  }

  private static String value(Map<String, String> values, String name, String fallback) {
    return values.getOrDefault(name, System.getProperty("benchmark." + name, fallback));
  }
}
