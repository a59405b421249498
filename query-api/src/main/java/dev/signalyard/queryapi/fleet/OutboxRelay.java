package dev.signalyard.queryapi.fleet;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes committed outbox rows to Kafka, in id order, and marks them published once Kafka
 * acknowledged them with {@code acks=all}.
 *
 * <p>Every poll interval one transaction takes a cluster-wide advisory lock (so that of several
 * query-api replicas only one relays at a time and per-key order is kept), selects up to a batch of
 * unpublished rows {@code FOR UPDATE SKIP LOCKED}, sends them, waits for every acknowledgement and
 * then sets {@code published_at}. A full batch is followed at once by the next one. When Kafka does
 * not acknowledge in time the transaction rolls back and the rows are tried again at the next poll:
 * nothing is lost, a row may be sent twice (harmless on the compacted reference topics, whose
 * consumers keep the latest value per key).
 *
 * <p>Thread-safety: thread-safe; the lifecycle methods are called by the container, the loop runs
 * on Reactor schedulers and blocks only on a bounded-elastic thread.
 */
final class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  /** Advisory lock key of the relay: the outbox table's name as a number. */
  private static final long RELAY_LOCK = 0x6f7574626f78L;

  private final DatabaseClient db;
  private final TransactionalOperator transactions;
  private final FleetProperties.Outbox properties;
  private final SignalyardKafkaProperties kafka;
  private KafkaProducer<String, byte[]> producer;
  private Disposable loop;

  OutboxRelay(
      DatabaseClient db,
      TransactionalOperator transactions,
      FleetProperties.Outbox properties,
      SignalyardKafkaProperties kafka) {
    this.db = db;
    this.transactions = transactions;
    this.properties = properties;
    this.kafka = kafka;
  }

  private record OutboxRow(long id, String topic, String key, byte[] payload) {}

  @Override
  public synchronized void start() {
    producer = createProducer();
    loop =
        Flux.interval(Duration.ZERO, properties.pollInterval())
            .onBackpressureDrop()
            .concatMap(tick -> drain(), 1)
            .subscribe();
  }

  @Override
  public synchronized void stop() {
    loop.dispose();
    producer.close(Duration.ofSeconds(5));
    loop = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return loop != null;
  }

  /** Relays batches until one is not full; logs and swallows failures (the next poll retries). */
  Mono<Void> drain() {
    return relayBatch()
        .expand(sent -> sent == properties.batchSize() ? relayBatch() : Mono.empty())
        .then()
        .onErrorResume(
            e -> {
              log.warn("Outbox relay will retry: {}", e.toString());
              return Mono.empty();
            });
  }

  /** One transaction: lock, select, send, await acks, mark published. Emits rows published. */
  private Mono<Integer> relayBatch() {
    Mono<Integer> batch =
        db.sql("SELECT pg_try_advisory_xact_lock(:lock) AS locked")
            .bind("lock", RELAY_LOCK)
            .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
            .one()
            .flatMap(locked -> locked ? selectAndPublish() : Mono.just(0));
    return transactions.transactional(batch);
  }

  private Mono<Integer> selectAndPublish() {
    return db.sql(
            "SELECT id, topic, key, payload FROM outbox WHERE published_at IS NULL"
                + " ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED")
        .bind("limit", properties.batchSize())
        .map(
            row ->
                new OutboxRow(
                    row.get("id", Long.class),
                    row.get("topic", String.class),
                    row.get("key", String.class),
                    row.get("payload", byte[].class)))
        .all()
        .collectList()
        .flatMap(
            rows ->
                rows.isEmpty()
                    ? Mono.just(0)
                    : send(rows).then(markPublished(rows)).thenReturn(rows.size()));
  }

  private Mono<Void> send(List<OutboxRow> rows) {
    return Mono.<Void>fromCallable(
            () -> {
              List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
              for (OutboxRow row : rows) {
                acks.add(
                    producer.send(new ProducerRecord<>(row.topic(), row.key(), row.payload())));
              }
              long deadline = System.nanoTime() + properties.ackTimeout().toNanos();
              for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
              }
              return null;
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  private Mono<Void> markPublished(List<OutboxRow> rows) {
    Long[] ids = rows.stream().map(OutboxRow::id).toArray(Long[]::new);
    return db.sql("UPDATE outbox SET published_at = now() WHERE id = ANY(:ids)")
        .bind("ids", ids)
        .then();
  }

  private KafkaProducer<String, byte[]> createProducer() {
    long budget = properties.ackTimeout().toMillis();
    Map<String, Object> config = kafka.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // Idempotence keeps order with up to 5 requests in flight per partition.
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, budget / 2);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (budget / 2));
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) budget);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "signalyard-fleet-outbox");
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }
}
