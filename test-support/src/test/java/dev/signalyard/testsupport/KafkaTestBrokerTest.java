package dev.signalyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaTestBrokerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void sharedReturnsTheSameBrokerEveryTime() {
    assertThat(KafkaTestBroker.shared()).isSameAs(KafkaTestBroker.shared());
  }

  @Test
  void consumesTheRecordThatWasProduced() throws Exception {
    KafkaTestBroker broker = KafkaTestBroker.shared();
    String topic = "test-support-roundtrip";
    broker.createTopic(topic, 1);
    // Creating an existing topic again is allowed, so test classes need not coordinate.
    broker.createTopic(topic, 1);

    try (KafkaProducer<String, String> producer = producer(broker)) {
      producer.send(new ProducerRecord<>(topic, "key", "value")).get(30, TimeUnit.SECONDS);
    }
    try (KafkaConsumer<String, String> consumer = consumer(broker, "read_uncommitted")) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      List<ConsumerRecord<String, String>> records = Records.poll(consumer, 1, TIMEOUT);
      assertThat(records).extracting(ConsumerRecord::key).containsExactly("key");
      assertThat(records).extracting(ConsumerRecord::value).containsExactly("value");
    }
  }

  @Test
  void runsKafkaStreamsWithExactlyOnceV2(@TempDir Path stateDir) {
    KafkaTestBroker broker = KafkaTestBroker.shared();
    String input = "test-support-eos-in";
    String output = "test-support-eos-out";
    broker.createTopic(input, 1);
    broker.createTopic(output, 1);

    StreamsBuilder builder = new StreamsBuilder();
    builder.<String, String>stream(input).mapValues(value -> value.toUpperCase()).to(output);
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "test-support-eos");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

    try (KafkaStreams streams = new KafkaStreams(builder.build(), config);
        KafkaProducer<String, String> producer = producer(broker);
        KafkaConsumer<String, String> consumer = consumer(broker, "read_committed")) {
      streams.start();
      producer.send(new ProducerRecord<>(input, "k", "exactly once"));
      producer.flush();
      consumer.assign(List.of(new TopicPartition(output, 0)));
      consumer.seekToBeginning(consumer.assignment());

      // read_committed: the record only shows up once the Streams transaction committed.
      List<ConsumerRecord<String, String>> records = Records.poll(consumer, 1, TIMEOUT);
      assertThat(records).extracting(ConsumerRecord::value).containsExactly("EXACTLY ONCE");
      streams.close(Duration.ofSeconds(10));
    }
  }

  private static KafkaProducer<String, String> producer(KafkaTestBroker broker) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringSerializer(),
        new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(
      KafkaTestBroker broker, String isolationLevel) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            isolationLevel),
        new StringDeserializer(),
        new StringDeserializer());
  }
}
