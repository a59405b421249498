package dev.signalyard.fleet.simulation;

import static dev.signalyard.fleet.simulation.Fixtures.trip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FossilCarTest {
  private static final Duration SUB_TIME = Duration.ofMinutes(5);

  private static Vehicle car(Double kmAar) {
    return new Vehicle(
        1,
        "Toyota Yaris (AB12345)",
        VehicleType.FOSSIL,
        1,
        20.0,
        null,
        null,
        null,
        0.0,
        kmAar,
        null);
  }

  @Test
  void acceptsAnyTripWhenFree() {
    FossilCar car = new FossilCar(car(1000.0), 0, new LeaseLimit(false, 1));
    assertThat(car.tryBook(trip("a", "2026-03-02T08:00", "2026-03-05T08:00", 5_000), SUB_TIME))
        .isTrue();
  }

  @Test
  void freeMeansStartingStrictlyAfterTheLastEndPlusSubTime() {
    FossilCar car = new FossilCar(car(null), 0, new LeaseLimit(false, 1));
    assertThat(car.tryBook(trip("a", "2026-03-02T08:00", "2026-03-02T09:00", 10), SUB_TIME))
        .isTrue();
    // 09:05 is not after 09:00 + 5 min
    assertThat(car.tryBook(trip("b", "2026-03-02T09:05", "2026-03-02T10:00", 10), SUB_TIME))
        .isFalse();
    assertThat(car.tryBook(trip("c", "2026-03-02T09:06", "2026-03-02T10:00", 10), SUB_TIME))
        .isTrue();
  }

  @Test
  void limitKmRejectsBeyond115PercentOfLeasedKm() {
    // period 73 days: yearly = km / 73 × 365 = 5 × km; limit 1.15 × 2000 = 2300 → km ≤ 460
    FossilCar car = new FossilCar(car(2000.0), 0, new LeaseLimit(true, 73));
    assertThat(car.tryBook(trip("a", "2026-03-02T08:00", "2026-03-02T09:00", 400), SUB_TIME))
        .isTrue();
    assertThat(car.tryBook(trip("b", "2026-03-02T10:00", "2026-03-02T11:00", 61), SUB_TIME))
        .isFalse();
    assertThat(car.tryBook(trip("c", "2026-03-02T12:00", "2026-03-02T13:00", 60), SUB_TIME))
        .isTrue();
  }

  @Test
  void noLeasedKmMeansNoLimit() {
    FossilCar car = new FossilCar(car(null), 0, new LeaseLimit(true, 1));
    assertThat(car.tryBook(trip("a", "2026-03-02T08:00", "2026-03-02T09:00", 100_000), SUB_TIME))
        .isTrue();
  }
}
