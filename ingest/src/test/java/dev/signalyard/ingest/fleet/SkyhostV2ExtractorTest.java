package dev.signalyard.ingest.fleet;

import static dev.signalyard.ingest.fleet.FakeFleetSystem.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.signalyard.ingest.fleet.FakeFleetSystem.Answer;
import dev.signalyard.schemas.fleet.Trip;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SKYHOST_V2 against a local server answering with payloads in Skyhost's REST shapes. */
class SkyhostV2ExtractorTest {

  private final FakeFleetSystem skyhost = new FakeFleetSystem();
  private final FleetSystemClients clients = new FleetSystemClients();
  private final SkyhostV2Extractor extractor =
      new SkyhostV2Extractor(
          skyhost.url(""),
          SkyhostV2Extractor.accounts(
              List.of("4012", "sk-key-aarhus-0f3b", "5120", "sk-key-vp-77e1")),
          clients.http,
          Duration.ofDays(1),
          FleetSystemClients.RECEIVED);

  @AfterEach
  void stop() {
    skyhost.close();
  }

  @Test
  void listsEveryPageOfEveryAccountWithTheAccountsBearerKey() {
    skyhost.route(
        r ->
            switch (r.path() + "?page=" + r.query().get("page")) {
              case "/accounts/4012/resources/vehicles?page=1" ->
                  Answer.json(resource("fleet/skyhost-v2/vehicles-4012-page-1.json"));
              case "/accounts/4012/resources/vehicles?page=2" ->
                  Answer.json(resource("fleet/skyhost-v2/vehicles-4012-page-2.json"));
              case "/accounts/5120/resources/vehicles?page=1" ->
                  Answer.json(resource("fleet/skyhost-v2/vehicles-5120-page-1.json"));
              default -> null;
            });

    List<FleetSystemVehicle> vehicles = extractor.listVehicles();

    assertThat(vehicles)
        .extracting(
            FleetSystemVehicle::id,
            FleetSystemVehicle::account,
            FleetSystemVehicle::plate,
            FleetSystemVehicle::imei)
        .containsExactly(
            tuple(4711L, "4012", "CV 12 345", "356307042441013"),
            tuple(4712L, "4012", "DK 98 110", "356307042441021"),
            tuple(4790L, "4012", "EL 20 731", "356307042449990"),
            tuple(9001L, "5120", "EB 55 012", null));
    assertThat(skyhost.requests())
        .extracting(
            FakeFleetSystem.Request::path,
            r -> r.query().get("page"),
            r -> r.query().get("pageSize"),
            r -> r.header("Authorization"))
        .containsExactly(
            tuple("/accounts/4012/resources/vehicles", "1", "100", "Bearer sk-key-aarhus-0f3b"),
            tuple("/accounts/4012/resources/vehicles", "2", "100", "Bearer sk-key-aarhus-0f3b"),
            tuple("/accounts/5120/resources/vehicles", "1", "100", "Bearer sk-key-vp-77e1"));
  }

  @Test
  void readsTheWindowsTripsInUtcAcrossTheSpringDstChange() {
    skyhost.route(
        r ->
            r.path().equals("/accounts/4012/resources/vehicles/4711/reports/milagetrip")
                ? Answer.json(resource("fleet/skyhost-v2/milagetrip-4711-2024-03.json"))
                : null);
    FleetSystemVehicle vehicle =
        new FleetSystemVehicle(4711, "4012", "CV 12 345", "356307042441013", null, null);

    List<Trip> trips =
        extractor.fetchTrips(
            vehicle, Instant.parse("2024-03-30T00:00:00Z"), Instant.parse("2024-04-02T00:00:00Z"));

    // The first trip ended before the window (asked for only as overlap), the last after it.
    assertThat(trips)
        .extracting(Trip::getTripId, Trip::getStartTime, Trip::getEndTime)
        .containsExactly(
            tuple(
                "st-88120002",
                Instant.parse("2024-03-30T06:42:10Z"),
                Instant.parse("2024-03-30T07:15:44Z")),
            // 01:50 CET to 03:20 CEST: 30 minutes, not 90.
            tuple(
                "st-88120003",
                Instant.parse("2024-03-31T00:50:00Z"),
                Instant.parse("2024-03-31T01:20:00Z")),
            tuple(
                "st-88120004",
                Instant.parse("2024-03-31T09:00:00Z"),
                Instant.parse("2024-03-31T09:40:00Z")),
            // Without an offset: local Copenhagen time, by then CEST.
            tuple(
                "st-88120005",
                Instant.parse("2024-03-31T12:05:00Z"),
                Instant.parse("2024-03-31T12:48:30Z")));
    Trip first = trips.get(0);
    assertThat(first.getVehicleId()).isEqualTo(4711);
    assertThat(first.getSource()).isEqualTo("SKYHOST_V2");
    assertThat(first.getDistanceKm()).isEqualTo(12.431);
    assertThat(first.getStartLatitude()).isEqualTo(56.15674);
    assertThat(first.getStartLongitude()).isEqualTo(10.21076);
    assertThat(first.getEndLatitude()).isEqualTo(56.11532);
    assertThat(first.getEndLongitude()).isEqualTo(10.14771);
    assertThat(first.getReceivedAt()).isEqualTo(FleetSystemClients.RECEIVED.instant());
    FakeFleetSystem.Request request = skyhost.requests().get(0);
    assertThat(request.query())
        .containsEntry("from", "2024-03-29T00:00:00Z")
        .containsEntry("to", "2024-04-02T00:00:00Z");
    assertThat(request.header("Authorization")).isEqualTo("Bearer sk-key-aarhus-0f3b");
  }

  @Test
  void refusesKeysThatAreNotAccountKeyPairs() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SkyhostV2Extractor.accounts(List.of("4012", "k", "5120")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("account,key,account,key");
  }
}
