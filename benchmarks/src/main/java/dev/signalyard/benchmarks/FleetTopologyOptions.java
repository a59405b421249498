package dev.signalyard.benchmarks;

import java.time.Duration;
import java.util.Set;

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
    OptionValues values = OptionValues.parse(args, NAMES);
    return new FleetTopologyOptions(
        values.integer("vehicles", 500),
        values.integer("days", 90),
        values.integer("locations", 50),
        values.integer("rounds", 2),
        values.integer("threads", 1),
        values.duration("timeout", Duration.ofSeconds(900)));
  }
}
