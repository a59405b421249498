package dev.signalyard.streams.simulation;

import dev.signalyard.schemas.fleet.FleetSettings;
import dev.signalyard.schemas.fleet.FleetVehicle;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the fleet data of a run straight from the fleet topics with a short-lived consumer (no
 * group, read_committed), from the beginning to the end offsets seen at the start of the read.
 *
 * <p>Why not a state store: fleet-roundtrips is partitioned by vehicle and already read by the
 * daily-usage topology (a topic may have one source per topology, so no global store), and a run
 * needs the roundtrips of vehicles on any partition, whichever instance runs it. Reading the topic
 * costs a pass over it per run, limited to the partitions of the run's vehicles (the key is the
 * vehicle id, partitioned by Kafka's default murmur2 partitioner); runs are rare and take seconds
 * to minutes anyway. See docs/simulation.md ("Runs as streaming jobs").
 *
 * <p>Thread-safety: thread-safe; each call uses a consumer of its own.
 */
public final class KafkaFleetData implements FleetData {

  private static final Logger log = LoggerFactory.getLogger(KafkaFleetData.class);
  private static final AvroSerde<FleetVehicle> VEHICLES = AvroSerde.of(FleetVehicle.class);
  private static final AvroSerde<FleetSettings> SETTINGS = AvroSerde.of(FleetSettings.class);
  private static final AvroSerde<Roundtrip> ROUNDTRIPS = AvroSerde.of(Roundtrip.class);

  private final Map<String, Object> clientConfig;
  private final Duration timeout;

  /**
   * @param clientConfig the service's Kafka client settings
   * @param timeout the longest one read may take
   */
  public KafkaFleetData(Map<String, Object> clientConfig, Duration timeout) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.timeout = timeout;
  }

  @Override
  public Map<Long, FleetVehicle> vehicles() {
    Map<Long, FleetVehicle> vehicles = new HashMap<>();
    read(
        TopicCatalog.FLEET_VEHICLES.name(),
        null,
        record -> {
          FleetVehicle vehicle = decode(record.value(), VEHICLES);
          if (vehicle != null) {
            vehicles.put(vehicle.getId(), vehicle);
          }
        });
    return vehicles;
  }

  @Override
  public Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    read(
        TopicCatalog.FLEET_SETTINGS.name(),
        null,
        record -> {
          FleetSettings stored = decode(record.value(), SETTINGS);
          if (stored != null && "simulation".equals(record.key())) {
            settings.clear();
            settings.putAll(stored.getValues());
          }
        });
    return settings;
  }

  @Override
  public List<Roundtrip> roundtrips(Collection<Long> vehicleIds, Instant from, Instant until) {
    Set<String> keys = new HashSet<>();
    vehicleIds.forEach(id -> keys.add(Long.toString(id)));
    Map<String, Roundtrip> live = new LinkedHashMap<>();
    read(
        TopicCatalog.FLEET_ROUNDTRIPS.name(),
        keys,
        record -> {
          if (!keys.contains(record.key())) {
            return;
          }
          Roundtrip roundtrip = decode(record.value(), ROUNDTRIPS);
          if (roundtrip == null) {
            return;
          }
          // A re-aggregation re-emits a roundtrip under the same id or retracts it (deleted).
          if (roundtrip.getDeleted()) {
            live.remove(roundtrip.getId());
          } else {
            live.put(roundtrip.getId(), roundtrip);
          }
        });
    List<Roundtrip> inPeriod = new ArrayList<>();
    for (Roundtrip roundtrip : live.values()) {
      if (!roundtrip.getStartTime().isBefore(from) && roundtrip.getStartTime().isBefore(until)) {
        inPeriod.add(roundtrip);
      }
    }
    return inPeriod;
  }

  /**
   * Reads {@code topic} from the beginning to its current end.
   *
   * @param keys when not null, only the partitions these keys are produced to are read
   */
  private void read(
      String topic, Set<String> keys, Consumer<ConsumerRecord<String, byte[]>> handler) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "signalyard-simulation-reader");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitions(consumer, topic, keys);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reachedEnd(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading " + topic + " took longer than " + timeout);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(handler);
      }
    }
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<String, byte[]> consumer, String topic, Set<String> keys) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic);
    if (infos == null || infos.isEmpty()) {
      log.warn("Topic {} does not exist; the simulation sees it empty", topic);
      return List.of();
    }
    int count = infos.size();
    Set<Integer> wanted = new TreeSet<>();
    if (keys == null) {
      infos.forEach(info -> wanted.add(info.partition()));
    } else {
      for (String key : keys) {
        wanted.add(Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count);
      }
    }
    return wanted.stream().map(p -> new TopicPartition(topic, p)).toList();
  }

  private static boolean reachedEnd(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
      if (consumer.position(entry.getKey()) < entry.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> T decode(
      byte[] bytes, AvroSerde<T> serde) {
    if (bytes == null) {
      return null;
    }
    try {
      return serde.decode(bytes);
    } catch (RuntimeException e) {
      log.warn("Skipping an unreadable {} while reading fleet data: {}", serde, e.toString());
      return null;
    }
  }
}
