package dev.signalyard.queryapi.fleet.trips;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the trip upload endpoints {@code POST /api/fleet/trips} and {@code POST
 * /api/fleet/trips/gps-logs}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param maxBodySize Largest file accepted; a larger one is refused with 413. The service-wide
 *     {@code signalyard.query.max-body-size} applies first, so it must be at least this large for
 *     this limit to take effect.
 * @param commitTimeout How long one upload's Kafka transaction may take, from the first record to
 *     the commit, before it is aborted and the client told 503.
 * @param transactionalIdPrefix Prefix of the producer's transactional.id; each instance adds a
 *     random suffix, so instances never fence each other.
 */
@ConfigurationProperties("signalyard.query.fleet.trips")
public record TripUploadProperties(
    @DefaultValue("20MB") DataSize maxBodySize,
    @DefaultValue("30s") Duration commitTimeout,
    @DefaultValue("signalyard-query-trip-upload") String transactionalIdPrefix) {

  public TripUploadProperties {
    if (maxBodySize.toBytes() < 1) {
      throw new IllegalArgumentException(
          "signalyard.query.fleet.trips.max-body-size must be positive");
    }
    if (commitTimeout.toMillis() < 1000) {
      throw new IllegalArgumentException(
          "signalyard.query.fleet.trips.commit-timeout must be at least 1s");
    }
  }
}
