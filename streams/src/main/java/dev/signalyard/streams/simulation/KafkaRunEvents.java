package dev.signalyard.streams.simulation;

import dev.signalyard.schemas.fleet.SimulationProgress;
import dev.signalyard.schemas.fleet.SimulationResult;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes run progress and results with a plain idempotent producer ({@code acks=all}), outside
 * the stream threads' transactions: a worker reports while the stream thread keeps committing. A
 * result produced twice (a crash between produce and the run's bookkeeping) is harmless: same key,
 * compacted topic, same content.
 *
 * <p>Thread-safety: thread-safe (the Kafka producer is).
 */
public final class KafkaRunEvents implements RunEvents, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaRunEvents.class);
  private static final AvroSerde<SimulationProgress> PROGRESS =
      AvroSerde.of(SimulationProgress.class);
  private static final AvroSerde<SimulationResult> RESULT = AvroSerde.of(SimulationResult.class);

  private final KafkaProducer<String, byte[]> producer;

  /**
   * @param clientConfig the service's Kafka client settings (bootstrap servers and extras)
   */
  public KafkaRunEvents(Map<String, Object> clientConfig) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "signalyard-simulation-events");
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public void progress(SimulationProgress progress) {
    send(TopicCatalog.SIMULATION_PROGRESS.name(), progress.getId(), PROGRESS.encode(progress));
  }

  @Override
  public void result(SimulationResult result) {
    // The outcome of minutes of computing: wait for the broker's acknowledgement so a failure to
    // store it surfaces here (and the run is recomputed after a restart) instead of vanishing.
    try {
      producer
          .send(
              new ProducerRecord<>(
                  TopicCatalog.SIMULATION_RESULTS.name(), result.getId(), RESULT.encode(result)))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while storing the result of " + result.getId());
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(
          "could not store the result of " + result.getId(), e.getCause());
    }
  }

  private void send(String topic, String key, byte[] value) {
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (metadata, error) -> {
          if (error != null) {
            log.warn("Could not publish simulation progress of {}: {}", key, error.toString());
          }
        });
  }

  @Override
  public void close() {
    producer.close();
  }
}
