package dev.signalyard.streams.simulation;

import dev.signalyard.schemas.fleet.FleetSettings;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.schemas.fleet.SimulationCommand;
import dev.signalyard.schemas.fleet.SimulationResult;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.schemas.topics.TopicSpec;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
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

/**
 * The fleet and simulation topics on the shared test broker: creates them as the catalog says,
 * publishes the fixture fleet and commands, and reads results back.
 */
final class FleetTopics {

  private FleetTopics() {}

  static String bootstrapServers() {
    return KafkaTestBroker.shared().bootstrapServers();
  }

  /** Creates the fleet and simulation topics with the catalog's partitions and settings. */
  static void create() {
    List<NewTopic> topics = new ArrayList<>();
    for (TopicSpec spec :
        List.of(
            TopicCatalog.FLEET_VEHICLES,
            TopicCatalog.FLEET_SETTINGS,
            TopicCatalog.FLEET_ROUNDTRIPS,
            TopicCatalog.SIMULATION_REQUESTS,
            TopicCatalog.SIMULATION_PROGRESS,
            TopicCatalog.SIMULATION_RESULTS)) {
      topics.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()));
    }
    KafkaTestBroker.shared().createTopics(topics.toArray(NewTopic[]::new));
  }

  /** Publishes the fixture vehicles, settings (UTC) and {@code days} roundtrips of car 1. */
  static void publishFleet(int days) {
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (FleetVehicle vehicle :
          List.of(SimulationFixtures.petrolCar(), SimulationFixtures.electricCar())) {
        send(
            producer,
            TopicCatalog.FLEET_VEHICLES.name(),
            Long.toString(vehicle.getId()),
            AvroSerde.of(FleetVehicle.class).encode(vehicle));
      }
      send(
          producer,
          TopicCatalog.FLEET_SETTINGS.name(),
          "simulation",
          AvroSerde.of(FleetSettings.class)
              .encode(new FleetSettings(Map.of("sub_time", "5"), SimulationFixtures.REQUESTED)));
      for (Roundtrip roundtrip : SimulationFixtures.roundtrips(days)) {
        send(
            producer,
            TopicCatalog.FLEET_ROUNDTRIPS.name(),
            "1",
            AvroSerde.of(Roundtrip.class).encode(roundtrip));
      }
    }
  }

  static void publish(SimulationCommand command) {
    try (KafkaProducer<String, byte[]> producer = producer()) {
      send(
          producer,
          TopicCatalog.SIMULATION_REQUESTS.name(),
          command.getId(),
          AvroSerde.of(SimulationCommand.class).encode(command));
    }
  }

  /** The latest result of run {@code id} on simulation-results, if any. */
  static Optional<SimulationResult> result(String id) {
    Optional<SimulationResult> latest = Optional.empty();
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TopicCatalog.SIMULATION_RESULTS.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (var record : consumer.poll(Duration.ofMillis(100))) {
          if (id.equals(record.key())) {
            latest = Optional.of(AvroSerde.of(SimulationResult.class).decode(record.value()));
          }
        }
      }
    }
    return latest;
  }

  /** Waits up to 60 s for a result of run {@code id}. */
  static SimulationResult awaitResult(String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<SimulationResult> result = result(id);
      if (result.isPresent()) {
        return result.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no result of " + id + " within 60 s");
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static void send(
      KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("could not publish to " + topic, e);
    }
  }
}
