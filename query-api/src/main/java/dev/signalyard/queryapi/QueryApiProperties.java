package dev.signalyard.queryapi;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the query API.
 *
 * <p>Thread-safety: immutable.
 *
 * @param heartbeat Interval of the comment lines sent on idle SSE streams, so that proxies and
 *     browsers keep the connection open.
 * @param subscriberBuffer Changes buffered for one slow SSE subscriber; when it overflows the
 *     subscriber gets a {@code resync} event and the stream ends, instead of memory growing.
 * @param trackRetention How far back device tracks are kept in memory and served by {@code GET
 *     /api/devices/{imei}/track}; the device-tracks topic keeps 30 days.
 * @param trackPointsPerDevice Most track points kept in memory per device; the oldest go first. The
 *     track history is held in memory on every node until tracks get a partitioned store, so this
 *     bounds its memory (about 200 bytes a point).
 * @param rateLimit Request rate limit per principal (per client IP for anonymous requests).
 * @param maxBodySize Largest request body accepted; larger requests are refused with 413 before the
 *     body is read.
 * @param maxUploadSize Largest request body accepted by the bulk upload endpoints (paths under
 *     {@code /api/fleet/trips}), which take whole files; in place of {@code max-body-size} there.
 */
@ConfigurationProperties("signalyard.query")
public record QueryApiProperties(
    @DefaultValue("15s") Duration heartbeat,
    @DefaultValue("1024") int subscriberBuffer,
    @DefaultValue("30d") Duration trackRetention,
    @DefaultValue("10000") int trackPointsPerDevice,
    @DefaultValue RateLimit rateLimit,
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("20MB") DataSize maxUploadSize) {

  /** Path prefix of the bulk upload endpoints, which get {@link #maxUploadSize()}. */
  public static final String UPLOAD_PATH_PREFIX = "/api/fleet/trips";

  /**
   * A token bucket per principal: it holds {@code capacity} requests and refills them evenly over
   * {@code period}. Buckets live in Redis when {@code SPRING_DATA_REDIS_HOST} or {@code
   * SPRING_DATA_REDIS_URL} is set, so every replica shares them; in memory otherwise.
   *
   * @param enabled Whether requests are rate limited at all.
   * @param capacity Requests a principal may make in a burst; once spent, it gets 429 with {@code
   *     Retry-After} until the bucket refills.
   * @param period Time in which an empty bucket refills completely; the sustained rate is {@code
   *     capacity / period}.
   */
  public record RateLimit(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("500") long capacity,
      @DefaultValue("10s") Duration period) {}
}
