package dev.signalyard.ingest;

import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what the webhooks produced from the shared test broker. Assigns every partition instead of
 * joining a consumer group, so no group rebalance slows the tests down. Stateless, thread-safe.
 */
public final class RawTopics {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private RawTopics() {}

  /** A record the webhooks produced to {@code topic}. */
  public record Keyed<T>(String key, T value) {}

  /**
   * Waits until {@code topic} holds a record for each of {@code wanted} and returns the first match
   * of each, in order; fails listing what it saw after 30 s.
   */
  public static <T extends SpecificRecord> List<Keyed<T>> await(
      String topic, AvroSerde<T> serde, List<Predicate<Keyed<T>>> wanted) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaTestBroker.shared().bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, PATIENCE).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<Keyed<T>> found = new ArrayList<>();
      wanted.forEach(w -> found.add(null));
      List<Keyed<T>> seen = new ArrayList<>();
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (found.contains(null) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          Keyed<T> keyed = new Keyed<>(record.key(), serde.decode(record.value()));
          seen.add(keyed);
          for (int i = 0; i < wanted.size(); i++) {
            if (found.get(i) == null && wanted.get(i).test(keyed)) {
              found.set(i, keyed);
            }
          }
        }
      }
      if (found.contains(null)) {
        throw new AssertionError(
            "expected records missing from " + topic + " (found " + found + "); saw " + seen);
      }
      return found;
    }
  }

  /** Like {@link #await(String, AvroSerde, List)} for one record. */
  public static <T extends SpecificRecord> Keyed<T> await(
      String topic, AvroSerde<T> serde, Predicate<Keyed<T>> wanted) {
    return await(topic, serde, List.of(wanted)).get(0);
  }
}
