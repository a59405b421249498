package dev.signalyard.queryapi.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a reference topic from its start until a decoded record matches. */
final class ReferenceTopic {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private ReferenceTopic() {}

  /** The first record on {@code topic} under {@code key} whose decoded value matches. */
  static <T> T await(
      String bootstrapServers,
      String topic,
      String key,
      Function<byte[], T> decode,
      Predicate<T> matches) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      List<TopicPartition> partitions = new ArrayList<>();
      while (partitions.isEmpty() && System.nanoTime() < deadline) {
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (key.equals(record.key())) {
            T value = decode.apply(record.value());
            if (matches.test(value)) {
              return value;
            }
          }
        }
      }
      throw new AssertionError("No matching record under key " + key + " on " + topic);
    }
  }
}
