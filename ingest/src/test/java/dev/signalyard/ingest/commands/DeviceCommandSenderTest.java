package dev.signalyard.ingest.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.ingest.IngestApplication;
import dev.signalyard.ingest.RawTopics;
import dev.signalyard.ingest.RawTopics.Keyed;
import dev.signalyard.ingest.commands.FakeRockBlockMt.Answer;
import dev.signalyard.schemas.commands.DeviceCommand;
import dev.signalyard.schemas.commands.DeviceCommandState;
import dev.signalyard.schemas.commands.DeviceCommandStatus;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sender over the real broker against a local fake of RockBLOCK's MT endpoint. Credentials come
 * from ROCKBLOCK_USER/ROCKBLOCK_PASS; retries wait 50 ms and 100 ms so the test does not, while
 * nothing depends on how fast anything happens.
 */
@SpringBootTest(
    classes = IngestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "signalyard.ingest.commands.retry-base=50ms",
      "signalyard.ingest.commands.retry-cap=100ms",
      "signalyard.ingest.commands.max-attempts=4",
      "signalyard.ingest.commands.request-timeout=1s",
      "logging.level.dev.signalyard=DEBUG"
    })
@ExtendWith(OutputCaptureExtension.class)
class DeviceCommandSenderTest {

  static final String USER = "rb-user-7f3a91";
  static final String PASSWORD = "rb-pass-c0ffee-42";

  static final FakeRockBlockMt MT = start();

  private static final AvroSerde<DeviceCommand> COMMANDS = AvroSerde.of(DeviceCommand.class);
  private static final AvroSerde<DeviceCommandStatus> STATUSES =
      AvroSerde.of(DeviceCommandStatus.class);

