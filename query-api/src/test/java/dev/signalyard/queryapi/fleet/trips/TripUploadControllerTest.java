package dev.signalyard.queryapi.fleet.trips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.schemas.fleet.Trip;
import dev.signalyard.schemas.serde.AvroSerde;
import dev.signalyard.schemas.topics.TopicCatalog;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The trip uploads over the real broker: what a committed upload puts on fleet-trips, read back
 * with read_committed as the streams service reads it, and that a file with a bad row puts nothing
 * there. Trip ids carry a per-run token so that runs never see each other's trips.
 */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "signalyard.query.max-upload-size=64KB")
@AutoConfigureWebTestClient(timeout = "60s")
class TripUploadControllerTest {

  private static final AvroSerde<Trip> TRIPS = AvroSerde.of(Trip.class);
  private static final MediaType CSV = MediaType.parseMediaType("text/csv");

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
  }

  @Autowired WebTestClient client;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void appliesACsvFileInOneTransaction() {
    Map<String, Object> answer = post("/api/fleet/trips", CSV, file("trips.csv"), 200);

    assertThat(answer).containsEntry("trips", 5).containsEntry("vehicles", 2);
    List<Trip> trips = committedTripsWithIdsContaining(run, 5);
    assertThat(trips)
        .extracting(Trip::getVehicleId, Trip::getTripId, Trip::getSource)
        .containsExactlyInAnyOrder(
            tuple(5101L, run + "-KBH-000811", "UPLOAD"),
            tuple(5101L, run + "-KBH-000812", "UPLOAD"),
            tuple(5101L, run + "-KBH-000813", "UPLOAD"),
            tuple(5102L, run + "-KBH-001007", "UPLOAD"),
            tuple(5102L, run + "-KBH-001008", "UPLOAD"));
    Trip withOffset =
        trips.stream().filter(t -> t.getTripId().endsWith("000813")).findFirst().orElseThrow();
    assertThat(withOffset.getStartTime()).isEqualTo(Instant.parse("2024-03-04T11:30:00Z"));
    assertThat(withOffset.getEndTime()).isEqualTo(Instant.parse("2024-03-04T12:02:10Z"));
    assertThat(withOffset.getEndLatitude()).isEqualTo(55.66921);
    assertThat(withOffset.getEndLongitude()).isEqualTo(12.4971);
    assertThat(withOffset.getDistanceKm()).isEqualTo(5.1);
  }

  @Test
  void appliesAJsonFile() {
    Map<String, Object> answer =
        post("/api/fleet/trips", MediaType.APPLICATION_JSON, file("trips.json"), 200);

    assertThat(answer).containsEntry("trips", 3).containsEntry("vehicles", 2);
    assertThat(committedTripsWithIdsContaining(run, 3))
        .extracting(
            Trip::getVehicleId,
            Trip::getTripId,
            Trip::getStartTime,
            Trip::getEndTime,
            Trip::getDistanceKm)
        .containsExactlyInAnyOrder(
            tuple(
                6201L,
                run + "-AAR-4471",
                Instant.parse("2024-10-26T14:20:05Z"),
                Instant.parse("2024-10-26T14:58:40Z"),
                18.7),
            tuple(
                6201L,
                run + "-AAR-4472",
                Instant.parse("2024-10-27T00:40:00Z"),
                Instant.parse("2024-10-27T01:10:00Z"),
                9.35),
            tuple(
                6202L,
                run + "-AAR-5120",
                Instant.parse("2024-10-28T07:05:00Z"),
                Instant.parse("2024-10-28T07:47:12Z"),
                0.0));
  }

  @Test
  void refusesAFileWithBadRowsListingEachAndAppliesNothing() {
    Map<String, Object> problem = post("/api/fleet/trips", CSV, file("trips-bad-rows.csv"), 400);

    assertThat(problem)
        .containsEntry("type", "urn:signalyard:problem:invalid-request")
        .containsEntry("status", 400);
    assertThat(String.valueOf(problem.get("detail"))).contains("Nothing was applied");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
    assertThat(errors)
        .extracting(e -> e.get("row"), e -> e.get("field"))
        .containsExactly(
            tuple(2, "endTime"),
            tuple(3, "vehicleId"),
            tuple(3, "startLatitude"),
            tuple(3, "distanceKm"),
            tuple(4, "tripId"),
            tuple(5, "startTime"),
            tuple(5, "endLongitude"));
    assertThat(errors.get(4).get("message")).asString().contains("in row 1");
    // Rows 1 and 6 are valid, yet not applied: the file is all or nothing.
    assertThat(committedTripsWithIdsContaining(run, 0)).isEmpty();
  }

  @Test
  void refusesAnUnknownColumnAndAnUnknownField() {
    Map<String, Object> csv =
        post(
            "/api/fleet/trips",
            CSV,
            "vehicleId,tripId,startTime,endTime,startLat,startLongitude,endLatitude,endLongitude,distanceKm\n",
            400);
    assertThat(csv.get("errors").toString()).contains("startLatitude").contains("startLat");

    Map<String, Object> json =
        post(
            "/api/fleet/trips",
            MediaType.APPLICATION_JSON,
            "[{\"vehicleId\":1,\"tripId\":\"a\",\"startTime\":\"2024-01-01T00:00:00Z\","
                + "\"endTime\":\"2024-01-01T01:00:00Z\",\"startLatitude\":55,\"startLongitude\":12,"
                + "\"endLatitude\":55,\"endLongitude\":12,\"distanceKm\":\"3\",\"driver\":\"x\"}]",
            400);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> errors = (List<Map<String, Object>>) json.get("errors");
    assertThat(errors).extracting(e -> e.get("field")).containsExactly("driver", "distanceKm");
  }

  @Test
  void refusesAFileOverTheLimitWith413() {
    String big = file("trips.csv") + "\n".repeat(70 * 1024);

    Map<String, Object> problem = post("/api/fleet/trips", CSV, big, 413);

    assertThat(problem).containsEntry("type", "urn:signalyard:problem:payload-too-large");
    assertThat(committedTripsWithIdsContaining(run, 0)).isEmpty();
  }

  @Test
  void makesTripsFromGpsLogsInCsvAndJson() {
    long vehicle = ThreadLocalRandom.current().nextLong(10_000_000, 99_999_999);

    Map<String, Object> csv =
        post(
            "/api/fleet/trips/gps-logs",
            CSV,
            file("gps-logs.csv").replace("{vehicle}", "" + vehicle),
            200);
    Map<String, Object> json =
        post(
            "/api/fleet/trips/gps-logs",
            MediaType.APPLICATION_JSON,
            file("gps-logs.json").replace("{vehicle}", "" + (vehicle + 1)),
            200);

    assertThat(csv)
        .containsEntry("points", 10)
        .containsEntry("vehicles", 1)
        .containsEntry("trips", 2);
    assertThat(json).containsEntry("points", 4).containsEntry("trips", 1);
    List<Trip> trips =
        committedTrips(t -> t.getVehicleId() == vehicle || t.getVehicleId() == vehicle + 1, 3);
    assertThat(trips)
        .extracting(
            Trip::getVehicleId,
            Trip::getTripId,
            Trip::getStartTime,
            Trip::getEndTime,
            Trip::getSource)
        .containsExactlyInAnyOrder(
            tuple(
                vehicle,
                "GPS_LOGS-" + Instant.parse("2024-06-03T06:00:00Z").toEpochMilli(),
                Instant.parse("2024-06-03T06:00:00Z"),
                Instant.parse("2024-06-03T06:15:00Z"),
                "GPS_LOGS"),
            tuple(
                vehicle,
                "GPS_LOGS-" + Instant.parse("2024-06-03T10:00:00Z").toEpochMilli(),
                Instant.parse("2024-06-03T10:00:00Z"),
                Instant.parse("2024-06-03T10:20:00Z"),
                "GPS_LOGS"),
            tuple(
                vehicle + 1,
                "GPS_LOGS-" + Instant.parse("2024-06-04T13:00:00Z").toEpochMilli(),
                Instant.parse("2024-06-04T13:00:00Z"),
                Instant.parse("2024-06-04T13:10:00Z"),
                "GPS_LOGS"));
    Trip morning =
        trips.stream()
            .filter(t -> t.getStartTime().equals(Instant.parse("2024-06-03T06:00:00Z")))
            .findFirst()
            .orElseThrow();
    // The 0,0 point is dropped; the trip runs over the three ignition-on points to the stop.
    double expected =
        haversine(55.6761, 12.5683, 55.68, 12.58)
            + haversine(55.68, 12.58, 55.69, 12.59)
            + haversine(55.69, 12.59, 55.695, 12.595);
    assertThat(morning.getDistanceKm())
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(morning.getEndLatitude()).isEqualTo(55.695);
  }

  @Test
  void refusesGpsLogsWithBadRows() {
    Map<String, Object> problem =
        post(
            "/api/fleet/trips/gps-logs",
            CSV,
            "vehicleId,time,latitude,longitude,ignition\n"
                + "7,2024-06-03T06:00:00Z,55.6,12.5,yes\n"
                + "7,2024-06-03T06:00:00Z,55.6,12.5,true\n"
                + "7,2024-06-03T06:00:00Z,55.6,12.5,false\n",
            400);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
    assertThat(errors)
        .extracting(e -> e.get("row"), e -> e.get("field"))
        .containsExactly(tuple(1, "ignition"), tuple(3, "time"));
  }

  private Map<String, Object> post(String path, MediaType type, String body, int status) {
    return client
        .post()
        .uri(path)
        .contentType(type)
        .bodyValue(body.getBytes(StandardCharsets.UTF_8))
        .exchange()
        .expectStatus()
        .isEqualTo(status)
        .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
        .returnResult()
        .getResponseBody();
  }

  private String file(String name) {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("fleet/trips/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{run}", run);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Trip> committedTripsWithIdsContaining(String token, int expected) {
    return committedTrips(t -> t.getTripId().contains(token), expected);
  }

  /**
   * Every committed trip on fleet-trips matching {@code wanted}, read to the end as a {@code
   * read_committed} consumer sees it (up to the last stable offset), read again until at least
   * {@code expected} match: the commit markers that make a committed transaction visible are
   * written to the partitions just after the producer's commit returns.
   */
  private static List<Trip> committedTrips(
      java.util.function.Predicate<Trip> wanted, int expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      List<Trip> found = readCommittedTrips(wanted);
      if (found.size() >= expected || System.nanoTime() > deadline) {
        return found;
      }
    }
  }

  private static List<Trip> readCommittedTrips(java.util.function.Predicate<Trip> wanted) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaTestBroker.shared().bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    Duration patience = Duration.ofSeconds(30);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      String topic = TopicCatalog.FLEET_TRIPS.name();
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, patience).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, patience);
      List<Trip> found = new ArrayList<>();
      long deadline = System.nanoTime() + patience.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        assertThat(System.nanoTime()).as("read fleet-trips to its end").isLessThan(deadline);
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          Trip trip = TRIPS.decode(record.value());
          if (wanted.test(trip)) {
            assertThat(record.key()).isEqualTo(Long.toString(trip.getVehicleId()));
            found.add(trip);
          }
        }
      }
      return found;
    }
  }

  private static double haversine(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a =
        Math.sin(dLat / 2) * Math.sin(dLat / 2)
            + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2))
                * Math.sin(dLon / 2)
                * Math.sin(dLon / 2);
    return 2 * 6371.0 * Math.asin(Math.sqrt(a));
  }
}
