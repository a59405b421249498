package dev.signalyard.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic as a Kafka Streams topology's consumer does: committed data only
 * (read_committed) and Kafka Streams' poll size, without a group. The topology benchmarks' bare
 * consumers and their output checks read through it.
 */
final class ReadCommittedTopic {

  private static final Duration POLL = Duration.ofMillis(ConsumerGroupProgress.POLL_MILLIS);

  private ReadCommittedTopic() {}

  /**
   * A consumer assigned every partition of {@code topic}, at their beginning; the caller closes it.
   */
  static KafkaConsumer<String, byte[]> fromStart(String bootstrap, String topic) {
    KafkaConsumer<String, byte[]> consumer = consumer(bootstrap);
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  /** Records a read_committed consumer sees on {@code topic}, reading it to its end. */
  static long count(String bootstrap, String topic) {
    try (KafkaConsumer<String, byte[]> consumer = fromStart(bootstrap, topic)) {
      Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
      long count = 0;
      while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        count += consumer.poll(POLL).count();
      }
      return count;
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