  private final KafkaProducer<String, byte[]> producer =
      new KafkaProducer<>(
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.shared().bootstrapServers()),
          new StringSerializer(),
          new ByteArraySerializer());

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
    registry.add("signalyard.ingest.commands.mt-url", () -> MT.url().toString());
    registry.add("ROCKBLOCK_USER", () -> USER);
    registry.add("ROCKBLOCK_PASS", () -> PASSWORD);
  }

  private static FakeRockBlockMt start() {
    try {
      return new FakeRockBlockMt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  void closeProducer() {
    producer.close();
  }

  @AfterAll
  static void stopServer() {
    MT.close();
  }

  @Test
  void sendsTheCommandAsAFormAndRecordsSentWithTheMtId() {
    String imei = randomImei();
    MT.script(imei, Answer.ok("4114651"));
    DeviceCommand command = command(imei, "Hi!", true);

    send(command);

    DeviceCommandStatus status = awaitStatus(command, DeviceCommandState.SENT);
    assertThat(status.getMtId()).isEqualTo("4114651");
    assertThat(status.getAttempts()).isEqualTo(1);
    assertThat(status.getErrorCode()).isNull();
    assertThat(status.getImei()).isEqualTo(imei);
    assertThat(status.getRequestedAt()).isEqualTo(command.getRequestedAt());
    FakeRockBlockMt.Request request = MT.requestsFor(imei).get(0);
    assertThat(request.form())
        .containsExactly(
            Map.entry("imei", imei),
            Map.entry("username", USER),
            Map.entry("password", PASSWORD),
            Map.entry("data", "486921"),
            Map.entry("flush", "yes"));
    assertThat(request.accept()).isEqualTo("text/plain");
    assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
  }

  @Test
  void leavesOutFlushUnlessAsked() {
    String imei = randomImei();
    DeviceCommand command = command(imei, "x", false);

    send(command);

    awaitStatus(command, DeviceCommandState.SENT);
    assertThat(MT.requestsFor(imei).get(0).form()).doesNotContainKey("flush");
  }

  @Test
  void marksAPermanentRefusalFailedWithoutRetrying(CapturedOutput output) {
    String imei = randomImei();
    MT.script(imei, Answer.failed(10, "Invalid login credentials"));
    DeviceCommand command = command(imei, "x", false);

    send(command);

    DeviceCommandStatus status = awaitStatus(command, DeviceCommandState.FAILED);
    assertThat(status.getAttempts()).isEqualTo(1);
    assertThat(status.getErrorCode()).isEqualTo("10");
    assertThat(status.getErrorText()).isEqualTo("Invalid login credentials");
    assertThat(MT.requestsFor(imei)).hasSize(1);
    assertThat(output.getAll())
        .contains(command.getId())
        .contains("Invalid login credentials")
        .doesNotContain(USER)
        .doesNotContain(PASSWORD);
  }

  @Test
  void retriesASystemErrorUntilRockBlockAccepts(CapturedOutput output) {
    String imei = randomImei();
    MT.script(
        imei,
        Answer.failed(99, "System Error"),
        Answer.failed(99, "System Error"),
        Answer.ok("5000001"));
    DeviceCommand command = command(imei, "retry me", false);

    send(command);

    List<Keyed<DeviceCommandStatus>> statuses =
        RawTopics.await(
            TopicCatalog.DEVICE_COMMAND_STATUS.name(),
            STATUSES,
            List.of(
                is(command, DeviceCommandState.QUEUED, 1),
                is(command, DeviceCommandState.QUEUED, 2),
                is(command, DeviceCommandState.SENT, 3)));
    assertThat(statuses.get(0).value().getErrorCode()).isEqualTo("99");
    assertThat(statuses.get(2).value().getMtId()).isEqualTo("5000001");
    assertThat(MT.requestsFor(imei)).hasSize(3);
    assertThat(output.getAll()).doesNotContain(USER).doesNotContain(PASSWORD);
  }

  @Test
  void retriesHttpServerErrorsTimeoutsAndNetworkErrors() {
    String imei = randomImei();
    MT.script(
        imei,
        Answer.http(500, "Internal Server Error"),
        new Answer(200, "OK,1", Duration.ofSeconds(3)),
        Answer.drop(),
        Answer.ok("5000002"));
    DeviceCommand command = command(imei, "x", false);

    send(command);

    List<Keyed<DeviceCommandStatus>> statuses =
        RawTopics.await(
            TopicCatalog.DEVICE_COMMAND_STATUS.name(),
            STATUSES,
            List.of(
                is(command, DeviceCommandState.QUEUED, 1),
                is(command, DeviceCommandState.QUEUED, 2),
                is(command, DeviceCommandState.QUEUED, 3),
                is(command, DeviceCommandState.SENT, 4)));
    assertThat(statuses.get(0).value().getErrorCode()).isEqualTo("HTTP_500");
    assertThat(statuses.get(1).value().getErrorCode()).isEqualTo("TIMEOUT");
    assertThat(statuses.get(2).value().getErrorCode()).isEqualTo("NETWORK");
    assertThat(statuses.get(3).value().getMtId()).isEqualTo("5000002");
  }

  @Test
  void givesUpAfterTheLastAttempt() {
    String imei = randomImei();
    Answer error = Answer.http(502, "Bad Gateway");
    MT.script(imei, error, error, error, error, Answer.ok("never"));
    DeviceCommand command = command(imei, "x", false);

    send(command);

    DeviceCommandStatus status = awaitStatus(command, DeviceCommandState.FAILED);
    assertThat(status.getAttempts()).isEqualTo(4);
    assertThat(status.getErrorCode()).isEqualTo("HTTP_502");
    assertThat(MT.requestsFor(imei)).hasSize(4);
  }

  private static Predicate<Keyed<DeviceCommandStatus>> is(
      DeviceCommand command, DeviceCommandState state, int attempts) {
    return k ->
        k.key().equals(command.getId())
            && k.value().getState() == state
            && k.value().getAttempts() == attempts;
  }

  private static DeviceCommandStatus awaitStatus(DeviceCommand command, DeviceCommandState state) {
    return RawTopics.await(
            TopicCatalog.DEVICE_COMMAND_STATUS.name(),
            STATUSES,
            k -> k.key().equals(command.getId()) && k.value().getState() == state)
        .value();
  }

  private void send(DeviceCommand command) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  TopicCatalog.DEVICE_COMMANDS.name(), command.getImei(), COMMANDS.encode(command)))
          .get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static DeviceCommand command(String imei, String text, boolean flush) {
    return DeviceCommand.newBuilder()
        .setId(UUID.randomUUID().toString())
        .setImei(imei)
        .setPayload(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)))
        .setFlush(flush)
        .setRequestedAt(Instant.parse("2026-11-22T10:00:00Z"))
        .setRequestedBy("anonymous")
        .build();
  }

  private static String randomImei() {
    return "3004340" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
  }
}
