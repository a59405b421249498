package dev.signalyard.queryapi.fleet;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the fleet reference store (PostgreSQL) and of its outbox relay to Kafka.
 *
 * <p>Thread-safety: immutable.
 *
 * @param database Where the fleet reference data lives. Without {@code url} the fleet reference
 *     endpoints answer 503 and no database is touched.
 * @param outbox How the outbox relay publishes committed changes to the reference topics.
 */
@ConfigurationProperties("signalyard.fleet")
public record FleetProperties(@DefaultValue Database database, @DefaultValue Outbox outbox) {

  /**
   * The PostgreSQL database of the fleet reference data.
   *
   * @param url R2DBC URL, e.g. {@code r2dbc:postgresql://db:5432/signalyard}. Flyway migrates the
   *     same host, port and database over JDBC at start-up. Unset: no fleet reference store.
   * @param username Database user; required with {@code url}.
   * @param password Database password.
   * @param maxPoolSize Most connections the R2DBC pool opens.
   */
  public record Database(
      String url,
      String username,
      @DefaultValue("") String password,
      @DefaultValue("10") int maxPoolSize) {

    public Database {
      if (maxPoolSize < 1) {
        throw new IllegalArgumentException("signalyard.fleet.database.max-pool-size must be >= 1");
      }
    }
  }

  /**
   * The outbox relay.
   *
   * @param pollInterval How often the relay looks for unpublished outbox rows.
   * @param batchSize Most rows one relay transaction publishes.
   * @param ackTimeout How long the relay waits for Kafka to acknowledge a batch before it rolls
   *     back and tries again at the next poll.
   */
  public record Outbox(
      @DefaultValue("500ms") Duration pollInterval,
      @DefaultValue("200") int batchSize,
      @DefaultValue("10s") Duration ackTimeout) {

    public Outbox {
      if (pollInterval.toMillis() < 10) {
        throw new IllegalArgumentException(
            "signalyard.fleet.outbox.poll-interval must be at least 10ms");
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("signalyard.fleet.outbox.batch-size must be >= 1");
      }
      if (ackTimeout.toMillis() < 500) {
        throw new IllegalArgumentException(
            "signalyard.fleet.outbox.ack-timeout must be at least 500ms");
      }
    }
  }
}
