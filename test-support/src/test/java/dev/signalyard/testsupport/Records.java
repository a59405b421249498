package dev.signalyard.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Polling helper shared by the Kafka tests. */
final class Records {

  private Records() {}

  /** Polls until {@code count} records arrived or {@code timeout} passed, and returns them. */
  static <K, V> List<ConsumerRecord<K, V>> poll(
      Consumer<K, V> consumer, int count, Duration timeout) {
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (records.size() < count && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }
    return records;
  }
}
