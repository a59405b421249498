package dev.signalyard.queryapi.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.schemas.devices.DeviceReport;
import dev.signalyard.schemas.devices.Position;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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

/** Reads device-latest from a real broker and serves it over REST and SSE. */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "signalyard.query.heartbeat=200ms")
@AutoConfigureWebTestClient(timeout = "30s")
class DeviceControllerTest {

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
  private final AvroSerde<DeviceReport> serde = AvroSerde.of(DeviceReport.class);

  @AfterEach
  void closeProducer() {
    producer.close();
  }

  @Test
  void servesTheNewestReportOfADevice() throws Exception {
    String imei = randomImei();
    publish(report(imei, 1));
    publish(report(imei, 2));

    awaitMomsn(imei, 2);
    client
        .get()
        .uri("/api/devices/{imei}", imei)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.imei")
        .isEqualTo(imei)
        .jsonPath("$.position.source")
        .isEqualTo("IRIDIUM")
        .jsonPath("$.position.accuracyKm")
        .isEqualTo(3.0)
        .jsonPath("$.transmitTime")
        .isEqualTo("2026-11-22T10:00:02Z");
  }

  @Test
  void answersAnUnknownDeviceWithAProblem() {
    client
        .get()
        .uri("/api/devices/{imei}", "399999999999999")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:not-found");
  }

  @Test
  void streamsTheSnapshotThenLiveChangesWithOffsetIds() throws Exception {
    String imei = randomImei();
    publish(report(imei, 10));
    awaitMomsn(imei, 10);

    Flux<ServerSentEvent<Map<String, Object>>> events =
        client
            .get()
            .uri("/api/devices/stream")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
            .getResponseBody();

    StepVerifier.create(
            events.filter(e -> e.data() != null && imei.equals(e.data().get("imei"))).take(2))
        .assertNext(
            snapshot -> {
              assertThat(snapshot.event()).isEqualTo("device");
              assertThat(snapshot.id()).matches("\\d+-\\d+");
              assertThat(snapshot.data().get("momsn")).isEqualTo(10);
            })
        .then(() -> publish(report(imei, 11)))
        .assertNext(live -> assertThat(live.data().get("momsn")).isEqualTo(11))
        .thenCancel()
        .verify(Duration.ofSeconds(20));
  }

  @Test
  void sendsHeartbeatCommentsOnAnIdleStream() {
    Flux<ServerSentEvent<String>> events =
        client
            .get()
            .uri("/api/devices/stream")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
            .getResponseBody();

    StepVerifier.create(events.filter(e -> "heartbeat".equals(e.comment())).take(2))
        .expectNextCount(2)
        .thenCancel()
        .verify(Duration.ofSeconds(10));
  }

  private void awaitMomsn(String imei, int momsn) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      List<DeviceView> devices =
          client
              .get()
              .uri("/api/devices")
              .exchange()
              .expectBodyList(DeviceView.class)
              .returnResult()
              .getResponseBody();
      if (devices.stream().anyMatch(d -> d.imei().equals(imei) && d.momsn() == momsn)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("device " + imei + " never reached momsn " + momsn);
  }

  private void publish(DeviceReport report) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  TopicCatalog.DEVICE_LATEST.name(), report.getImei(), serde.encode(report)))
          .get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String randomImei() {
    return "3002340" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
  }

  static DeviceReport report(String imei, int momsn) {
    Instant transmit = Instant.parse("2026-11-22T10:00:00Z").plusSeconds(momsn);
    return DeviceReport.newBuilder()
        .setImei(imei)
        .setMomsn(momsn)
        .setTransmitTime(transmit)
        .setReceivedAt(transmit.plusSeconds(1))
        .setPosition(
            Position.newBuilder()
                .setLatitude(36.8)
                .setLongitude(-122.0)
                .setSource(PositionSource.IRIDIUM)
                .setAccuracyKm(3.0)
                .setFixTime(transmit)
                .build())
        .setPayloadType("TEXT")
        .setPayloadHex("6869")
        .setPayloadText("hi")
        .setRawReportId("raw-" + momsn)
        .build();
  }
}
