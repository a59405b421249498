package dev.signalyard.ingest;

import dev.signalyard.ingest.devices.UnsignedPostPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the ingest service. Immutable, so thread-safe.
 *
 * @param ackTimeout How long a webhook waits for Kafka's acknowledgement before it answers 503.
 *     RockBLOCK allows 3 s for the whole exchange; the default leaves a second for the network
 *     and a loaded machine.
 * @param lingerTime How long the producer waits to batch records (Kafka's linger.ms). A little
 *     batching raises throughput under load at the cost of that much latency.
 * @param rockblock The RockBLOCK webhook ({@code POST /webhooks/rockblock}).
 * @param trackers The generic tracker webhook ({@code POST /webhooks/devices}).
 */
@ConfigurationProperties("signalyard.ingest")
public record IngestProperties(
    @DefaultValue("2s") Duration ackTimeout,
    @DefaultValue("1ms") Duration lingerTime,
    @DefaultValue RockBlock rockblock,
    @DefaultValue Trackers trackers) {

  public IngestProperties {
    if (ackTimeout.toMillis() < 500) {
      throw new IllegalArgumentException("signalyard.ingest.ack-timeout must be at least 500ms");
    }
  }

  /**
   * Settings of the RockBLOCK webhook.
   *
   * @param publicKey RSA public key that verifies the RS256 JWT RockBLOCK signs each post with: the
   *     PEM text itself, or a {@code classpath:} or {@code file:} location of a PEM file. The
   *     default is Ground Control's published key, shipped with ingest.
   * @param unsignedForm What to do with a form-encoded post ({@code HTTP_POST}) that carries no
   *     JWT: ACCEPT (RockBLOCK's form posts are not signed) or REJECT with 401.
   * @param unsignedJson What to do with a JSON post ({@code HTTP_JSON}) that carries no JWT: REJECT
   *     with 401 (RockBLOCK always signs JSON posts, so an unsigned one is not from it) or ACCEPT.
   */
  public record RockBlock(
      @DefaultValue("classpath:rockblock/ground-control-public-key.pem") String publicKey,
      @DefaultValue("ACCEPT") UnsignedPostPolicy unsignedForm,
      @DefaultValue("REJECT") UnsignedPostPolicy unsignedJson) {}

  /**
   * Settings of the generic tracker webhook.
   *
   * @param secrets HMAC-SHA256 secret of each sender, by source name (the value of the {@code
   *     X-Signalyard-Source} header), at least 16 characters each. With none configured every
   *     request is refused with 401. As environment variables:
   *     SIGNALYARD_INGEST_TRACKERS_SECRETS_FLEET1=... configures the source "fleet1" (variable
   *     names are lower-cased, so name such sources without '-' and '_').
   * @param maxBodySize Largest request body accepted, a single report or a whole NDJSON batch;
   *     larger requests are refused with 413.
   */
  public record Trackers(Map<String, String> secrets, @DefaultValue("1MB") DataSize maxBodySize) {

    /** Shortest secret accepted; shorter ones are guessable offline from one signed request. */
    public static final int MIN_SECRET_LENGTH = 16;

    public Trackers {
      secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
      secrets.forEach(
          (source, secret) -> {
            if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
              throw new IllegalArgumentException(
                  "signalyard.ingest.trackers.secrets."
                      + source
                      + " must be at least "
                      + MIN_SECRET_LENGTH
                      + " characters");
            }
          });
    }

    /** Names the sources but never their secrets, so the settings can be logged. */
    @Override
    public String toString() {
      return "Trackers[sources="
          + new TreeMap<>(secrets).keySet()
          + ", maxBodySize="
          + maxBodySize
          + "]";
    }
  }
}
