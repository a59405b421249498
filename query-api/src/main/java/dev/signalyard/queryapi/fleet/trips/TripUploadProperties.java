package dev.signalyard.queryapi.fleet.trips;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the trip upload endpoints {@code POST /api/fleet/trips} and {@code POST
 * /api/fleet/trips/gps-logs}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param commitTimeout How long one upload's Kafka transaction may take, from the first record to
 *     the commit, before it is aborted and the client told 503.
 * @param transactionalIdPrefix Prefix of the producer's transactional.id; each instance adds a
 *     random suffix, so instances never fence each other.
 */
@ConfigurationProperties("signalyard.query.fleet.trips")
public record TripUploadProperties(
    @DefaultValue("30s") Duration commitTimeout,
    @DefaultValue("signalyard-query-trip-upload") String transactionalIdPrefix) {

  public TripUploadProperties {
    if (commitTimeout.toMillis() < 1000) {
      throw new IllegalArgumentException(
          "signalyard.query.fleet.trips.commit-timeout must be at least 1s");
    }
  }
}
