package dev.signalyard.streams.fleet;

import dev.signalyard.fleet.roundtrips.AggregationSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the fleet topologies (roundtrip aggregation and daily usage).
 *
 * <p>Thread-safety: immutable.
 *
 * @param enabled Whether the streams service runs the fleet topologies at all.
 * @param lateness How far (in trip time, behind the newest trip start of the same vehicle) a trip
 *     may arrive out of order and still be aggregated. A roundtrip is final, and emitted, once it
 *     ends more than this before the vehicle's newest trip start; a trip starting before the end of
 *     the vehicle's last final roundtrip goes to dead-letters.
 * @param aggregationInterval How far a vehicle's trip time must move on after an aggregation of its
 *     pending trips before the next one runs. Aggregating on every trip would emit roundtrips
 *     sooner but costs a pass over the pending trips per trip; with the default a roundtrip is
 *     emitted between {@code lateness} and {@code lateness + aggregationInterval} of trip time
 *     after it ends (the reference aggregated nightly).
 * @param maxPendingTrips Most trips kept per vehicle while their roundtrip is not final. Above it,
 *     every roundtrip the aggregator finds is made final at once, and if there is none (no home is
 *     ever reached) the oldest trips are dropped to dead-letters.
 * @param referenceRefresh How often each stream task re-reads the locations and settings from their
 *     global stores; a location change reaches aggregation at most this late.
 * @param tripDuration How long a roundtrip may stay open before it is split as too long (the
 *     reference's TRIP_DURATION).
 * @param birdFlight Replace each trip's distance by the straight line from its start to its end
 *     (the reference's BIRD_FLIGHT).
 * @param onlyNatural Keep only the main loop's roundtrips, no re-aggregation and no forceful split
 *     (the reference's ONLY_NATURAL).
 */
@ConfigurationProperties("signalyard.streams.fleet")
public record FleetStreamsProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("48h") Duration lateness,
    @DefaultValue("12h") Duration aggregationInterval,
    @DefaultValue("2000") int maxPendingTrips,
    @DefaultValue("10s") Duration referenceRefresh,
    @DefaultValue("7d") Duration tripDuration,
    @DefaultValue("false") boolean birdFlight,
    @DefaultValue("false") boolean onlyNatural) {

  /** Validates the settings. */
  public FleetStreamsProperties {
    if (lateness.isNegative()) {
      throw new IllegalArgumentException(
          "signalyard.streams.fleet.lateness must not be negative: " + lateness);
    }
    if (aggregationInterval.isNegative()) {
      throw new IllegalArgumentException(
          "signalyard.streams.fleet.aggregation-interval must not be negative: "
              + aggregationInterval);
    }
    if (maxPendingTrips < 10) {
      throw new IllegalArgumentException(
          "signalyard.streams.fleet.max-pending-trips must be at least 10: " + maxPendingTrips);
    }
    if (referenceRefresh.isNegative() || referenceRefresh.isZero()) {
      throw new IllegalArgumentException(
          "signalyard.streams.fleet.reference-refresh must be positive: " + referenceRefresh);
    }
  }

  /**
   * The defaults, for tests and benchmarks that build the topologies without Spring.
   *
   * @return the settings with every default
   */
  public static FleetStreamsProperties defaults() {
    return new FleetStreamsProperties(
        true,
        Duration.ofHours(48),
        Duration.ofHours(12),
        2000,
        Duration.ofSeconds(10),
        Duration.ofDays(7),
        false,
        false);
  }

  /**
   * The aggregator's settings.
   *
   * @return trip duration, bird flight and only-natural from here, the force-end fix on
   */
  public AggregationSettings aggregation() {
    return new AggregationSettings(tripDuration, birdFlight, onlyNatural, true);
  }
}
