package dev.signalyard.queryapi.fleet.precision;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the live precision test ({@code POST /api/fleet/precision-tests}).
 *
 * <p>Thread-safety: immutable.
 *
 * @param workers Precision tests that run at once on one node (each on its own thread, never on the
 *     web server's event loop).
 * @param queueCapacity Tests that may wait for a worker; one more is refused with 503.
 * @param maxTrips Most trips one test holds in memory (about 150 bytes each); a location whose
 *     vehicles drove more in the period fails with a message to choose a later {@code from}.
 * @param scanTimeout Longest time a test may take to read its vehicles' trips from {@code
 *     fleet-trips}.
 * @param retention How long a finished test's result stays available.
 * @param maxKept Most finished tests kept; the oldest go first.
 */
@ConfigurationProperties("signalyard.fleet.precision-test")
public record PrecisionTestProperties(
    @DefaultValue("1") int workers,
    @DefaultValue("8") int queueCapacity,
    @DefaultValue("1000000") int maxTrips,
    @DefaultValue("5m") Duration scanTimeout,
    @DefaultValue("1h") Duration retention,
    @DefaultValue("100") int maxKept) {

  public PrecisionTestProperties {
    if (workers < 1 || queueCapacity < 0 || maxTrips < 1 || maxKept < 1) {
      throw new IllegalArgumentException(
          "signalyard.fleet.precision-test: workers, max-trips and max-kept must be >= 1,"
              + " queue-capacity >= 0");
    }
  }
}
