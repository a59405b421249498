package dev.signalyard.ingest.broadcasts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.ingest.IngestProperties;
import dev.signalyard.ingest.RawTopics;
import dev.signalyard.ingest.broadcasts.proto.BroadcastType;
import dev.signalyard.platform.kafka.SignalyardKafkaProperties;
import dev.signalyard.schemas.broadcasts.Broadcast;
import dev.signalyard.schemas.broadcasts.BroadcastSeverity;
import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The bridge over the real test broker: drunc's bytes, with no key, on a topic matched by pattern,
 * come out on broadcasts keyed by session; a corrupt record goes to dead-letters; the upstream
 * offsets are committed once the copies are acknowledged.
 */
class BroadcastBridgeTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final String session = "bridge-" + UUID.randomUUID().toString().substring(0, 8);
  private final String topic = "control." + session + ".process_manager";
  private final String group = "bridge-test-" + session;
  private final String bootstrap = KafkaTestBroker.shared().bootstrapServers();
  private Producer<String, byte[]> ourProducer;
  private BroadcastBridge bridge;

  private SignalyardKafkaProperties kafka;
  private IngestProperties.Broadcasts settings;

  @BeforeEach
  void start() {
    KafkaTestBroker.shared().createTopic(TopicCatalog.BROADCASTS.name(), 3);
    KafkaTestBroker.shared().createTopic(TopicCatalog.DEAD_LETTERS.name(), 1);
    KafkaTestBroker.shared().createTopic(topic, 1);
    kafka = new SignalyardKafkaProperties(bootstrap, Map.of(), false, (short) 1, 0, 0);
    settings =
        new IngestProperties.Broadcasts(
            true,
            bootstrap,
            Map.of(),
            // Only this test's topic, so parallel or earlier tests' topics are not copied here.
            List.of("^control\\." + session + "\\..+"),
            group,
            Duration.ofMillis(200),
            Duration.ofMillis(500),
            Map.of(),
            Map.of(),
            DataSize.ofMegabytes(1));
  }

  private void startBridge(Producer<String, byte[]> producer) {
    Map<String, Object> consumerConfig = BroadcastConfiguration.consumerConfig(kafka, settings);
    ourProducer = producer;
    bridge =
        new BroadcastBridge(
            () ->
                new KafkaConsumer<>(
                    consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
            ourProducer,
            settings.topicPatterns(),
            new UpstreamBroadcastDecoder(new BroadcastSeverities(Map.of())),
            settings.pollTimeout(),
            Clock.systemUTC());
    bridge.start();
  }

  @AfterEach
  void stop() {
    bridge.stop();
    ourProducer.close();
  }

  @Test
  void copiesDruncBytesToBroadcastsAndCommitsOnlyAfterTheAck() throws Exception {
    startBridge(
        new KafkaProducer<>(
            BroadcastConfiguration.producerConfig(kafka),
            new StringSerializer(),
            new ByteArraySerializer()));
    try (KafkaProducer<byte[], byte[]> drunc =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG,
                "run_control"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      drunc
          .send(
              new ProducerRecord<>(
                  topic,
                  DruncMessages.broadcast(
                      session, "process_manager", BroadcastType.SERVER_READY, "ready")))
          .get();
      drunc
          .send(
              new ProducerRecord<>(
                  topic,
                  DruncMessages.broadcast(
                      "",
                      "process_manager",
                      BroadcastType.UNHANDLED_EXCEPTION_RAISED,
                      "'KeyError' exception thrown: boom")))
          .get();
      drunc.send(new ProducerRecord<>(topic, new byte[] {0x0a, 0x7f, 0x01})).get();
    }

    List<RawTopics.Keyed<Broadcast>> copies =
        RawTopics.await(
            TopicCatalog.BROADCASTS.name(),
            AvroSerde.of(Broadcast.class),
            List.<Predicate<RawTopics.Keyed<Broadcast>>>of(
                r -> r.value().getId().equals(topic + "-0-0"),
                r -> r.value().getId().equals(topic + "-0-1")));
    assertThat(copies.get(0).key()).isEqualTo(session);
    assertThat(copies.get(0).value().getText()).isEqualTo("ready");
    assertThat(copies.get(0).value().getType()).isEqualTo("SERVER_READY");
    assertThat(copies.get(1).key()).isEqualTo(session);
    assertThat(copies.get(1).value().getSeverity()).isEqualTo(BroadcastSeverity.FATAL);
    assertThat(copies.get(1).value().getText()).isEqualTo("'KeyError' exception thrown: boom");

    DeadLetter letter =
        RawTopics.await(
                TopicCatalog.DEAD_LETTERS.name(),
                AvroSerde.of(DeadLetter.class),
                r -> r.value().getSourceTopic().equals(topic))
            .value();
    assertThat(letter.getSourceOffset()).isEqualTo(2);
    assertThat(letter.getStage()).isEqualTo(BroadcastBridge.STAGE);

    assertThat(awaitCommitted(3)).isEqualTo(3);
  }

  @Test
  void commitsNothingWhenTheProduceFailsAndCopiesThePollAgain() throws Exception {
    MockProducer<String, byte[]> producer =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    startBridge(producer);
    try (KafkaProducer<byte[], byte[]> drunc =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      drunc
          .send(
              new ProducerRecord<>(
                  topic,
                  DruncMessages.broadcast(session, "pm", BroadcastType.TEXT_MESSAGE, "hello")))
          .get();
    }

    await(() -> producer.history().size() == 1);
    producer.errorNext(new TimeoutException("no ack"));
    await(() -> producer.history().size() == 2);
    assertThat(committed()).isEqualTo(-1);
    producer.completeNext();

    assertThat(awaitCommitted(1)).isEqualTo(1);
    assertThat(producer.history())
        .extracting(r -> AvroSerde.of(Broadcast.class).decode(r.value()).getId())
        .containsExactly(topic + "-0-0", topic + "-0-0");
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + PATIENCE);
      }
      Thread.sleep(50);
    }
  }

  /** The group's committed offset of the upstream partition, -1 when there is none. */
  private long committed() throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      OffsetAndMetadata offset =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get()
              .get(new TopicPartition(topic, 0));
      return offset == null ? -1 : offset.offset();
    }
  }

  /** The group's committed offset of the upstream partition once it reaches {@code wanted}. */
  private long awaitCommitted(long wanted) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    long committed = committed();
    while (committed < wanted && System.nanoTime() < deadline) {
      Thread.sleep(100);
      committed = committed();
    }
    return committed;
  }
}
