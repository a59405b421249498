package dev.signalyard.fleet.simulation;

import static dev.signalyard.fleet.simulation.Fixtures.segment;
import static dev.signalyard.fleet.simulation.Fixtures.trip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Defaults: slot 07:00–15:30, trips under 15 km, bike under 20 km/h, e-bike under 30 km/h. */
class BicycleTest {
  private static final Duration SUB_TIME = Duration.ofMinutes(5);

  private static Bicycle bike(VehicleType type, SimulationSettings settings) {
    return new Bicycle(Fixtures.bike(1, type), 0, settings);
  }

  private static Bicycle bike() {
    return bike(VehicleType.BIKE, Fixtures.UTC);
  }

  @Test
  void acceptsAShortSlowTripInsideTheSlot() {
    // 10 km in 2 h = 5 km/h, 08:00–10:00 inside 07:00–15:30
    assertThat(bike().tryBook(trip("a", "2026-03-02T08:00", "2026-03-02T10:00", 10), SUB_TIME))
        .isTrue();
  }

  @Test
  void tripMustBeShorterThanMaxKmPerTrip() {
    // 15 km is not < 15 km
    assertThat(
            bike(VehicleType.EBIKE, Fixtures.UTC)
                .tryBook(trip("a", "2026-03-02T08:00", "2026-03-02T10:00", 15), SUB_TIME))
        .isFalse();
    assertThat(
            bike(VehicleType.EBIKE, Fixtures.UTC)
                .tryBook(trip("b", "2026-03-02T08:00", "2026-03-02T10:00", 14.9), SUB_TIME))
        .isTrue();
  }

  @Test
  void tripMustLieInsideASlot() {
    assertThat(bike().tryBook(trip("a", "2026-03-02T06:30", "2026-03-02T07:30", 2), SUB_TIME))
        .isFalse();
    assertThat(bike().tryBook(trip("b", "2026-03-02T15:00", "2026-03-02T15:31", 2), SUB_TIME))
        .isFalse();
    assertThat(bike().tryBook(trip("c", "2026-03-02T07:00", "2026-03-02T15:30", 2), SUB_TIME))
        .isTrue();
  }

  @Test
  void tripLongerThanTheLongestSlotIsRejected() {
    // 9 h > 8 h 30 min; with a second slot 00:00–23:00 the trip fits inside it
    assertThat(bike().tryBook(trip("a", "2026-03-02T07:00", "2026-03-02T16:00", 2), SUB_TIME))
        .isFalse();
    SimulationSettings wide =
        Fixtures.UTC.withOverrides(Map.of("bike_slots", "07:00-15:30,00:00-23:00"));
    assertThat(
            bike(VehicleType.BIKE, wide)
                .tryBook(trip("b", "2026-03-02T07:00", "2026-03-02T16:00", 2), SUB_TIME))
        .isTrue();
  }

  @Test
  void dailyRangeIsTwentyKmForABike() {
    Bicycle bike = bike();
    assertThat(bike.tryBook(trip("a", "2026-03-02T08:00", "2026-03-02T10:00", 10), SUB_TIME))
        .isTrue();
    // 10 + 10 = 20 ≤ 20
    assertThat(bike.tryBook(trip("b", "2026-03-02T10:30", "2026-03-02T12:30", 10), SUB_TIME))
        .isTrue();
    // 20 + 1 = 21 > 20
    assertThat(bike.tryBook(trip("c", "2026-03-02T13:00", "2026-03-02T14:00", 1), SUB_TIME))
        .isFalse();
    // a new day starts at 0 km
    assertThat(bike.tryBook(trip("d", "2026-03-03T08:00", "2026-03-03T09:00", 1), SUB_TIME))
        .isTrue();
  }

  @Test
  void dailyRangeIsFiftyKmForAnEbike() {
    Bicycle ebike = bike(VehicleType.EBIKE, Fixtures.UTC);
    // four 12 km trips of 1 h: 48 ≤ 50; a fifth 12 km would make 60 > 50
    for (int hour = 8; hour <= 11; hour++) {
      String start = "2026-03-02T%02d:00".formatted(hour);
      String end = "2026-03-02T%02d:50".formatted(hour);
      assertThat(ebike.tryBook(trip("t" + hour, start, end, 12), SUB_TIME)).isTrue();
    }
    assertThat(ebike.tryBook(trip("x", "2026-03-02T13:00", "2026-03-02T14:00", 2), SUB_TIME))
        .isTrue();
    assertThat(ebike.tryBook(trip("y", "2026-03-02T14:10", "2026-03-02T14:50", 1), SUB_TIME))
        .isFalse();
  }

  @Test
  void speedIsMeasuredOverTheDrivenSegments() {
    // 14 km driven in a 30 min segment = 28 km/h although the trip lasts 4 h:
    // not < 20 for a bike, < 30 for an e-bike
    SimTrip fast =
        trip(
            "a",
            "2026-03-02T08:00",
            "2026-03-02T12:00",
            14,
            segment("2026-03-02T08:00", "2026-03-02T08:30", 14));
    assertThat(bike().tryBook(fast, SUB_TIME)).isFalse();
    assertThat(bike(VehicleType.EBIKE, Fixtures.UTC).tryBook(fast, SUB_TIME)).isTrue();
  }

  @Test
  void percentageRuleTakesTheTargetShareOfQualifyingTrips() {
    Bicycle bike =
        bike(VehicleType.EBIKE, Fixtures.UTC.withOverrides(Map.of("percentage_of_trips", "50")));
    List<Boolean> taken = new ArrayList<>();
    for (int day = 2; day <= 5; day++) {
      String date = "2026-03-%02d".formatted(day);
      taken.add(bike.tryBook(trip("t" + day, date + "T08:00", date + "T09:00", 5), SUB_TIME));
    }
    // n = 1: 1 ≤ 0.5 no; n = 2: 1 ≤ 1 yes; n = 3: 2 ≤ 1.5 no; n = 4: 2 ≤ 2 yes
    assertThat(taken).containsExactly(false, true, false, true);
  }
}
