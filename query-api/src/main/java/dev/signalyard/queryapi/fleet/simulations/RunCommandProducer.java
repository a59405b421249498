package dev.signalyard.queryapi.fleet.simulations;

import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
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
 * Produces run commands to simulation-requests and completes only once Kafka acknowledged them with
 * {@code acks=all} (idempotent producer), so a 202 means the run is durably requested.
 *
 * <p>Thread-safety: thread-safe; one producer serves every request.
 */
final class RunCommandProducer implements AutoCloseable {

  private static final AvroSerde<SimulationCommand> COMMANDS =
      AvroSerde.of(SimulationCommand.class);

  private final KafkaProducer<String, byte[]> producer;
  private final Duration ackTimeout;

  RunCommandProducer(SignalyardKafkaProperties kafka, Duration ackTimeout) {
    this.ackTimeout = ackTimeout;
    long budget = ackTimeout.toMillis();
    Map<String, Object> config = kafka.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    // Give up within the budget, so a command is acknowledged or failed when the client hears 503.
    long requestTimeout = Math.max(200, budget * 2 / 5);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, budget * 2 / 5);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
    config.put(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(budget * 4 / 5, requestTimeout));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "signalyard-query-simulations");
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * Sends the command; completes once Kafka acknowledged it, or fails with {@link
   * RunBrokerUnavailableException} when that did not happen within the ack timeout.
   */
  Mono<Void> send(SimulationCommand command) {
    byte[] value = COMMANDS.encode(command);
    return Mono.<Void>create(
            sink ->
                producer.send(
                    new ProducerRecord<>(
                        TopicCatalog.SIMULATION_REQUESTS.name(), command.getId(), value),
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
            e -> !(e instanceof RunBrokerUnavailableException),
            e ->
                new RunBrokerUnavailableException(
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
