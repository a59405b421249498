package dev.signalyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerProcessTest {

  private static final String TOPIC = "test-support-fault";

  @Test
  void keepsAcknowledgedRecordsAcrossAHardKillAndRestart() throws Exception {
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start();
        KafkaProducer<String, String> producer = producer(broker)) {
      assertThat(broker.isAlive()).isTrue();
      for (int i = 0; i < 10; i++) {
        producer
            .send(new ProducerRecord<>(TOPIC, "key-" + i, "value-" + i))
            .get(30, TimeUnit.SECONDS);
      }

      broker.killHard();

      assertThat(broker.isAlive()).isFalse();
      long sendStart = System.nanoTime();
      assertThatThrownBy(
              () ->
                  producer
                      .send(new ProducerRecord<>(TOPIC, "late", "late"))
                      .get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - sendStart))
          .isLessThan(Duration.ofSeconds(10));

      broker.restart();

      assertThat(broker.isAlive()).isTrue();
      try (KafkaConsumer<String, String> consumer = consumer(broker)) {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        List<ConsumerRecord<String, String>> records =
            Records.poll(consumer, 10, Duration.ofSeconds(30));
        assertThat(records)
            .extracting(ConsumerRecord::value)
            .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "value-" + i).toList());
      }
    }
  }

  private static KafkaProducer<String, String> producer(KafkaBrokerProcess broker) {
    // Short timeouts so that a send to the killed broker fails within a few seconds.
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, 0,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000),
        new StringSerializer(),
        new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(KafkaBrokerProcess broker) {
    return new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringDeserializer(),
        new StringDeserializer());
  }
}
