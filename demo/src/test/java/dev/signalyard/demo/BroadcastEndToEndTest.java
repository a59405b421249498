package dev.signalyard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import dev.signalyard.ingest.IngestApplication;
import dev.signalyard.ingest.broadcasts.proto.BroadcastMessage;
import dev.signalyard.ingest.broadcasts.proto.BroadcastType;
import dev.signalyard.ingest.broadcasts.proto.Context;
import dev.signalyard.ingest.broadcasts.proto.Emitter;
import dev.signalyard.ingest.broadcasts.proto.IssueChain;
import dev.signalyard.ingest.broadcasts.proto.PlainText;
import dev.signalyard.ingest.broadcasts.proto.SimpleIssue;
import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.streams.StreamsApplication;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Run-control broadcasts end to end over a real broker, each service in its own Spring context as
 * in production: drunc's raw protobuf bytes, produced with no key to {@code
 * control.<session>.process_manager} the way drunc's broadcast sender writes them, are copied by
 * ingest's bridge, deduplicated by streams and pushed by query-api on {@code
 * /api/broadcasts/stream}; an ERS issue chain on {@code erscontrol.<session>.*} takes the same way;
 * a record that is not protobuf lands on {@code dead-letters} with the reason.
 *
 * <p>Each run uses a session of its own and restricts the bridge to that session's topics, since
 * the broker is shared by every test class of the JVM.
 */
class BroadcastEndToEndTest {

  private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(30);
  private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT =
      new ParameterizedTypeReference<>() {};

  private static final String SESSION =
      "e2e-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase();
  private static final String CONTROL_TOPIC = "control." + SESSION + ".process_manager";
  private static final String ERS_TOPIC = "erscontrol." + SESSION + ".dataflow";

  private static final List<ConfigurableApplicationContext> services = new ArrayList<>();
  private static KafkaProducer<byte[], byte[]> upstream;
  private static WebClient queryApi;

  @TempDir static Path stateDir;

