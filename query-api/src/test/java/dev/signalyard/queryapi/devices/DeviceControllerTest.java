package dev.signalyard.queryapi.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.queryapi.live.StreamPosition;
import dev.signalyard.schemas.commands.DeviceCommandState;
import dev.signalyard.schemas.commands.DeviceCommandStatus;
import dev.signalyard.schemas.devices.DeviceEvent;
import dev.signalyard.schemas.devices.DeviceEventType;
import dev.signalyard.schemas.devices.DeviceState;
import dev.signalyard.schemas.devices.Position;
import dev.signalyard.schemas.devices.PositionSource;
import dev.signalyard.schemas.devices.TrackPoint;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.Await;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
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

/** Reads device-state, device-tracks and device-events from a real broker and serves them. */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "signalyard.query.heartbeat=200ms")
@AutoConfigureWebTestClient(timeout = "30s")
class DeviceControllerTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
    // The test's points are from 2026-11-22; keep them whatever day the test runs.
    registry.add("signalyard.query.track-retention", () -> "36500d");
  }

  @Autowired WebTestClient client;

  private final KafkaProducer<String, byte[]> producer =
      new KafkaProducer<>(
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.shared().bootstrapServers()),
          new StringSerializer(),
          new ByteArraySerializer());
  private final ScheduledExecutorService repeater = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void close() {
    repeater.shutdownNow();
    producer.close();
  }

  @Test
  void servesTheStateOfADevice() {
    String imei = randomImei();
    publish(TopicCatalog.DEVICE_STATE.name(), imei, state(imei, 1, true));
    publish(TopicCatalog.DEVICE_STATE.name(), imei, state(imei, 2, true));

    await(() -> momsn(imei) == 2);
    client
        .get()
        .uri("/api/devices/{imei}", imei)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.imei")
        .isEqualTo(imei)
        .jsonPath("$.online")
        .isEqualTo(true)
        .jsonPath("$.messageCount")
        .isEqualTo(2)
        .jsonPath("$.position.source")
        .isEqualTo("GPS")
        .jsonPath("$.iridiumPosition.accuracyKm")
        .isEqualTo(3.0)
        .jsonPath("$.batteryVolts")
        .isEqualTo(3.7)
        .jsonPath("$.lastSeen")
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
  void filtersByIdAndOnlineStatusAndPages() {
    String prefix = "3009" + (10_000 + ThreadLocalRandom.current().nextInt(89_999));
    for (int i = 0; i < 3; i++) {
      String imei = prefix + "00000" + i;
      publish(TopicCatalog.DEVICE_STATE.name(), imei, state(imei, 1, i != 1));
    }
    await(() -> momsn(prefix + "000002") == 1);

    client
        .get()
        .uri("/api/devices?q={q}&online=true&page=0&size=1", prefix)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.total")
        .isEqualTo(2)
        .jsonPath("$.items.length()")
        .isEqualTo(1)
        .jsonPath("$.items[0].imei")
        .isEqualTo(prefix + "000000");
    client
        .get()
        .uri("/api/devices?q={q}&online=false", prefix)
        .exchange()
        .expectBody()
        .jsonPath("$.items[0].imei")
        .isEqualTo(prefix + "000001")
        .jsonPath("$.size")
        .isEqualTo(50);
  }

  @Test
  void rejectsBadPagingWithAProblemNamingEachField() {
    client
        .get()
        .uri("/api/devices?page=-1&size=100000&online=maybe")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:signalyard:problem:invalid-request")
        .jsonPath("$.errors[*].field")
        .isEqualTo(java.util.List.of("page", "size", "online"));
  }

  @Test
  void servesTheTrackBetweenFromAndToInTimeOrderAsJsonAndGeoJson() {
    String imei = randomImei();
    publish(TopicCatalog.DEVICE_TRACKS.name(), imei, point(imei, 0, 37.0));
    publish(TopicCatalog.DEVICE_TRACKS.name(), imei, point(imei, 20, 37.2));
    publish(TopicCatalog.DEVICE_TRACKS.name(), imei, point(imei, 10, 37.1));
    publish(TopicCatalog.DEVICE_TRACKS.name(), imei, point(imei, 90, 37.9));
    String uri =
        "/api/devices/" + imei + "/track?from=2026-11-22T10:00:00Z&to=2026-11-22T10:30:00Z";
    await(() -> trackSize(uri) == 3);

    client
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.points[*].position.latitude")
        .isEqualTo(java.util.List.of(37.0, 37.1, 37.2))
        .jsonPath("$.points[0].position.fixTime")
        .isEqualTo("2026-11-22T10:00:00Z");
    client
        .get()
        .uri(uri)
        .accept(MediaType.parseMediaType("application/geo+json"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith("application/geo+json")
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("FeatureCollection")
        .jsonPath("$.features[0].geometry.type")
        .isEqualTo("LineString")
        .jsonPath("$.features[0].geometry.coordinates[0]")
        .isEqualTo(java.util.List.of(-122.0, 37.0));
  }

  @Test
  void rejectsATrackRangeThatEndsBeforeItStarts() {
    client
        .get()
        .uri("/api/devices/300234010753370/track?from=2026-11-22T11:00:00Z&to=2026-11-22T10:00:00Z")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("from");
    client
        .get()
        .uri("/api/devices/300234010753370/track?from=yesterday")
        .exchange()
        .expectStatus()
        .isBadRequest();
    client
        .get()
        .uri("/api/devices/{imei}/track", "399999999999998")
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  @Test
  void streamsTheSnapshotThenStateChangesAndDeviceEvents() {
    String imei = randomImei();
    publish(TopicCatalog.DEVICE_STATE.name(), imei, state(imei, 10, true));
    await(() -> momsn(imei) == 10);

    Flux<ServerSentEvent<Map<String, Object>>> events =
        client
            .get()
            .uri("/api/devices/stream?imei={imei}", imei)
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
            .getResponseBody();

    StepVerifier.create(events.filter(e -> e.data() != null).take(3))
        .assertNext(
            snapshot -> {
              assertThat(snapshot.event()).isEqualTo("device");
              // The last (here the only) snapshot event carries the stream's position.
              assertThat(StreamPosition.parse(snapshot.id()))
                  .hasValueSatisfying(
                      p -> assertThat(p.views()).containsOnlyKeys("state", "events", "commands"));
              assertThat(snapshot.data().get("momsn")).isEqualTo(10);
            })
        .then(() -> publish(TopicCatalog.DEVICE_STATE.name(), imei, state(imei, 11, false)))
        .assertNext(live -> assertThat(live.data().get("momsn")).isEqualTo(11))
        // The events view starts at the topic's end when the application starts; repeat until
        // the event is read, so the test does not depend on when that was.
        .then(
            () ->
                repeater.scheduleAtFixedRate(
                    () -> publish(TopicCatalog.DEVICE_EVENTS.name(), imei, offline(imei)),
                    0,
                    500,
                    TimeUnit.MILLISECONDS))
        .assertNext(
            event -> {
              assertThat(event.event()).isEqualTo("deviceOffline");
              assertThat(StreamPosition.parse(event.id())).isPresent();
              assertThat(event.data().get("imei")).isEqualTo(imei);
              assertThat(event.data().get("type")).isEqualTo("DEVICE_OFFLINE");
            })
        .thenCancel()
        .verify(Duration.ofSeconds(30));
  }

  @Test
  void carriesTheStatusOfCommandsToTheStreamedDevicesOnly() {
    String imei = randomImei();
    String otherImei = randomImei();
    Flux<ServerSentEvent<Map<String, Object>>> events =
        client
            .get()
            .uri("/api/devices/stream?imei={imei}", imei)
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
            .getResponseBody();

    StepVerifier.create(events.filter(e -> "commandStatus".equals(e.event())).take(1))
        .then(
            () -> {
              publish(
                  TopicCatalog.DEVICE_COMMAND_STATUS.name(), "c-other", sent(otherImei, "c-other"));
              publish(TopicCatalog.DEVICE_COMMAND_STATUS.name(), "c-mine", sent(imei, "c-mine"));
            })
        .assertNext(
            event -> {
              assertThat(StreamPosition.parse(event.id())).isPresent();
              assertThat(event.data().get("imei")).isEqualTo(imei);
              assertThat(event.data().get("state")).isEqualTo("SENT");
            })
        .thenCancel()
        .verify(Duration.ofSeconds(30));
  }

  private static DeviceCommandStatus sent(String imei, String commandId) {
    return DeviceCommandStatus.newBuilder()
        .setCommandId(commandId)
        .setImei(imei)
        .setState(DeviceCommandState.SENT)
        .setMtId("4114651")
        .setAttempts(1)
        .setRequestedAt(T0)
        .setUpdatedAt(T0.plusSeconds(5))
        .build();
  }

  @Test
  void sendsHeartbeatCommentsOnAnIdleStream() {
    Flux<ServerSentEvent<String>> events =
        client
            .get()
            .uri("/api/devices/stream?imei=399999999999997")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
            .getResponseBody();

    StepVerifier.create(events.filter(e -> "heartbeat".equals(e.comment())).take(2))
        .expectNextCount(2)
        .thenCancel()
        .verify(Duration.ofSeconds(10));
  }

  private int momsn(String imei) {
    Map<String, Object> device =
        client
            .get()
            .uri("/api/devices/{imei}", imei)
            .exchange()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();
    return device != null && device.get("momsn") instanceof Integer m ? m : -1;
  }

  private int trackSize(String uri) {
    Map<String, Object> track =
        client
            .get()
            .uri(uri)
            .exchange()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();
    return track != null && track.get("points") instanceof java.util.List<?> points
        ? points.size()
        : -1;
  }

  private static void await(BooleanSupplier condition) {
    Await.until(Duration.ofSeconds(30), condition);
  }

  @SuppressWarnings("unchecked")
  private <T extends SpecificRecord> void publish(String topic, String key, T value) {
    AvroSerde<T> serde = AvroSerde.of((Class<T>) value.getClass());
    try {
      producer.send(new ProducerRecord<>(topic, key, serde.encode(value))).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String randomImei() {
    return "3002340" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
  }

  private static Position position(double lat, PositionSource source, Instant fixTime) {
    return Position.newBuilder()
        .setLatitude(lat)
        .setLongitude(-122.0)
        .setSource(source)
        .setAccuracyKm(source == PositionSource.IRIDIUM ? 3.0 : null)
        .setFixTime(fixTime)
        .build();
  }

  static DeviceState state(String imei, int momsn, boolean online) {
    Instant transmit = T0.plusSeconds(momsn);
    return DeviceState.newBuilder()
        .setImei(imei)
        .setDeviceType("ROCKBLOCK")
        .setPosition(position(36.8, PositionSource.GPS, transmit.minusSeconds(30)))
        .setIridiumPosition(position(36.9, PositionSource.IRIDIUM, transmit))
        .setBatteryVolts(3.7)
        .setMomsn(momsn)
        .setPayloadType("PK001")
        .setLastSeen(transmit)
        .setLastReceivedAt(transmit.plusSeconds(1))
        .setMessageCount(momsn)
        .setOnline(online)
        .build();
  }

  private static TrackPoint point(String imei, int minutes, double lat) {
    return TrackPoint.newBuilder()
        .setImei(imei)
        .setPosition(position(lat, PositionSource.GPS, T0.plus(Duration.ofMinutes(minutes))))
        .setRawReportId("raw-" + minutes)
        .build();
  }

  private static DeviceEvent offline(String imei) {
    return DeviceEvent.newBuilder()
        .setImei(imei)
        .setType(DeviceEventType.DEVICE_OFFLINE)
        .setTime(T0.plusSeconds(3600))
        .setLastSeen(T0)
        .build();
  }
}
