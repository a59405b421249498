package dev.signalyard.queryapi.fleet.precision;

import static dev.signalyard.queryapi.fleet.statistics.FleetTopics.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signalyard.queryapi.QueryApiApplication;
import dev.signalyard.queryapi.fleet.statistics.FleetTopics;
import dev.signalyard.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The live precision test end to end over the real broker: vehicles, locations and raw trips are
 * produced to their topics; the test re-aggregates the location's vehicles with the proposed
 * parking spot, reports progress over SSE, and can be cancelled.
 *
 * <p>The location's stored spot L lies about 600 m from P, where its vehicles really park; X is 2.2
 * km north of P, Y 8 km away. Trips (10 days ago = day 0):
 *
 * <pre>
 * V1: each of days 0, 1, 2: 08:00 P-&gt;X 10 km, 12:00 X-&gt;P 10 km       three complete tours, 60 km
 * V2: day 0 08:00 P-&gt;X 10 km, 20:00 X-&gt;Y 8 km; day 1 09:00 Y-&gt;P 12 km: a 25.5 h tour, over the
 *     10 h limit, so not complete (30 km); day 2 08:00 P-&gt;X 10, 12:00 X-&gt;P 10: complete, 20 km
 * V3: no trips
 * </pre>
 *
 * With P proposed: V1 60 of 60 km complete (1.0), V2 20 of 50 (0.4), V3 nothing; the location (60 +
 * 20) / (60 + 50) = 0.7273. With the stored spot L instead, no trip starts within 300 m of a home:
 * 0.
 */
@SpringBootTest(
    classes = QueryApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "signalyard.query.heartbeat=200ms")
