package dev.signalyard.ingest.kafka;

import dev.signalyard.ingest.IngestProperties;
import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Produces records and completes only once Kafka has acknowledged them with {@code acks=all}: the
 * basis of "an acknowledgement means durable". The producer is idempotent, so its own retries never
 * duplicate a record; a sender's retry after a 503 may, and streams removes those by key.
 *
 * <p>Thread-safe: one producer is shared by all requests.
 */
public class AckedPublisher implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final Duration ackTimeout;

  public AckedPublisher(SignalyardKafkaProperties kafka, IngestProperties ingest) {
    this.ackTimeout = ingest.ackTimeout();
    this.producer =
        new KafkaProducer<>(
            producerConfig(kafka, ingest), new StringSerializer(), new ByteArraySerializer());
  }

  static Map<String, Object> producerConfig(
      SignalyardKafkaProperties kafka, IngestProperties ingest) {
    long budget = ingest.ackTimeout().toMillis();
    // The whole send, including metadata fetches and retries, must fit in the ack budget so that
    // the producer gives up before we answer: a record is then either acknowledged or reported
    // failed, never still in flight when the sender is told 503.
    long requestTimeout = Math.max(200, budget * 2 / 5);
    Map<String, Object> config = kafka.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, (int) ingest.lingerTime().toMillis());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, budget * 2 / 5);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
    config.put(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        (int) Math.max(budget * 4 / 5, requestTimeout + ingest.lingerTime().toMillis()));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "signalyard-ingest");
    return config;
  }

  /**
   * Sends one record. The returned Mono completes with the broker's metadata once the record is
   * acknowledged, or fails with {@link BrokerUnavailableException} when that did not happen within
   * the ack timeout.
   */
  public Mono<RecordMetadata> publish(String topic, String key, byte[] value) {
    // send() may block while it fetches metadata (up to max.block.ms), so it must not run on an
    // event-loop thread.
    return Mono.<RecordMetadata>create(
            sink ->
                producer.send(
                    new ProducerRecord<>(topic, key, value),
                    (metadata, error) -> {
                      if (error != null) {
                        sink.error(error);
                      } else {
                        sink.success(metadata);
                      }
                    }))
        .subscribeOn(Schedulers.boundedElastic())
        .timeout(ackTimeout)
        .onErrorMap(
            e -> !(e instanceof BrokerUnavailableException),
            e ->
                new BrokerUnavailableException(
                    e instanceof TimeoutException
                        ? "Kafka did not acknowledge within " + ackTimeout.toMillis() + " ms"
                        : "Kafka refused the record: " + e.getMessage(),
                    e));
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
