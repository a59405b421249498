package dev.signalyard.fleet.roundtrips;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@link RoundtripAggregator}, the reference's environment switches.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tripDuration how long a roundtrip may stay open (the reference's {@code TRIP_DURATION}
 *     days, default 7 days)
 * @param birdFlight replace each trip's distance by the haversine distance from its start to its
 *     end ({@code BIRD_FLIGHT}, default false)
 * @param onlyNatural keep only the main loop's roundtrips: no re-aggregation by most frequent
 *     location and no forceful split ({@code ONLY_NATURAL}, default false)
 * @param clearForceEndOnEveryClose true (default) clears the "ends near home" flag whenever a
 *     roundtrip is closed; false reproduces the reference's defect (cleared only when the flag
 *     itself closed the roundtrip, so it survives a close because the next trip started at home),
 *     kept only to compare with the reference
 */
public record AggregationSettings(
    Duration tripDuration,
    boolean birdFlight,
    boolean onlyNatural,
    boolean clearForceEndOnEveryClose) {

  /** Validates the settings. */
  public AggregationSettings {
    Objects.requireNonNull(tripDuration, "tripDuration");
    if (tripDuration.isNegative() || tripDuration.isZero()) {
      throw new IllegalArgumentException("tripDuration must be positive: " + tripDuration);
    }
  }

  /**
   * The reference's defaults with the force-end fix.
   *
   * @return 7 days, no bird flight, not only natural, force end cleared on every close
   */
  public static AggregationSettings defaults() {
    return new AggregationSettings(Duration.ofDays(7), false, false, true);
  }
}
