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

/** MILEAGEBOOK against a local server answering with payloads in Mileagebook's shapes. */
class MileagebookExtractorTest {

  static final String TOKEN = "mb-odense-91c0e7a4d2";

  private final FakeFleetSystem mileagebook = new FakeFleetSystem();
  private final FleetSystemClients clients = new FleetSystemClients();
  private final MileagebookExtractor extractor =
      new MileagebookExtractor(
          mileagebook.url("/api"),
          List.of(TOKEN),
          clients.http,
          Duration.ofDays(1),
          FleetSystemClients.RECEIVED);

  @AfterEach
  void stop() {
    mileagebook.close();
  }

  @Test
  void listsCarsWithTheYearlyLeaseAndTheTokenHeader() {
    mileagebook.route(
        r ->
            r.path().equals("/api/Fleet/Cars")
                ? Answer.json(resource("fleet/mileagebook/cars.json"))
                : null);

    List<FleetSystemVehicle> cars = extractor.listVehicles();

    assertThat(cars)
        .extracting(
            FleetSystemVehicle::id, FleetSystemVehicle::plate, FleetSystemVehicle::yearlyLeaseCost)
        .containsExactly(tuple(101L, "AF 33 910", 58740.0), tuple(102L, "BK 70 118", null));
    assertThat(mileagebook.requests().get(0).header("X-Access-Token")).isEqualTo(TOKEN);
  }

  @Test
  void readsLocalCopenhagenTimesAcrossMidnightAndBothDstChanges() {
    mileagebook.route(
        r ->
            r.path().equals("/api/CompanyCarTrips")
                ? Answer.json(resource("fleet/mileagebook/company-car-trips-101.json"))
                : null);
    FleetSystemVehicle car = new FleetSystemVehicle(101, "1", "AF 33 910", null, null, 58740.0);

    List<Trip> trips =
        extractor.fetchTrips(
            car, Instant.parse("2024-03-30T00:00:00Z"), Instant.parse("2024-11-01T00:00:00Z"));

    assertThat(trips)
        .extracting(Trip::getTripId, Trip::getStartTime, Trip::getEndTime, Trip::getDistanceKm)
        .containsExactly(
            // 23:40 to 00:25 the next day, CET.
            tuple(
                "551230",
                Instant.parse("2024-03-30T22:40:00Z"),
                Instant.parse("2024-03-30T23:25:00Z"),
                4.9),
            // 01:40 CET to 03:20 CEST: 40 minutes.
            tuple(
                "551231",
                Instant.parse("2024-03-31T00:40:00Z"),
                Instant.parse("2024-03-31T01:20:00Z"),
                5.2),
            // 02:30 and 02:55 happen twice on 27 October; the first, summer-time one is taken.
            tuple(
                "551232",
                Instant.parse("2024-10-27T00:30:00Z"),
                Instant.parse("2024-10-27T00:55:00Z"),
                1.8));
    assertThat(trips.get(1).getStartLatitude()).isEqualTo(55.40695);
    assertThat(trips.get(1).getEndLongitude()).isEqualTo(10.38564);
    FakeFleetSystem.Request request = mileagebook.requests().get(0);
    // The window's start minus the one-day overlap, in local time: 2024-03-29T00:00Z is 01:00 CET.
    assertThat(request.query())
        .containsEntry("CarID", "101")
        .containsEntry("FromDateTime", "2024-03-29T01:00:00");
    assertThat(request.header("X-Access-Token")).isEqualTo(TOKEN);
  }
}
