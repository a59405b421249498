package dev.signalyard.queryapi.fleet.simulations;

import dev.signalyard.fleet.simulation.FleetSimulation;
import dev.signalyard.fleet.simulation.SimTrip;
import dev.signalyard.fleet.simulation.SimulationInput;
import dev.signalyard.fleet.simulation.SimulationOutcome;
import dev.signalyard.fleet.simulation.SimulationSettings;
import dev.signalyard.fleet.simulation.Vehicle;
import dev.signalyard.fleet.simulation.VehicleType;
import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.schemas.fleet.SimulationProgress;
import dev.signalyard.schemas.fleet.SimulationResult;
import dev.signalyard.schemas.fleet.SimulationStatus;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streams service's side of the simulation topics, for query-api tests: reads the commands
 * query-api produced and publishes progress and results as the simulation processor does, with a
 * result document computed by the real model on a small fleet.
 */
final class RunTopics {

  private RunTopics() {}

  /** Waits up to 30 s for the commands of run {@code id}, in topic order. */
  static List<SimulationCommand> commands(String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      List<SimulationCommand> found = new ArrayList<>();
      try (KafkaConsumer<String, byte[]> consumer = consumer()) {
        List<TopicPartition> partitions =
            consumer.partitionsFor(TopicCatalog.SIMULATION_REQUESTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
          for (var record : consumer.poll(Duration.ofMillis(100))) {
            if (id.equals(record.key())) {
              found.add(AvroSerde.of(SimulationCommand.class).decode(record.value()));
            }
          }
        }
      }
      if (!found.isEmpty() || System.nanoTime() > deadline) {
        return found;
      }
      Thread.sleep(100);
    }
  }

  static void progress(
      String id, String kind, SimulationStatus status, double fraction, int ahead) {
    send(
        TopicCatalog.SIMULATION_PROGRESS.name(),
        id,
        AvroSerde.of(SimulationProgress.class)
            .encode(
                SimulationProgress.newBuilder()
                    .setId(id)
                    .setKind(kind)
                    .setStatus(status)
                    .setFraction(fraction)
                    .setQueuePosition(ahead)
                    .setMessage(
                        status == SimulationStatus.QUEUED
                            ? ahead + " runs ahead"
                            : "allocating trips")
                    .setTime(Instant.now())
                    .build()));
  }

  static void result(SimulationCommand command, String status, String resultJson, String error) {
    send(
        TopicCatalog.SIMULATION_RESULTS.name(),
        command.getId(),
        AvroSerde.of(SimulationResult.class)
            .encode(
                SimulationResult.newBuilder()
                    .setId(command.getId())
                    .setKind(command.getKind().name())
                    .setStatus(status)
                    .setRequestJson(command.getRequestJson())
                    .setResultJson(resultJson)
                    .setError(error)
                    .setRequestedAt(command.getRequestedAt())
                    .setFinishedAt(Instant.now())
                    .build()));
  }

  /**
   * A real outcome: a petrol car's three 40 km days simulated on one EV, as the streams service
   * would store it.
   */
  static String outcomeJson() {
    Vehicle petrol =
        new Vehicle(
            1,
            "Toyota Yaris (AB12341)",
            VehicleType.FOSSIL,
            1,
            20.0,
            null,
            null,
            null,
            30_000.0,
            null,
            null);
    Vehicle ev =
        new Vehicle(
            2,
            "Renault Zoe (AB12342)",
            VehicleType.EV,
            3,
            null,
            150.0,
            null,
            null,
            25_000.0,
            null,
            7.0);
    List<SimTrip> trips = new ArrayList<>();
    for (int day = 0; day < 3; day++) {
      Instant start = Instant.parse("2026-01-05T08:00:00Z").plusSeconds(day * 86_400L);
      trips.add(new SimTrip("1-" + day, 1, start, start.plusSeconds(8 * 3600), 40, List.of()));
    }
    SimulationOutcome outcome =
        new FleetSimulation()
            .run(
                new SimulationInput(
                    trips,
                    List.of(petrol),
                    List.of(ev),
                    SimulationSettings.defaults().withOverrides(Map.of("time_zone", "UTC")),
                    false,
                    false,
                    LocalDate.parse("2026-01-01"),
                    LocalDate.parse("2026-01-31")),
                (fraction, message) -> {},
                () -> false);
    return JsonMapper.builder().build().writeValueAsString(outcome);
  }

  private static void send(String topic, String key, byte[] value) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("could not publish to " + topic, e);
    }
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaTestBroker.shared().bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed"),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }
}
