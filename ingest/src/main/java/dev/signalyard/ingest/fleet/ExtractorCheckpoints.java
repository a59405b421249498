package dev.signalyard.ingest.fleet;

import dev.signalyard.schemas.fleet.ExtractorCheckpoint;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How far each extractor has fetched each vehicle: the last {@link ExtractorCheckpoint} per key
 * {@code <extractor>|<vehicle id>}, read at start-up from the compacted topic {@code
 * fleet-extractor-checkpoints} to its end and then kept up to date by the extraction as it writes
 * new ones. The topic, not this map, is the record: a restarted ingest reads it back.
 *
 * <p>Thread-safe.
 */
final class ExtractorCheckpoints {

  private static final AvroSerde<ExtractorCheckpoint> SERDE =
      AvroSerde.of(ExtractorCheckpoint.class);

  private final Map<String, Instant> fetchedUntil = new ConcurrentHashMap<>();

  static String key(String extractor, long vehicleId) {
    return extractor + "|" + vehicleId;
  }

  /**
   * Reads the whole topic as of now, latest value per key winning.
   *
   * @param clientConfig Kafka client settings (bootstrap servers and security)
   * @param patience how long to wait for the broker
   */
  static ExtractorCheckpoints load(Map<String, Object> clientConfig, Duration patience) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "signalyard-fleet-checkpoints");
    ExtractorCheckpoints checkpoints = new ExtractorCheckpoints();
    String topic = TopicCatalog.FLEET_EXTRACTOR_CHECKPOINTS.name();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, patience).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, patience);
      long deadline = System.nanoTime() + patience.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p, patience) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Could not read " + topic + " to its end within " + patience);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() == null) {
            checkpoints.fetchedUntil.remove(record.key());
          } else {
            ExtractorCheckpoint checkpoint = SERDE.decode(record.value());
            checkpoints.fetchedUntil.put(
                key(checkpoint.getExtractor(), checkpoint.getVehicleId()),
                checkpoint.getFetchedUntil());
          }
        }
      }
    }
    return checkpoints;
  }

  /** Until when {@code vehicleId}'s trips were fetched by {@code extractor}, or null. */
  Instant fetchedUntil(String extractor, long vehicleId) {
    return fetchedUntil.get(key(extractor, vehicleId));
  }

  /** Records a checkpoint that Kafka acknowledged. */
  void advance(String extractor, long vehicleId, Instant until) {
    fetchedUntil.put(key(extractor, vehicleId), until);
  }

  static byte[] encode(ExtractorCheckpoint checkpoint) {
    return SERDE.encode(checkpoint);
  }
}
