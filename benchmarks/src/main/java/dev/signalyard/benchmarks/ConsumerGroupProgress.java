package dev.signalyard.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group, here a Kafka Streams application, has read a topic, from the offsets it
 * committed: the way the topology benchmarks time an application without reaching into it.
 *
 * <p>Committed offsets are polled every {@value #POLL_MILLIS} ms. Not thread-safe: one benchmark
 * thread polls one group.
 */
final class ConsumerGroupProgress {

  static final long POLL_MILLIS = 100;

  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;
  private final String group;

  ConsumerGroupProgress(Admin admin, String group) {
    this.admin = admin;
    this.group = group;
  }

  /**
   * The stretch in which the group committed its way through a topic: from the first poll that saw
   * committed offsets above zero ({@code firstAt}, {@code firstCount} records, CPU sample {@code
   * before}) to the one that saw them reach the expected count ({@code lastAt}, {@code after}).
   * {@code firstAt} is -1 when the first poll already saw every record committed: then there is no
   * rate to measure.
   */
  record Window(
      long firstAt, long firstCount, long lastAt, CpuUsage.Sample before, CpuUsage.Sample after) {

    boolean measurable() {
      return firstAt >= 0;
    }
  }

  /**
   * Polls until the group's committed offsets on {@code topic} add up to {@code expected}. Each
   * poll short of it hands the committed count to {@code giveUp}, which throws to stop waiting (a
   * deadline passed, the application failed).
   */
  Window awaitCommitted(String topic, long expected, LongConsumer giveUp)
      throws InterruptedException, ExecutionException, TimeoutException {
    long firstAt = -1;
    long firstCount = 0;
    CpuUsage.Sample before = null;
    long committed;
    while ((committed = committed(topic)) < expected) {
      if (firstAt < 0 && committed > 0) {
        firstAt = System.nanoTime();
        firstCount = committed;
        before = CpuUsage.sample();
      }
      giveUp.accept(committed);
      Thread.sleep(POLL_MILLIS);
    }
    long lastAt = System.nanoTime();
    return new Window(firstAt, firstCount, lastAt, before, CpuUsage.sample());
  }

  /**
   * Polls until the group has consumed {@code topic} to its end (input lag 0), or throws once
   * {@code deadline} (a {@link System#nanoTime()} value) has passed.
   */
  void awaitCaughtUp(String topic, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    while (!caughtUp(topic)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The topology did not consume " + topic + " in time");
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** Sum of the group's committed offsets on {@code topic}'s partitions. */
  private long committed(String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    return committedOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Whether the group's committed offsets on every partition of {@code topic} are at most one below
   * the end offset: a transactional producer's last commit marker takes an offset that no consumer
   * returns, so an exactly-once application that read everything stays one short.
   */
  private boolean caughtUp(String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, Long> committed = committedOffsets(topic);
    Map<TopicPartition, OffsetSpec> latest =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
            .get(topic)
            .partitions()
            .stream()
            .collect(
                Collectors.toMap(
                    p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    var ends = admin.listOffsets(latest).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    for (var end : ends.entrySet()) {
      long position = committed.getOrDefault(end.getKey(), 0L);
      if (end.getValue().offset() - position > 1) {
        return false;
      }
    }
    return true;
  }

  private Map<TopicPartition, Long> committedOffsets(String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    Map<TopicPartition, Long> committed = new HashMap<>();
    offsets.forEach(
        (partition, offset) -> {
          if (partition.topic().equals(topic) && offset != null) {
            committed.put(partition, offset.offset());
          }
        });
    return committed;
  }
}
