package dev.signalyard.queryapi.fleet.trips;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.queryapi.kafka.BrokerUnavailableException;
import dev.signalyard.schemas.fleet.Trip;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one upload's trips to {@code fleet-trips} in one Kafka transaction (idempotent, {@code
 * acks=all}): a {@code read_committed} reader, such as the streams service, sees all of the file or
 * none of it. The transactional.id is the configured prefix plus a random suffix per instance.
 *
 * <p>Thread-safety: thread-safe; a producer runs one transaction at a time, so uploads on one
 * instance are committed one after another. The producer is made on first use, so the service
 * starts while Kafka is away, and made anew after a failed transaction.
 */
class TripTransactions implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TripTransactions.class);
  private static final AvroSerde<Trip> TRIPS = AvroSerde.of(Trip.class);

  private final Function<String, Producer<String, byte[]>> producers;
  private final String transactionalId;
  private final Duration commitTimeout;
  private Producer<String, byte[]> producer;

  TripTransactions(SignalyardKafkaProperties kafka, TripUploadProperties settings) {
    this(
        id ->
            new KafkaProducer<>(
                producerConfig(kafka, settings, id),
                new StringSerializer(),
                new ByteArraySerializer()),
        settings.transactionalIdPrefix() + "-" + UUID.randomUUID(),
        settings.commitTimeout());
  }

  TripTransactions(
      Function<String, Producer<String, byte[]>> producers,
      String transactionalId,
      Duration commitTimeout) {
    this.producers = producers;
    this.transactionalId = transactionalId;
    this.commitTimeout = commitTimeout;
  }

  static Map<String, Object> producerConfig(
      SignalyardKafkaProperties kafka, TripUploadProperties settings, String transactionalId) {
    long budget = settings.commitTimeout().toMillis();
    Map<String, Object> config = kafka.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, budget / 2);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, budget / 3));
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) budget);
    // A transaction left open by a crashed instance is aborted by the broker after this long.
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.max(budget * 2, 60_000));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
    return config;
  }

  /**
   * Produces {@code trips} (key: vehicle id) in one transaction and returns once it is committed.
   * Blocks; call it off the event loop.
   *
   * @throws BrokerUnavailableException when the transaction could not be committed; it was then
   *     aborted (or will be by the broker), so none of the trips is visible
   */
  synchronized void commit(List<Trip> trips) {
    try {
      if (producer == null) {
        producer = producers.apply(transactionalId);
        producer.initTransactions();
      }
      producer.beginTransaction();
      List<Future<RecordMetadata>> sent = new ArrayList<>(trips.size());
      for (Trip trip : trips) {
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    TopicCatalog.FLEET_TRIPS.name(),
                    Long.toString(trip.getVehicleId()),
                    TRIPS.encode(trip))));
      }
      producer.flush();
      long deadline = System.nanoTime() + commitTimeout.toNanos();
      for (Future<RecordMetadata> future : sent) {
        future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      producer.commitTransaction();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(e);
    } catch (KafkaException | ExecutionException | TimeoutException e) {
      throw failed(e);
    }
  }

  /**
   * Drops the producer and describes the failure. Its open transaction, if any, is aborted when the
   * next upload's producer initialises the same transactional.id, or by the broker after the
   * transaction timeout; either way it is never committed.
   */
  private BrokerUnavailableException failed(Exception cause) {
    log.warn("Trip upload transaction failed: {}", cause.toString());
    if (producer != null) {
      try {
        producer.close(Duration.ZERO);
      } catch (KafkaException e) {
        log.debug("Closing the failed trip producer", e);
      }
      producer = null;
    }
    return new BrokerUnavailableException(
        "Kafka did not commit the upload: " + cause.getMessage(), cause);
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }
}
