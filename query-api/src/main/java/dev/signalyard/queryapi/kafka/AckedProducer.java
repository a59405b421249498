package dev.signalyard.queryapi.kafka;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Produces records and completes only once Kafka acknowledged them with {@code acks=all}, so a 2xx
 * built on it means durable; the producer is idempotent, so its own retries never duplicate a
 * record. Used for device commands and simulation run requests.
 *
 * <p>Thread-safety: thread-safe; one producer serves every request.
 */
public final class AckedProducer implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final Duration ackTimeout;

  /**
   * @param ackTimeout how long a send may wait for the acknowledgement before it fails
   * @param clientId Kafka client id, naming the producer in broker logs and metrics
   */
  public AckedProducer(SignalyardKafkaProperties kafka, Duration ackTimeout, String clientId) {
    this.ackTimeout = ackTimeout;
    long budget = ackTimeout.toMillis();
    Map<String, Object> config = kafka.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    // The producer must give up within the budget, so that a record is either acknowledged or
    // failed when the client is told 503, never still in flight.
    long requestTimeout = Math.max(200, budget * 2 / 5);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, budget * 2 / 5);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
    config.put(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(budget * 4 / 5, requestTimeout));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * Sends one record; the Mono completes once Kafka acknowledged it, or fails with {@link
   * BrokerUnavailableException} when that did not happen within the ack timeout.
   */
  public Mono<Void> send(String topic, String key, byte[] value) {
    // send() may block on metadata (up to max.block.ms): keep it off the event loop.
    return Mono.<Void>create(
            sink ->
                producer.send(
                    new ProducerRecord<>(topic, key, value),
                    (metadata, error) -> {
                      if (error != null) {
                        sink.error(error);
                      } else {
                        sink.success();
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