  @BeforeAll
  static void startServices() {
    KafkaTestBroker broker = KafkaTestBroker.shared();
    // Created before the bridge subscribes, so its first metadata fetch already matches them.
    broker.createTopic(CONTROL_TOPIC, 1);
    broker.createTopic(ERS_TOPIC, 1);
    String kafka = "--signalyard.kafka.bootstrap-servers=" + broker.bootstrapServers();
    start(
        IngestApplication.application(),
        kafka,
        "--signalyard.ingest.broadcasts.bridge-enabled=true",
        "--signalyard.ingest.broadcasts.group-id=bridge-" + SESSION,
        "--signalyard.ingest.broadcasts.topic-patterns=^control\\."
            + SESSION
            + "\\..+,^erscontrol\\."
            + SESSION
            + "\\..+",
        "--signalyard.ingest.broadcasts.metadata-max-age=1s");
    start(
        StreamsApplication.application(),
        kafka,
        "--signalyard.streams.application-id=broadcasts-" + SESSION,
        "--signalyard.streams.state-dir=" + stateDir);
    // No fleet database: the broadcast endpoints do not use it.
    int queryPort = start(QueryApiApplication.application(), kafka);
    queryApi = WebClient.create("http://127.0.0.1:" + queryPort);
    upstream =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  @AfterAll
  static void stopServices() {
    if (upstream != null) {
      upstream.close();
    }
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).close();
    }
  }

  @Test
  void aDruncBroadcastWithoutKeyIsPushedOnTheSessionStreamWithItsTextAndSeverity()
      throws Exception {
    String text = "Process manager ready, run " + UUID.randomUUID();
    CompletableFuture<Map<String, Object>> arrived = firstBroadcast("", text);

    produce(CONTROL_TOPIC, broadcast("process_manager", BroadcastType.SERVER_READY, text));

    Map<String, Object> broadcast = arrived.get(ARRIVAL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(broadcast)
        .containsEntry("session", SESSION)
        .containsEntry("source", "process_manager")
        .containsEntry("type", "SERVER_READY")
        .containsEntry("severity", "INFO")
        .containsEntry("text", text)
        .containsEntry("upstreamTopic", CONTROL_TOPIC);
    assertThat((String) broadcast.get("id")).startsWith(CONTROL_TOPIC + "-0-");
  }

  @Test
  void theSeverityFilterPassesOnlyTheMatchingBroadcast() throws Exception {
    String run = UUID.randomUUID().toString();
    CompletableFuture<Map<String, Object>> firstError =
        firstBroadcast("&severity=ERROR", "run " + run);

    // Same partition, so the INFO one reaches query-api first and must be filtered out.
    produce(
        CONTROL_TOPIC,
        broadcast("controller", BroadcastType.FSM_STATUS_UPDATE, "conf done, run " + run));
    produce(
        CONTROL_TOPIC,
        broadcast(
            "controller",
            BroadcastType.DRUNC_EXCEPTION_RAISED,
            "start failed on dataflow-0, run " + run));

    Map<String, Object> broadcast = firstError.get(ARRIVAL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(broadcast)
        .containsEntry("type", "DRUNC_EXCEPTION_RAISED")
        .containsEntry("severity", "ERROR")
        .containsEntry("text", "start failed on dataflow-0, run " + run);
  }

  @Test
  void anErsIssueChainIsPushedWithTheFinalIssuesMessageAndSeverity() throws Exception {
    String message = "Cannot write to /data/run" + UUID.randomUUID() + ".hdf5";
    CompletableFuture<Map<String, Object>> arrived = firstBroadcast("", message);

    produce(ERS_TOPIC, issueChain(message));

    Map<String, Object> broadcast = arrived.get(ARRIVAL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(broadcast)
        .containsEntry("session", SESSION)
        .containsEntry("source", "dataflow-0")
        .containsEntry("type", "ERS_ISSUE")
        .containsEntry("severity", "ERROR")
        .containsEntry("upstreamTopic", ERS_TOPIC);
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) broadcast.get("details");
    assertThat(details)
        .containsEntry("name", "dunedaq::dfmodules::DataStoreWriteFailed")
        .containsEntry("cause.0.message", "cannot open file");
  }

  @Test
  void aRecordThatIsNotProtobufEndsOnDeadLettersWithTheReason() throws Exception {
    // Field 1, length-delimited, announcing 127 bytes that never come.
    byte[] corrupt = {0x0A, 0x7F, 0x01, 0x02};
    long offset = produce(CONTROL_TOPIC, corrupt);

    DeadLetter letter = deadLetterOf(CONTROL_TOPIC, offset);

    assertThat(letter.getStage()).isEqualTo("broadcast-bridge");
    assertThat(letter.getReason()).startsWith("Not a protobuf BroadcastMessage");
    assertThat(letter.getSourcePartition()).isZero();
    assertThat(letter.getOriginalKey()).isNull();
    assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(corrupt));
  }

  /** drunc's broadcast: PlainText in an Any, emitter session set, as broadcast_sender packs it. */
  private static byte[] broadcast(String process, BroadcastType type, String text) {
    return BroadcastMessage.newBuilder()
        .setEmitter(Emitter.newBuilder().setProcess(process).setSession(SESSION))
        .setType(type)
        .setData(Any.pack(PlainText.newBuilder().setText(text).build()))
        .build()
        .toByteArray();
  }

  private static byte[] issueChain(String message) {
    return IssueChain.newBuilder()
        .setFinal(
            SimpleIssue.newBuilder()
                .setName("dunedaq::dfmodules::DataStoreWriteFailed")
                .addInheritance("ers::Issue")
                .setMessage(message)
                .setSeverity("error")
                .setTime(System.currentTimeMillis())
                .setContext(
                    Context.newBuilder()
                        .setHostName("np04-srv-001")
                        .setPackageName("dfmodules")
                        .setApplicationName("dataflow-0")))
        .addCauses(
            SimpleIssue.newBuilder()
                .setName("dunedaq::hdf5libs::FileOpenFailed")
                .setMessage("cannot open file")
                .setSeverity("error"))
        .setSession(SESSION)
        .setModule("datawriter")
        .build()
        .toByteArray();
  }

  /** Produces with no key, as drunc does; returns the record's offset. */
  private static long produce(String topic, byte[] value) throws Exception {
    return upstream
        .send(new ProducerRecord<>(topic, null, value))
        .get(10, TimeUnit.SECONDS)
        .offset();
  }

  /**
   * Subscribes to this session's stream (with {@code filter} appended to the query) and completes
   * with the first broadcast whose text contains {@code fragment}. The stream starts with the
   * session's recent broadcasts, so a broadcast that arrives before the subscription is not missed.
   */
  private static CompletableFuture<Map<String, Object>> firstBroadcast(
      String filter, String fragment) {
    return queryApi
        .get()
        .uri("/api/broadcasts/stream?session=" + SESSION + filter)
        .accept(MediaType.TEXT_EVENT_STREAM)
        .retrieve()
        .bodyToFlux(EVENT)
        .filter(event -> "broadcast".equals(event.event()) && event.data() != null)
        .map(ServerSentEvent::data)
        .filter(data -> String.valueOf(data.get("text")).contains(fragment))
        .next()
        .timeout(ARRIVAL_TIMEOUT)
        .toFuture();
  }

  private static DeadLetter deadLetterOf(String topic, long offset) {
    AvroSerde<DeadLetter> serde = AvroSerde.of(DeadLetter.class);
    String deadLetters = TopicCatalog.DEAD_LETTERS.name();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.shared().bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        if (consumer.assignment().isEmpty()) {
          List<TopicPartition> partitions =
              consumer.partitionsFor(deadLetters, Duration.ofSeconds(5)).stream()
                  .map(p -> new TopicPartition(deadLetters, p.partition()))
                  .toList();
          consumer.assign(partitions);
          consumer.seekToBeginning(partitions);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          DeadLetter letter = serde.decode(record.value());
          if (letter.getSourceTopic().equals(topic) && letter.getSourceOffset() == offset) {
            return letter;
          }
        }
      }
    }
    throw new AssertionError("No dead letter for " + topic + " offset " + offset);
  }

  private static int start(SpringApplication application, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--server.port=0";
    all[args.length + 1] = "--spring.main.banner-mode=off";
    ConfigurableApplicationContext context = application.run(all);
    services.add(context);
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }
}
