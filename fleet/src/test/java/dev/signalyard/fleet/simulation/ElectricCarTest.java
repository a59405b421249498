package dev.signalyard.fleet.simulation;

import static dev.signalyard.fleet.simulation.Fixtures.segment;
import static dev.signalyard.fleet.simulation.Fixtures.trip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ElectricCarTest {
  private static final Duration SUB_TIME = Duration.ofMinutes(5);
  private static final LeaseLimit NO_LIMIT = new LeaseLimit(false, 30);

  private static ElectricCar car(Double range, Double capacityDecrease, Double sleep) {
    Vehicle vehicle =
        new Vehicle(
            1,
            "Renault Zoe (EL11111)",
            VehicleType.EV,
            3,
            null,
            150.0,
            capacityDecrease,
            range,
            25_000.0,
            null,
            sleep);
    return new ElectricCar(vehicle, 0, NO_LIMIT);
  }

  @Test
  void usableRangeIsReducedByCapacityDecreaseAndDefaultsTo500() {
    // 200 × (1 − 10/100) = 180 km
    assertThat(car(200.0, 10.0, 7.0).remainingKm()).isCloseTo(180, within(1e-9));
    // no range recorded: 500 × (1 − 0) = 500 km
    assertThat(car(null, null, 7.0).remainingKm()).isCloseTo(500, within(1e-9));
  }

  @Test
  void rangeIsUsedUpWithinTheWindowAndResetAfter24Hours() {
    ElectricCar car = car(200.0, 10.0, 7.0);
    // 100 of 180 km: accepted, 80 km left
    assertThat(car.tryBook(trip("a", "2026-03-02T08:00", "2026-03-02T10:00", 100), SUB_TIME))
        .isTrue();
    assertThat(car.remainingKm()).isCloseTo(80, within(1e-9));
    // 90 > 80 km left and no segments to recharge in: rejected
    assertThat(car.tryBook(trip("b", "2026-03-02T11:00", "2026-03-02T12:00", 90), SUB_TIME))
        .isFalse();
    // 80 ≤ 80: accepted, nothing left
    assertThat(car.tryBook(trip("c", "2026-03-02T13:00", "2026-03-02T14:00", 80), SUB_TIME))
        .isTrue();
    // 07:59 next day is still inside the window opened at 08:00: 1 km > 0 km left
    assertThat(car.tryBook(trip("d", "2026-03-03T07:59", "2026-03-03T08:00", 1), SUB_TIME))
        .isFalse();
    // 08:10 next day opens a new window with the full 180 km
    assertThat(car.tryBook(trip("e", "2026-03-03T08:10", "2026-03-03T09:00", 150), SUB_TIME))
        .isTrue();
    assertThat(car.remainingKm()).isCloseTo(30, within(1e-9));
  }

  @Test
  void needsSleepHoursIdleInTheWindow() {
    // 17 h of driving leaves 24 − 17 = 7 h ≥ 7 h sleep: accepted
    assertThat(
            car(200.0, 0.0, 7.0)
                .tryBook(trip("a", "2026-03-02T08:00", "2026-03-03T01:00", 10), SUB_TIME))
        .isTrue();
    // 18 h leaves 6 h < 7 h, and the trip has no gap to charge in: rejected
    assertThat(
            car(200.0, 0.0, 7.0)
                .tryBook(trip("b", "2026-03-02T08:00", "2026-03-03T02:00", 10), SUB_TIME))
        .isFalse();
  }

  @Test
  void missingSleepMeansSevenHours() {
    // reference defect 10: null sleep must act as 7 h, not fail every time check
    assertThat(
            car(200.0, 0.0, null)
                .tryBook(trip("a", "2026-03-02T08:00", "2026-03-03T01:00", 10), SUB_TIME))
        .isTrue();
    assertThat(
            car(200.0, 0.0, null)
                .tryBook(trip("b", "2026-03-02T08:00", "2026-03-03T02:00", 10), SUB_TIME))
        .isFalse();
  }

  @Test
  void sleepIsEnforcedForTripsWithSegments() {
    // reference defect 1: 19 h trip with legs every 6 h (gaps of 5 h < 7 h sleep):
    // idle 24 − 19 = 5 h < 7 h and no gap long enough to charge: rejected although range suffices
    SimTrip tiring =
        trip(
            "a",
            "2026-03-02T06:00",
            "2026-03-03T01:00",
            40,
            segment("2026-03-02T06:00", "2026-03-02T07:00", 10),
            segment("2026-03-02T12:00", "2026-03-02T13:00", 10),
            segment("2026-03-02T18:00", "2026-03-02T19:00", 10),
            segment("2026-03-03T00:00", "2026-03-03T01:00", 10));
    assertThat(car(200.0, 0.0, 7.0).tryBook(tiring, SUB_TIME)).isFalse();
  }

  @Test
  void aLongGapBetweenSegmentsRechargesToFullRange() {
    ElectricCar car = car(100.0, 0.0, 7.0);
    // 160 km > 100 km range; walk: leg 1 80 km (20 left), gap 10 h > 7 h recharges to 100,
    // leg 2 80 km (20 left): accepted
    SimTrip twoLegs =
        trip(
            "a",
            "2026-03-02T08:00",
            "2026-03-02T20:00",
            160,
            segment("2026-03-02T08:00", "2026-03-02T09:00", 80),
            segment("2026-03-02T19:00", "2026-03-02T20:00", 80));
    assertThat(car.tryBook(twoLegs, SUB_TIME)).isTrue();
    assertThat(car.remainingKm()).isCloseTo(20, within(1e-9));
    // the recharge opened a new window at 19:00, so 30 km at 21:00 exceed the 20 km left
    assertThat(car.tryBook(trip("b", "2026-03-02T21:00", "2026-03-02T22:00", 30), SUB_TIME))
        .isFalse();
    // a gap of exactly 7 h does not recharge ("longer than sleep"): 80 + 80 > 100
    SimTrip exactGap =
        trip(
            "c",
            "2026-03-05T08:00",
            "2026-03-05T17:00",
            160,
            segment("2026-03-05T08:00", "2026-03-05T09:00", 80),
            segment("2026-03-05T16:00", "2026-03-05T17:00", 80));
    assertThat(car(100.0, 0.0, 7.0).tryBook(exactGap, SUB_TIME)).isFalse();
  }

  @Test
  void aRejectedTripLeavesTheStateUntouched() {
    // reference defect 9: nothing is credited back or reset by a failed booking
    ElectricCar car = car(100.0, 0.0, 7.0);
    assertThat(car.tryBook(trip("a", "2026-03-02T08:00", "2026-03-02T09:00", 60), SUB_TIME))
        .isTrue();
    // busy: starts before 09:00 + 5 min
    assertThat(car.tryBook(trip("b", "2026-03-02T09:04", "2026-03-02T09:30", 10), SUB_TIME))
        .isFalse();
    assertThat(car.remainingKm()).isCloseTo(40, within(1e-9));
    assertThat(car.kmDriven()).isCloseTo(60, within(1e-9));
  }

  @Test
  void leasedKmAreKeptWithLimitKm() {
    Vehicle vehicle =
        new Vehicle(
            1,
            "Renault Zoe (EL11111)",
            VehicleType.EV,
            3,
            null,
            150.0,
            null,
            500.0,
            0.0,
            1000.0,
            7.0);
    // period 36.5 days: yearly = km / 36.5 × 365 = 10 × km; limit 1.15 × 1000 = 1150 → km ≤ 115
    ElectricCar car = new ElectricCar(vehicle, 0, new LeaseLimit(true, 36.5));
    assertThat(car.tryBook(trip("a", "2026-03-02T08:00", "2026-03-02T09:00", 100), SUB_TIME))
        .isTrue();
    assertThat(car.tryBook(trip("b", "2026-03-03T10:00", "2026-03-03T11:00", 16), SUB_TIME))
        .isFalse();
    assertThat(car.tryBook(trip("c", "2026-03-03T12:00", "2026-03-03T13:00", 15), SUB_TIME))
        .isTrue();
  }
}
