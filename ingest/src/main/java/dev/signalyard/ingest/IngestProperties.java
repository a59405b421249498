package dev.signalyard.ingest;

import dev.signalyard.ingest.devices.UnsignedPostPolicy;
import dev.signalyard.schemas.broadcasts.BroadcastSeverity;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the ingest service. Immutable, so thread-safe.
 *
 * @param ackTimeout How long a webhook waits for Kafka's acknowledgement before it answers 503.
 *     RockBLOCK allows 3 s for the whole exchange; the default leaves a second for the network and
 *     a loaded machine.
 * @param lingerTime How long the producer waits to batch records (Kafka's linger.ms). A little
 *     batching raises throughput under load at the cost of that much latency.
 * @param rockblock The RockBLOCK webhook ({@code POST /webhooks/rockblock}).
 * @param trackers The generic tracker webhook ({@code POST /webhooks/devices}).
 * @param commands The sender of device commands to RockBLOCK's MT endpoint.
 * @param broadcasts The run-control broadcast bridge and {@code POST /webhooks/broadcasts}.
 */
@ConfigurationProperties("signalyard.ingest")
public record IngestProperties(
    @DefaultValue("2s") Duration ackTimeout,
    @DefaultValue("1ms") Duration lingerTime,
    @DefaultValue RockBlock rockblock,
    @DefaultValue Trackers trackers,
    @DefaultValue Commands commands,
    @DefaultValue Broadcasts broadcasts) {

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

  /**
   * Settings of the device command sender, which reads device-commands and sends each command to
   * RockBLOCK's MT endpoint. Credentials default to the environment variables {@code
   * ROCKBLOCK_USER} and {@code ROCKBLOCK_PASS} (resolved by {@code MtCredentials}); without both
   * the sender does not start and commands stay QUEUED.
   *
   * @param mtUrl RockBLOCK's MT endpoint; commands are form-POSTed to it.
   * @param username RockBLOCK portal user name; empty falls back to {@code ROCKBLOCK_USER}.
   * @param password RockBLOCK portal password; empty falls back to {@code ROCKBLOCK_PASS}.
   * @param requestTimeout How long one call to the MT endpoint may take, connection included; a
   *     call that takes longer counts as a transient failure and is retried.
   * @param retryBase Wait before the second attempt after a transient failure (RockBLOCK error 99,
   *     network error, timeout, HTTP 5xx); it doubles with each further attempt.
   * @param retryCap Longest wait between two attempts.
   * @param maxAttempts Calls made for one command before it is marked FAILED, at least 1.
   */
  public record Commands(
      @DefaultValue("https://rockblock.rock7.com/rockblock/MT") URI mtUrl,
      String username,
      String password,
      @DefaultValue("30s") Duration requestTimeout,
      @DefaultValue("2s") Duration retryBase,
      @DefaultValue("5m") Duration retryCap,
      @DefaultValue("8") int maxAttempts) {

    public Commands {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException(
            "signalyard.ingest.commands.max-attempts must be at least 1");
      }
      if (retryBase.isNegative() || retryCap.compareTo(retryBase) < 0) {
        throw new IllegalArgumentException(
            "signalyard.ingest.commands.retry-cap must be at least retry-base, both not negative");
      }
    }

    /** Says whether credentials are set but never shows them, so the settings can be logged. */
    @Override
    public String toString() {
      return "Commands[mtUrl="
          + mtUrl
          + ", username="
          + (username == null || username.isEmpty() ? "(unset)" : "(set)")
          + ", password="
          + (password == null || password.isEmpty() ? "(unset)" : "(set)")
          + ", requestTimeout="
          + requestTimeout
          + ", retryBase="
          + retryBase
          + ", retryCap="
          + retryCap
          + ", maxAttempts="
          + maxAttempts
          + "]";
    }
  }

  /**
   * Settings of the run-control broadcast bridge (upstream drunc/ERS Kafka → {@code broadcasts})
   * and of {@code POST /webhooks/broadcasts}. See docs/broadcasts.md.
   *
   * @param bridgeEnabled Whether the bridge runs. Off unless set: a deployment without drunc should
   *     not join a consumer group on a cluster it has no business reading.
   * @param bootstrapServers Bootstrap servers of the upstream Kafka that drunc writes to; empty
   *     means Signalyard's own cluster ({@code signalyard.kafka.bootstrap-servers}).
   * @param client Further client settings of the upstream consumer, e.g. {@code security.protocol},
   *     {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.truststore.location}. They are
   *     not taken from {@code signalyard.kafka.client}, because the upstream cluster is usually
   *     another one with other credentials.
   * @param topicPatterns Regular expressions of the upstream topics, subscribed as one pattern;
   *     topics created later are picked up on the consumer's next metadata refresh.
   * @param groupId Consumer group of the bridge on the upstream cluster; its committed offsets are
   *     where a restarted bridge resumes.
   * @param pollTimeout Longest wait of one upstream poll.
   * @param metadataMaxAge How often the upstream consumer refreshes metadata, and so how soon a new
   *     matching topic is subscribed (metadata.max.age.ms).
   * @param severities Severity of each drunc BroadcastType, overriding the defaults (DEBUG for ACK,
   *     COMMAND_EXECUTION_SUCCESS and DEBUG; ERROR for DRUNC_EXCEPTION_RAISED and
   *     CHILD_COMMAND_EXECUTION_FAILED; FATAL for UNHANDLED_EXCEPTION_RAISED; INFO otherwise), e.g.
   *     {@code signalyard.ingest.broadcasts.severities.TEXT_MESSAGE=WARNING}.
   * @param secrets HMAC-SHA256 secret of each system posting to {@code POST /webhooks/broadcasts},
   *     by source name ({@code X-Signalyard-Source}), at least 16 characters each. With none
   *     configured every post is refused with 401.
   * @param maxBodySize Largest body accepted by {@code POST /webhooks/broadcasts}.
   */
  public record Broadcasts(
      @DefaultValue("false") boolean bridgeEnabled,
      String bootstrapServers,
      Map<String, String> client,
      @DefaultValue({"^control\\..+", "^erscontrol\\..+"}) List<String> topicPatterns,
      @DefaultValue("signalyard-broadcast-bridge") String groupId,
      @DefaultValue("500ms") Duration pollTimeout,
      @DefaultValue("30s") Duration metadataMaxAge,
      Map<String, BroadcastSeverity> severities,
      Map<String, String> secrets,
      @DefaultValue("1MB") DataSize maxBodySize) {

    public Broadcasts {
      client = client == null ? Map.of() : Map.copyOf(client);
      severities = severities == null ? Map.of() : Map.copyOf(severities);
      secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
      topicPatterns = List.copyOf(topicPatterns);
      if (topicPatterns.isEmpty()) {
        throw new IllegalArgumentException(
            "signalyard.ingest.broadcasts.topic-patterns must name at least one pattern");
      }
      secrets.forEach(
          (source, secret) -> {
            if (secret == null || secret.length() < Trackers.MIN_SECRET_LENGTH) {
              throw new IllegalArgumentException(
                  "signalyard.ingest.broadcasts.secrets."
                      + source
                      + " must be at least "
                      + Trackers.MIN_SECRET_LENGTH
                      + " characters");
            }
          });
    }

    /**
     * Names the sources and client setting keys but never secrets or client values (which may hold
     * credentials), so the settings can be logged.
     */
    @Override
    public String toString() {
      return "Broadcasts[bridgeEnabled="
          + bridgeEnabled
          + ", bootstrapServers="
          + bootstrapServers
          + ", client="
          + new TreeMap<>(client).keySet()
          + ", topicPatterns="
          + topicPatterns
          + ", groupId="
          + groupId
          + ", severities="
          + severities
          + ", sources="
          + new TreeMap<>(secrets).keySet()
          + ", maxBodySize="
          + maxBodySize
          + "]";
    }
  }
}
