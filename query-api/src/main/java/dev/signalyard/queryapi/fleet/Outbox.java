package dev.signalyard.queryapi.fleet;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Writes outbox rows. Called inside the transaction of the change it announces, so the row commits
 * or rolls back with that change; {@link OutboxRelay} publishes committed rows to Kafka.
 *
 * <p>Thread-safety: thread-safe (stateless over a thread-safe client).
 */
final class Outbox {

  private final DatabaseClient db;

  Outbox(DatabaseClient db) {
    this.db = db;
  }

  /** Appends one record (Avro single-object bytes) for {@code topic} under {@code key}. */
  Mono<Void> append(String topic, String key, byte[] payload) {
    return db.sql("INSERT INTO outbox (topic, key, payload) VALUES (:topic, :key, :payload)")
        .bind("topic", topic)
        .bind("key", key)
        .bind("payload", payload)
        .then();
  }
}
