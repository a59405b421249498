package dev.signalyard.ingest.fleet;

import static dev.signalyard.ingest.fleet.FakeFleetSystem.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.signalyard.ingest.fleet.FakeFleetSystem.Answer;
import dev.signalyard.schemas.fleet.Trip;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FLEETCOMPLETE against a local server answering with payloads in Ecofleet's shapes. */
class FleetCompleteExtractorTest {

  static final String KEY = "ecofleet-kbh-3a9f51c2";

  private final FakeFleetSystem ecofleet = new FakeFleetSystem();
  private final FleetSystemClients clients = new FleetSystemClients();
  private final FleetCompleteExtractor extractor =
      new FleetCompleteExtractor(
          ecofleet.url("/seeme"),
          List.of(KEY),
          clients.http,
          Duration.ofDays(1),
          FleetSystemClients.RECEIVED);
  private final FleetSystemVehicle kangoo =
      new FleetSystemVehicle(20145, "1", "CX 41 220", "356307042441013", null, null);

  @AfterEach
  void stop() {
    ecofleet.close();
  }

  @Test
  void listsVehiclesWithTheirHomePlaceAndTheKeyInTheQuery() {
    ecofleet.route(
        r ->
            switch (r.path()) {
              case "/seeme/Api/Places/get" ->
                  Answer.json(resource("fleet/fleetcomplete/places.json"));
              case "/seeme/Api/Vehicles/get" ->
                  Answer.json(resource("fleet/fleetcomplete/vehicles.json"));
              default -> null;
            });

    List<FleetSystemVehicle> vehicles = extractor.listVehicles();

    assertThat(vehicles)
        .extracting(FleetSystemVehicle::id, FleetSystemVehicle::plate, FleetSystemVehicle::home)
        .containsExactly(
            tuple(20145L, "CX 41 220", new FleetSystemVehicle.Home(55.67594, 12.56553)),
            tuple(20146L, "CX 41 221", null));
    assertThat(vehicles).allSatisfy(v -> assertThat(v.account()).isEqualTo("1"));
    assertThat(ecofleet.requests())
        .allSatisfy(
            r -> {
              assertThat(r.query()).containsEntry("key", KEY);
              assertThat(r.header("Authorization")).isNull();
            });
  }

  @Test
  void readsA28DayWindowInUtcAcrossTheAutumnDstChange() {
    ecofleet.route(
        r ->
            r.path().equals("/seeme/Api/Vehicles/getTrips")
                ? Answer.json(resource("fleet/fleetcomplete/trips-20145.json"))
                : null);

    List<Trip> trips =
        extractor.fetchTrips(
            kangoo, Instant.parse("2024-10-20T00:00:00Z"), Instant.parse("2024-11-17T00:00:00Z"));

    assertThat(extractor.window()).isEqualTo(Duration.ofDays(28));
    assertThat(trips)
        .extracting(Trip::getTripId, Trip::getStartTime, Trip::getEndTime, Trip::getDistanceKm)
        .containsExactly(
            tuple(
                "70551201",
                Instant.parse("2024-10-26T14:20:05Z"),
                Instant.parse("2024-10-26T14:58:40Z"),
                18.7),
            // 02:40 CEST to 02:10 CET: the clock went back; 30 minutes of driving.
            tuple(
                "70551202",
                Instant.parse("2024-10-27T00:40:00Z"),
                Instant.parse("2024-10-27T01:10:00Z"),
                9.35),
            tuple(
                "70551203",
                Instant.parse("2024-10-28T07:05:00Z"),
                Instant.parse("2024-10-28T07:47:12Z"),
                15.81));
    assertThat(ecofleet.requests().get(0).query())
        .containsEntry("key", KEY)
        .containsEntry("objectId", "20145")
        .containsEntry("begTimestamp", "2024-10-19T00:00:00+0000")
        .containsEntry("endTimestamp", "2024-11-17T00:00:00+0000");
  }

  @Test
  void retries429And5xxWithCappedBackoffHonouringRetryAfter() {
    AtomicInteger calls = new AtomicInteger();
    ecofleet.route(
        r ->
            switch (calls.incrementAndGet()) {
              case 1 -> Answer.status(429, Map.of("Retry-After", "3"));
              case 2 -> Answer.status(503, Map.of());
              case 3 -> Answer.status(502, Map.of("Retry-After", "120"));
              default -> Answer.json(resource("fleet/fleetcomplete/trips-20145.json"));
            });

    List<Trip> trips =
        extractor.fetchTrips(
            kangoo, Instant.parse("2024-10-20T00:00:00Z"), Instant.parse("2024-11-17T00:00:00Z"));

    assertThat(trips).hasSize(3);
    // 429 asked for 3 s (more than the 1 s base); the 503 got the doubled base; 120 s is capped.
    assertThat(clients.sleeps)
        .containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(30));
    assertThat(clients.counter(ExtractorMetrics.REQUESTS, "extractor", "FLEETCOMPLETE"))
        .isEqualTo(4);
    assertThat(
            clients.counter(
                ExtractorMetrics.FAILURES, "extractor", "FLEETCOMPLETE", "status", "429"))
        .isEqualTo(1);
    assertThat(
            clients.counter(
                ExtractorMetrics.FAILURES, "extractor", "FLEETCOMPLETE", "status", "503"))
        .isEqualTo(1);
  }

  @Test
  void givesUpAfterMaxAttempts() {
    ecofleet.route(r -> Answer.status(503, Map.of()));

    assertThatThrownBy(
            () ->
                extractor.fetchTrips(
                    kangoo,
                    Instant.parse("2024-10-20T00:00:00Z"),
                    Instant.parse("2024-11-17T00:00:00Z")))
        .isInstanceOf(FleetSystemException.class)
        .satisfies(e -> assertThat(((FleetSystemException) e).status()).isEqualTo(503))
        .hasMessageNotContaining(KEY);
    assertThat(ecofleet.requests()).hasSize(4);
    assertThat(clients.sleeps)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void doesNotRetryOtherClientErrors() {
    ecofleet.route(r -> Answer.status(403, Map.of()));

    assertThatThrownBy(() -> extractor.listVehicles())
        .isInstanceOf(FleetSystemException.class)
        .satisfies(e -> assertThat(((FleetSystemException) e).status()).isEqualTo(403))
        .hasMessageNotContaining(KEY);
    assertThat(ecofleet.requests()).hasSize(1);
    assertThat(clients.sleeps).isEmpty();
  }

  @Test
  void treatsANonZeroStatusAsAnError() {
    ecofleet.route(
        r -> Answer.json("{\"status\":1,\"errormessage\":\"Invalid key\",\"response\":null}"));

    assertThatThrownBy(() -> extractor.listVehicles())
        .isInstanceOf(FleetSystemException.class)
        .hasMessageContaining("Invalid key");
  }
}
