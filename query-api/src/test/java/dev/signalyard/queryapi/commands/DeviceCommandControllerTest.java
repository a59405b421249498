package dev.signalyard.queryapi.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.schemas.commands.DeviceCommand;
import dev.signalyard.schemas.commands.DeviceCommandState;
import dev.signalyard.schemas.commands.DeviceCommandStatus;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.Await;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Accepts, lists and streams device commands over a real broker. */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class DeviceCommandControllerTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
  }

  @Autowired WebTestClient client;

  private final KafkaProducer<String, byte[]> producer =
      new KafkaProducer<>(
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.shared().bootstrapServers()),
          new StringSerializer(),
          new ByteArraySerializer());

  @AfterEach
  void close() {
    producer.close();
  }

  @Test
  void rejectsAPayloadOverTheMtLimitNamingTheField() {
    rejects(Map.of("text", "a".repeat(271)), List.of("text"));
    rejects(Map.of("hex", "ab".repeat(271)), List.of("hex"));
    rejects(Map.of("text", "é".repeat(136)), List.of("text"));
  }

  @Test
  void rejectsBothOrNeitherOfTextAndHex() {
    rejects(Map.of("text", "hi", "hex", "6869"), List.of("text", "hex"));
    rejects(Map.of(), List.of("text", "hex"));
    rejects(Map.of("flush", true), List.of("text", "hex"));
  }

  @Test
  void rejectsBadHexFlushImeiAndUnknownFields() {
    rejects(Map.of("hex", "abc"), List.of("hex"));
    rejects(Map.of("hex", "zz"), List.of("hex"));
    rejects(Map.of("text", ""), List.of("text"));
    rejects(Map.of("text", "hi", "flush", "yes"), List.of("flush"));
    rejects(Map.of("text", "hi", "flsuh", true), List.of("flsuh"));
    client
        .post()
        .uri("/api/devices/{imei}/commands", "12345")
        .bodyValue(Map.of("text", "hi"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[*].field")
        .isEqualTo(List.of("imei"));
  }

  @Test
  void acceptsACommandOnceKafkaAckedItAndShowsItQueued() {
    String imei = randomImei();

    Map<String, Object> accepted =
        client
            .post()
            .uri("/api/devices/{imei}/commands", imei)
            .bodyValue(Map.of("hex", "ab".repeat(270), "flush", true))
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectHeader()
            .valueMatches("Location", "/api/devices/" + imei + "/commands/[0-9a-f-]{36}")
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();
    String id = (String) accepted.get("id");
    assertThat(accepted).containsEntry("state", "QUEUED").containsEntry("attempts", 0);

    await(
        () ->
            client
                    .get()
                    .uri("/api/devices/{imei}/commands/{id}", imei, id)
                    .exchange()
                    .returnResult(Void.class)
                    .getStatus()
                    .value()
                == 200);
    client
        .get()
        .uri("/api/devices/{imei}/commands/{id}", imei, id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.state")
        .isEqualTo("QUEUED")
        .jsonPath("$.imei")
        .isEqualTo(imei)
        .jsonPath("$.mtId")
        .isEmpty();
    DeviceCommand command = awaitCommand(id);
    assertThat(command.getImei()).isEqualTo(imei);
    assertThat(command.getFlush()).isTrue();
    assertThat(command.getRequestedBy()).isEqualTo("anonymous");
    assertThat(command.getPayload().remaining()).isEqualTo(270);
  }

  @Test
  void listsADevicesCommandsNewestFirst() {
    String imei = randomImei();
    String first = post(imei, "first");
    String second = post(imei, "second");

    await(() -> listedIds(imei).size() == 2);
    assertThat(listedIds(imei)).containsExactly(second, first);
    client
        .get()
        .uri("/api/devices/{imei}/commands/{id}", randomImei(), first)
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:not-found");
  }

  @Test
  void streamsQueuedThenTheSendersStatus() {
    String imei = randomImei();
    String id = post(imei, "stream me");
    await(() -> listedIds(imei).contains(id));

    Flux<ServerSentEvent<Map<String, Object>>> events =
        client
            .get()
            .uri("/api/devices/{imei}/commands/stream", imei)
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
            .getResponseBody();

    StepVerifier.create(events.filter(e -> e.data() != null).take(2))
        .assertNext(
            queued -> {
              assertThat(queued.event()).isEqualTo("commandStatus");
              assertThat(queued.id()).matches("commands:\\d+-\\d+(\\.\\d+-\\d+)*");
              assertThat(queued.data()).containsEntry("id", id).containsEntry("state", "QUEUED");
            })
        .then(() -> publishSent(imei, id))
        .assertNext(
            sent ->
                assertThat(sent.data())
                    .containsEntry("id", id)
                    .containsEntry("state", "SENT")
                    .containsEntry("mtId", "4114651")
                    .containsEntry("attempts", 1))
        .thenCancel()
        .verify(PATIENCE);
  }

  private void rejects(Map<String, Object> body, List<String> fields) {
    client
        .post()
        .uri("/api/devices/{imei}/commands", "300234010753370")
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:invalid-request")
        .jsonPath("$.errors[*].field")
        .isEqualTo(fields);
  }

  private String post(String imei, String text) {
    Map<String, Object> accepted =
        client
            .post()
            .uri("/api/devices/{imei}/commands", imei)
            .bodyValue(Map.of("text", text))
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();
    return (String) accepted.get("id");
  }

  @SuppressWarnings("unchecked")
  private List<String> listedIds(String imei) {
    Map<String, Object> list =
        client
            .get()
            .uri("/api/devices/{imei}/commands", imei)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();
    return ((List<Map<String, Object>>) list.get("items"))
        .stream().map(item -> (String) item.get("id")).toList();
  }

  private void publishSent(String imei, String id) {
    DeviceCommandStatus sent =
        DeviceCommandStatus.newBuilder()
            .setCommandId(id)
            .setImei(imei)
            .setState(DeviceCommandState.SENT)
            .setMtId("4114651")
            .setAttempts(1)
            .setRequestedAt(Instant.now())
            .setUpdatedAt(Instant.now())
            .build();
    try {
      producer
          .send(
              new ProducerRecord<>(
                  TopicCatalog.DEVICE_COMMAND_STATUS.name(),
                  id,
                  AvroSerde.of(DeviceCommandStatus.class).encode(sent)))
          .get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Reads device-commands from its start until the command {@code id} turns up. */
  private static DeviceCommand awaitCommand(String id) {
    AvroSerde<DeviceCommand> serde = AvroSerde.of(DeviceCommand.class);
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaTestBroker.shared().bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TopicCatalog.DEVICE_COMMANDS.name(), PATIENCE).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          DeviceCommand command = serde.decode(record.value());
          if (command.getId().equals(id)) {
            assertThat(record.key()).isEqualTo(command.getImei());
            return command;
          }
        }
      }
    }
    throw new AssertionError("command " + id + " not in " + TopicCatalog.DEVICE_COMMANDS.name());
  }

  private static void await(BooleanSupplier condition) {
    Await.until(PATIENCE, condition);
  }

  private static String randomImei() {
    return "3005340" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
  }
}
