package dev.signalyard.streams.fleet;

import static dev.signalyard.streams.fleet.FleetDriver.EXTRA_LAT;
import static dev.signalyard.streams.fleet.FleetDriver.EXTRA_LON;
import static dev.signalyard.streams.fleet.FleetDriver.HOME_LAT;
import static dev.signalyard.streams.fleet.FleetDriver.HOME_LON;
import static dev.signalyard.streams.fleet.FleetDriver.LOCATION;
import static dev.signalyard.streams.fleet.FleetDriver.VEHICLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.fleet.roundtrips.AggregatedRoundtrip;
import dev.signalyard.fleet.roundtrips.RoundtripAggregator;
import dev.signalyard.fleet.roundtrips.StartPoint;
import dev.signalyard.schemas.common.DeadLetter;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.schemas.fleet.RoundtripSegment;
import dev.signalyard.schemas.fleet.Trip;
import dev.signalyard.schemas.topics.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RoundtripTopologyTest {

  private static final FleetStreamsProperties DEFAULTS = FleetStreamsProperties.defaults();
  private static final List<StartPoint> STARTS =
      List.of(
          new StartPoint(LOCATION, HOME_LAT, HOME_LON),
          new StartPoint(LOCATION, EXTRA_LAT, EXTRA_LON));

  @Test
  void finalRoundtripsEqualTheAggregatorsOnTheSameTrips() {
    List<Trip> trips = FleetTrips.days(VEHICLE, 10);
    try (FleetDriver fleet = new FleetDriver(DEFAULTS).withReferenceData()) {
      trips.forEach(fleet::trip);

      List<Roundtrip> emitted = fleet.roundtrips.readValuesToList();
      List<AggregatedRoundtrip> expected = finalOnes(trips);
      assertThat(expected).hasSize(7);
      assertThat(emitted).extracting(Roundtrip::getId).doesNotHaveDuplicates();
      assertThat(emitted.stream().map(RoundtripTopologyTest::essence).toList())
          .isEqualTo(expected.stream().map(RoundtripTopologyTest::essence).toList());
      assertThat(fleet.deadLetters.isEmpty()).isTrue();
    }
  }

  @Test
  void coordinatesAreAnonymisedToTheHomeSpotAndTheStartLocationIsTheVehicles() {
    List<Trip> trips = new ArrayList<>(FleetTrips.days(VEHICLE, 5));
    // Day 1 leaves from and returns to the location's extra spot.
    trips.replaceAll(
        trip -> {
          if (trip.getTripId().equals("d1-1")) {
            return Trip.newBuilder(trip)
                .setStartLatitude(EXTRA_LAT)
                .setStartLongitude(EXTRA_LON)
                .build();
          }
          if (trip.getTripId().equals("d1-3")) {
            return Trip.newBuilder(trip)
                .setEndLatitude(EXTRA_LAT + 0.0002)
                .setEndLongitude(EXTRA_LON)
                .build();
          }
          return trip;
        });
    try (FleetDriver fleet = new FleetDriver(DEFAULTS).withReferenceData()) {
      trips.forEach(fleet::trip);

      List<Roundtrip> emitted = fleet.roundtrips.readValuesToList();
      assertThat(emitted).hasSize(2);
      assertThat(emitted.get(0))
          .extracting(
              Roundtrip::getStartLatitude,
              Roundtrip::getStartLongitude,
              Roundtrip::getEndLatitude,
              Roundtrip::getEndLongitude,
              Roundtrip::getStartLocationId)
          .containsExactly(HOME_LAT, HOME_LON, HOME_LAT, HOME_LON, LOCATION);
      assertThat(emitted.get(1))
          .extracting(
              Roundtrip::getStartLatitude,
              Roundtrip::getStartLongitude,
              Roundtrip::getEndLatitude,
              Roundtrip::getEndLongitude,
              Roundtrip::getStartLocationId)
          .containsExactly(EXTRA_LAT, EXTRA_LON, EXTRA_LAT, EXTRA_LON, LOCATION);
      assertThat(emitted.get(0).getId())
          .isEqualTo(VEHICLE + "-" + trips.get(0).getStartTime().toEpochMilli());
      assertThat(emitted.get(0).getSegments())
          .extracting(RoundtripSegment::getTripId)
          .containsExactly("d0-1", "d0-2", "d0-3");
    }
  }

  @Test
  void outOfOrderArrivalWithinTheBoundGivesTheSameRoundtrips() {
    List<Trip> inOrder = FleetTrips.days(VEHICLE, 10);
    List<Trip> shuffled = new ArrayList<>();
    Random random = new Random(42);
    // Shuffle within blocks of two days: no trip arrives more than 48 h after a later one.
    for (int from = 0; from < inOrder.size(); from += 6) {
      List<Trip> block = new ArrayList<>(inOrder.subList(from, Math.min(from + 6, inOrder.size())));
      Collections.shuffle(block, random);
      shuffled.addAll(block);
    }
    assertThat(shuffled).isNotEqualTo(inOrder);

    assertThat(roundtripsOf(shuffled)).isEqualTo(roundtripsOf(inOrder)).hasSize(7);
  }

  @Test
  void aRepeatedTripReplacesTheEarlierOneAndCountsOnce() {
    List<Trip> trips = FleetTrips.days(VEHICLE, 6);
    List<Trip> withRepeats = new ArrayList<>();
    for (Trip trip : trips) {
      if (trip.getTripId().equals("d0-2")) {
        // First delivery with a wrong distance, corrected by the fleet system's second one.
        withRepeats.add(Trip.newBuilder(trip).setDistanceKm(99.0).build());
      }
      withRepeats.add(trip);
      if (trip.getTripId().startsWith("d1-")) {
        withRepeats.add(trip);
      }
    }

    List<Roundtrip> repeated = roundtripsOf(withRepeats);

    assertThat(repeated).isEqualTo(roundtripsOf(trips)).hasSize(3);
    assertThat(repeated.get(0).getSegments()).hasSize(3);
    assertThat(repeated.get(0).getDistanceKm()).isEqualTo(3.1 + 9.4 + 11.2, within());
  }

  @Test
  void aTripLateBeyondTheBoundGoesToDeadLettersAndChangesNothing() {
    List<Trip> trips = FleetTrips.days(VEHICLE, 6);
    try (FleetDriver fleet = new FleetDriver(DEFAULTS).withReferenceData()) {
      trips.forEach(fleet::trip);
      List<Roundtrip> before = fleet.roundtrips.readValuesToList();
      assertThat(before).hasSize(3);

      Trip late =
          FleetTrips.trip(
              VEHICLE,
              "late-1",
              before.get(0).getStartTime().plus(Duration.ofHours(2)),
              Duration.ofMinutes(10),
              HOME_LAT,
              HOME_LON,
              HOME_LAT + 0.01,
              HOME_LON,
              2.0);
      fleet.trip(late);
      // The vehicle's trip time moves on: the late trip must not appear in later roundtrips.
      FleetTrips.day(VEHICLE, 6).forEach(fleet::trip);

      DeadLetter deadLetter = fleet.deadLetters.readValue();
      assertThat(deadLetter.getStage()).isEqualTo(RoundtripTopology.STAGE);
      assertThat(deadLetter.getSourceTopic()).isEqualTo(TopicCatalog.FLEET_TRIPS.name());
      assertThat(deadLetter.getReason()).startsWith("late beyond bound: trip late-1");
      assertThat(fleet.deadLetters.isEmpty()).isTrue();
      List<Roundtrip> after = fleet.roundtrips.readValuesToList();
      assertThat(after).hasSize(1);
      assertThat(after.get(0).getSegments())
          .extracting(RoundtripSegment::getTripId)
          .containsExactly("d3-1", "d3-2", "d3-3");
    }
  }

  @Test
  void aFinalRoundtripWaitsForTheNextAggregationAfterTheInterval() {
    List<Trip> trips = FleetTrips.days(VEHICLE, 3);
    try (FleetDriver fleet = new FleetDriver(DEFAULTS).withReferenceData()) {
      trips.forEach(fleet::trip);
      assertThat(fleet.roundtrips.isEmpty()).isTrue();

      // Day 3 07:00 is 24 h after the last aggregation (day 2 07:00): day 0 becomes final.
      List<Trip> day3 = FleetTrips.day(VEHICLE, 3);
      fleet.trip(day3.get(0));
      assertThat(fleet.roundtrips.readValuesToList())
          .extracting(Roundtrip::getStartTime)
          .containsExactly(trips.get(0).getStartTime());

      fleet.trip(day3.get(1));
      fleet.trip(day3.get(2));
      // Day 3 18:00 is past the bound of day 1's roundtrip (ends day 1 10:30) but only 11 h
      // after the last aggregation: it waits.
      Instant evening = FleetTrips.FIRST_DAY.plus(Duration.ofDays(3)).plus(Duration.ofHours(18));
      fleet.trip(
          FleetTrips.trip(
              VEHICLE,
              "d3-4",
              evening,
              Duration.ofMinutes(20),
              HOME_LAT,
              HOME_LON,
              55.69,
              12.57,
              3.0));
      assertThat(fleet.roundtrips.isEmpty()).isTrue();

      // Day 3 19:00 is 12 h after it: day 1 is emitted.
      fleet.trip(
          FleetTrips.trip(
              VEHICLE,
              "d3-5",
              evening.plus(Duration.ofHours(1)),
              Duration.ofMinutes(20),
              55.69,
              12.57,
              HOME_LAT,
              HOME_LON,
              3.0));
      assertThat(fleet.roundtrips.readValuesToList())
          .extracting(Roundtrip::getStartTime)
          .containsExactly(trips.get(3).getStartTime());
    }
  }

  @Test
  void tripsOlderThanKeepDataAreRefused() {
    try (FleetDriver fleet = new FleetDriver(DEFAULTS).withReferenceData()) {
      fleet.settings(Map.of("keep_data", "1"));
      FleetTrips.days(VEHICLE, 3).forEach(fleet::trip);
      Instant twoMonthsBefore = FleetTrips.FIRST_DAY.minus(Duration.ofDays(62));
      fleet.trip(
          FleetTrips.trip(
              VEHICLE,
              "ancient",
              twoMonthsBefore,
              Duration.ofMinutes(15),
              HOME_LAT,
              HOME_LON,
              HOME_LAT,
              HOME_LON + 0.02,
              4.0));

      assertThat(fleet.deadLetters.readValue().getReason())
          .startsWith("trip ancient starts at")
          .contains("older than keep_data");
    }
  }

  @Test
  void unreadableOrInconsistentTripsGoToDeadLettersWithTheReason() {
    try (FleetDriver fleet = new FleetDriver(DEFAULTS).withReferenceData()) {
      fleet.trips.pipeInput("7", "{\"tripId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
      Trip trip = FleetTrips.day(VEHICLE, 0).get(0);
      fleet.trips.pipeInput(
          "8", dev.signalyard.schemas.serde.AvroSerde.of(Trip.class).encode(trip));
      fleet.trip(Trip.newBuilder(trip).setEndTime(trip.getStartTime().minusSeconds(1)).build());
      fleet.trip(Trip.newBuilder(trip).setStartLatitude(91).build());

      List<DeadLetter> letters = fleet.deadLetters.readValuesToList();
      assertThat(letters).extracting(DeadLetter::getStage).containsOnly(RoundtripTopology.STAGE);
      assertThat(letters.get(0).getReason()).isNotBlank();
      assertThat(letters.get(0).getOriginalValue().array())
          .isEqualTo("{\"tripId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(letters.subList(1, 4))
          .extracting(DeadLetter::getReason)
          .containsExactly(
              "key '8' is not the trip's vehicleId 7",
              "endTime 2026-10-01T06:59:59Z is before startTime 2026-10-01T07:00:00Z",
              "startLatitude must be within -90..90: 91.0");
      assertThat(fleet.roundtrips.isEmpty()).isTrue();
    }
  }

  @Test
  void aVehicleThatNeverReachesAHomeKeepsABoundedPendingList() {
    FleetStreamsProperties small =
        new FleetStreamsProperties(
            true,
            Duration.ofHours(48),
            Duration.ofHours(12),
            10,
            Duration.ofSeconds(10),
            Duration.ofDays(7),
            false,
            false);
    try (FleetDriver fleet = new FleetDriver(small).withReferenceData()) {
      Instant start = FleetTrips.FIRST_DAY;
      for (int i = 0; i < 14; i++) {
        // Far from any location: no roundtrip is ever opened.
        fleet.trip(
            FleetTrips.trip(
                VEHICLE,
                "away-" + i,
                start.plus(Duration.ofHours(5L * i)),
                Duration.ofMinutes(30),
                56.1 + i * 0.01,
                10.2,
                56.1 + (i + 1) * 0.01,
                10.2,
                1.2));
      }

      List<DeadLetter> dropped = fleet.deadLetters.readValuesToList();
      assertThat(dropped)
          .extracting(DeadLetter::getReason)
          .allMatch(reason -> reason.contains("more than 10 trips of the vehicle are pending"));
      assertThat(dropped).hasSize(4);
      assertThat(
              fleet
                  .driver
                  .<String, Trip>getKeyValueStore(RoundtripTopology.PENDING_STORE)
                  .approximateNumEntries())
          .isEqualTo(10);
    }
  }

  /** What the aggregator finds on all trips, limited to roundtrips final at the newest trip. */
  private static List<AggregatedRoundtrip> finalOnes(List<Trip> trips) {
    Instant newest = trips.stream().map(Trip::getStartTime).max(Instant::compareTo).orElseThrow();
    Instant watermark = newest.minus(DEFAULTS.lateness());
    List<AggregatedRoundtrip> all =
        new RoundtripAggregator(DEFAULTS.aggregation())
            .aggregate(trips.stream().map(RoundtripRecords::tripLog).toList(), STARTS);
    return all.stream().filter(r -> r.end().isBefore(watermark)).toList();
  }

  private static List<Roundtrip> roundtripsOf(List<Trip> trips) {
    try (FleetDriver fleet = new FleetDriver(DEFAULTS).withReferenceData()) {
      trips.forEach(fleet::trip);
      return fleet.roundtrips.readValuesToList();
    }
  }

  private static List<Object> essence(Roundtrip roundtrip) {
    return List.of(
        roundtrip.getStartTime(),
        roundtrip.getEndTime(),
        Math.round(roundtrip.getDistanceKm() * 1e6),
        roundtrip.getAggregationType().name(),
        roundtrip.getSegments().stream().map(RoundtripSegment::getTripId).toList());
  }

  private static List<Object> essence(AggregatedRoundtrip roundtrip) {
    return List.of(
        roundtrip.start(),
        roundtrip.end(),
        Math.round(roundtrip.distanceKm() * 1e6),
        roundtrip.type().name(),
        roundtrip.trips().stream().map(t -> t.id()).toList());
  }

  private static Offset<Double> within() {
    return Offset.offset(1e-9);
  }
}