@AutoConfigureWebTestClient(timeout = "30s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrecisionTestEndToEndTest {

  private static final double[] L = {55.6761, 12.5683};
  private static final double[] P = {55.6800, 12.5750};
  private static final double[] X = {55.7000, 12.5750};
  private static final double[] Y = {55.75, 12.65};
  private static final double[] OTHER = {55.60, 12.40};
  private static final ParameterizedTypeReference<Map<String, Object>> JSON =
      new ParameterizedTypeReference<>() {};
  private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENTS =
      new ParameterizedTypeReference<>() {};

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add(
        "signalyard.kafka.bootstrap-servers", () -> KafkaTestBroker.shared().bootstrapServers());
  }

  @Autowired WebTestClient client;

  private final FleetTopics topics = new FleetTopics();
  private final long base = FleetTopics.uniqueBase();
  private final long location = base + 1;
  private final long otherLocation = base + 2;
  private final long v1 = base + 11;
  private final long v2 = base + 12;
  private final long v3 = base + 13;
  private final LocalDate from = LocalDate.now(ZoneOffset.UTC).minusDays(20);

  @BeforeAll
  void produce() {
    topics.location(location, "Rådhuset", L[0], L[1]);
    topics.location(otherLocation, "Depotet", OTHER[0], OTHER[1]);
    topics.vehicle(v1, location, 4, 1, "AB 11 111");
    topics.vehicle(v2, location, 4, 2, "AB 22 222");
    topics.vehicle(v3, location, 3, 3, "EL 33 333");
    topics.vehicle(base + 14, otherLocation, 4, 1, "XX 44 444");
    Instant day0 =
        LocalDate.now(ZoneOffset.UTC).minusDays(10).atStartOfDay(ZoneOffset.UTC).toInstant();
    for (int d = 0; d < 3; d++) {
      Instant day = day0.plus(Duration.ofDays(d));
      trip(v1, "v1-out-" + d, day, 8 * 60, P, X, 10);
      trip(v1, "v1-home-" + d, day, 12 * 60, X, P, 10);
    }
    trip(v2, "v2-1", day0, 8 * 60, P, X, 10);
    trip(v2, "v2-2", day0, 20 * 60, X, Y, 8);
    trip(v2, "v2-3", day0, 33 * 60, Y, P, 12);
    trip(v2, "v2-4", day0.plus(Duration.ofDays(2)), 8 * 60, P, X, 10);
    trip(v2, "v2-5", day0.plus(Duration.ofDays(2)), 12 * 60, X, P, 10);
    // A trip before from is not read.
    trip(v1, "v1-old", day0.minus(Duration.ofDays(30)), 8 * 60, P, X, 500);
    // The views know the reference data once the statistics count the location's three vehicles
    // and the stored precision lists the location.
    await(
        () ->
            number(getJson("/api/fleet/statistics/sum?locations=" + location), "vehicles") == 3
                && !list(
                        getJson("/api/fleet/locations/precision?locations=" + location),
                        "locations")
                    .isEmpty());
  }

  @AfterAll
  void close() {
    topics.close();
  }

  private void trip(
      long vehicle, String id, Instant day, int startMinute, double[] a, double[] b, double km) {
    topics.trip(
        vehicle, id, day.plus(Duration.ofMinutes(startMinute)), Duration.ofMinutes(30), a, b, km);
  }

  @Test
  void reaggregatesTheLocationsVehiclesWithTheProposedSpot() {
    String id = started(body(location, P));
    List<ServerSentEvent<Map<String, Object>>> events = stream(id);
    ServerSentEvent<Map<String, Object>> last = events.get(events.size() - 1);
    assertThat(last.event()).isEqualTo("result");
    assertThat(events.subList(0, events.size() - 1))
        .allSatisfy(e -> assertThat(e.event()).isEqualTo("progress"));
    assertThat(events)
        .extracting(e -> ((Number) e.data().get("vehiclesDone")).intValue())
        .isSorted();

    Map<String, Object> state = get(id);
    assertThat(state.get("status")).isEqualTo("DONE");
    assertThat(number(state, "progress")).isEqualTo(1.0);
    assertThat(number(state, "vehicles")).isEqualTo(3);
    assertThat(number(state, "vehiclesDone")).isEqualTo(3);
    assertThat(number(state, "tripsRead")).isEqualTo(11);
    Map<String, Object> result = map(state, "result");
    assertThat(number(result, "precision")).isCloseTo(80.0 / 110.0, within(1e-9));
    assertThat(number(result, "precisionPercent")).isCloseTo(8000.0 / 110.0, within(1e-9));
    assertThat(number(result, "rawKm")).isEqualTo(110.0);
    assertThat(number(result, "completeKm")).isEqualTo(80.0);
    List<Map<String, Object>> vehicles = list(result, "vehicles");
    assertThat(vehicles)
        .extracting(v -> ((Number) v.get("vehicleId")).longValue())
        .containsExactly(v1, v2, v3);
    assertThat(vehicles.get(0))
        .containsEntry("plate", "AB 11 111")
        .containsEntry("trips", 6)
        .containsEntry("roundtrips", 3)
        .containsEntry("completeRoundtrips", 3);
    assertThat(number(vehicles.get(0), "precision")).isEqualTo(1.0);
    assertThat(number(vehicles.get(1), "rawKm")).isEqualTo(50.0);
    assertThat(number(vehicles.get(1), "completeKm")).isEqualTo(20.0);
    assertThat(number(vehicles.get(1), "precision")).isCloseTo(0.4, within(1e-9));
    assertThat(vehicles.get(2)).containsEntry("trips", 0).containsEntry("roundtrips", 0);

    String stored = started(body(location, L));
    stream(stored);
    assertThat(number(map(get(stored), "result"), "precision")).isZero();
  }

  @Test
  void aCancelledTestEndsWithStatusCancelledAndNoResult() {
    // One worker: the second test waits behind the first and is cancelled while it waits.
    String running = started(body(location, P));
    String queued = started(body(location, P));
    client
        .delete()
        .uri("/api/fleet/precision-tests/" + queued)
        .exchange()
        .expectStatus()
        .isAccepted();
    List<ServerSentEvent<Map<String, Object>>> events = stream(queued);
    ServerSentEvent<Map<String, Object>> last = events.get(events.size() - 1);
    assertThat(last.event()).isEqualTo("result");
    assertThat(last.data()).containsEntry("status", "CANCELLED").containsEntry("result", null);
    stream(running);
    assertThat(get(running).get("status")).isEqualTo("DONE");
    assertThat(get(queued).get("status")).isEqualTo("CANCELLED");
  }

  @Test
  void badRequestsAreProblemsNamingTheField() {
    client
        .post()
        .uri("/api/fleet/precision-tests")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Map.of(
                "parkingSpots", List.of(Map.of("latitude", 95, "longitude", 12)),
                "from", LocalDate.now(ZoneOffset.UTC).plusDays(3).toString()))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[*].field")
        .value(
            fields ->
                assertThat((List<Object>) fields)
                    .containsExactlyInAnyOrder("locationId", "parkingSpots[0].latitude", "from"));
    assertThat(post(body(base + 999, P)).getStatus().value()).isEqualTo(404);
    client
        .get()
        .uri("/api/fleet/precision-tests/no-such-test")
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  private Map<String, Object> body(long locationId, double[] spot) {
    return Map.of(
        "locationId",
        locationId,
        "parkingSpots",
        List.of(Map.of("latitude", spot[0], "longitude", spot[1])),
        "from",
        from.toString());
  }

  private org.springframework.test.web.reactive.server.EntityExchangeResult<Map<String, Object>>
      post(Map<String, Object> body) {
    return client
        .post()
        .uri("/api/fleet/precision-tests")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectBody(JSON)
        .returnResult();
  }

  private String started(Map<String, Object> body) {
    var result = post(body);
    assertThat(result.getStatus().value()).isEqualTo(202);
    String id = (String) result.getResponseBody().get("id");
    assertThat(result.getResponseHeaders().getLocation())
        .hasToString("/api/fleet/precision-tests/" + id);
    return id;
  }

  private List<ServerSentEvent<Map<String, Object>>> stream(String id) {
    return client
        .get()
        .uri("/api/fleet/precision-tests/" + id + "/stream")
        .accept(MediaType.TEXT_EVENT_STREAM)
        .exchange()
        .expectStatus()
        .isOk()
        .returnResult(EVENTS)
        .getResponseBody()
        .filter(e -> e.comment() == null)
        .collectList()
        .block(Duration.ofSeconds(60));
  }

  private Map<String, Object> get(String id) {
    return getJson("/api/fleet/precision-tests/" + id);
  }

  private Map<String, Object> getJson(String uri) {
    return client
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(JSON)
        .returnResult()
        .getResponseBody();
  }

  private static double number(Map<String, Object> map, String key) {
    return ((Number) map.get(key)).doubleValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> map, String key) {
    return (Map<String, Object>) map.get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
    return (List<Map<String, Object>>) map.get(key);
  }
}
