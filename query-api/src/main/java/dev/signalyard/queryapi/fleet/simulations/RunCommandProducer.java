package dev.signalyard.queryapi.fleet.simulations;

import dev.signalyard.queryapi.kafka.AckedProducer;
import dev.signalyard.queryapi.kafka.BrokerUnavailableException;
import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import reactor.core.publisher.Mono;

/**
 * Produces run commands to simulation-requests and completes only once Kafka acknowledged them with
 * {@code acks=all} (idempotent producer), so a 202 means the run is durably requested.
 *
 * <p>Thread-safety: thread-safe; one producer serves every request.
 */
final class RunCommandProducer implements AutoCloseable {

  private static final AvroSerde<SimulationCommand> COMMANDS =
      AvroSerde.of(SimulationCommand.class);

  private final AckedProducer producer;

  RunCommandProducer(AckedProducer producer) {
    this.producer = producer;
  }

  /**
   * Sends the command; completes once Kafka acknowledged it, or fails with {@link
   * BrokerUnavailableException} when that did not happen within the ack timeout.
   */
  Mono<Void> send(SimulationCommand command) {
    return producer.send(
        TopicCatalog.SIMULATION_REQUESTS.name(), command.getId(), COMMANDS.encode(command));
  }

  @Override
  public void close() {
    producer.close();
  }
}
