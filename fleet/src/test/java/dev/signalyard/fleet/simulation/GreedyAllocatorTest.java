package dev.signalyard.fleet.simulation;

import static dev.signalyard.fleet.simulation.Fixtures.trip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GreedyAllocatorTest {
  private static int[] allocate(List<Vehicle> fleet, SimTrip... trips) {
    FleetInventory inventory = new FleetInventory(fleet, Fixtures.UTC, 30, false);
    Allocation allocation =
        new GreedyAllocator()
            .allocate(
                List.of(trips),
                inventory,
                Fixtures.UTC,
                new AllocationContext(ProgressListener.NONE, Cancellation.NEVER, 30, 0, 1));
    int[] takers = new int[allocation.size()];
    for (int i = 0; i < takers.length; i++) {
      takers[i] = allocation.vehicleIndex(i);
    }
    return takers;
  }

  @Test
  void vehiclesAreOfferedBikesFirstThenByEmissionThenByCost() {
    Vehicle petrol20 = Fixtures.petrolCar(1, "Yaris (A1)", 20, 30_000); // 126 g/km
    Vehicle petrol25 = Fixtures.petrolCar(2, "Yaris (A2)", 25, 30_000); // 100.8 g/km
    Vehicle petrol25Cheap = Fixtures.petrolCar(3, "Yaris (A3)", 25, 20_000); // 100.8 g/km, cheaper
    Vehicle ev = Fixtures.ev(4, "Zoe (E1)", 150, 300.0, 50_000); // 13.5 g/km
    Vehicle bike = Fixtures.bike(5, VehicleType.BIKE); // 0 g/km
    FleetInventory inventory =
        new FleetInventory(
            List.of(petrol20, petrol25, petrol25Cheap, ev, bike), Fixtures.UTC, 30, false);
    assertThat(inventory.preferenceOrder())
        .extracting(v -> v.vehicle().id())
        .containsExactly(5L, 4L, 3L, 2L, 1L);
  }

  @Test
  void firstFreeAcceptingVehicleWinsElseUnallocated() {
    Vehicle bike = Fixtures.bike(1, VehicleType.BIKE);
    Vehicle car = Fixtures.petrolCar(2, "Yaris (A1)", 20, 30_000);
    int[] takers =
        allocate(
            List.of(car, bike),
            trip("short", "2026-03-02T08:00", "2026-03-02T09:00", 5), // bike (first in order)
            trip("long", "2026-03-02T08:30", "2026-03-02T09:30", 50), // bike busy and too far: car
            trip("clash", "2026-03-02T09:00", "2026-03-02T10:00", 40)); // bike too far, car busy
    assertThat(takers).containsExactly(1, 0, Allocation.UNALLOCATED);
  }

  @Test
  void identicalCarsShareTheWorkByKmDriven() {
    Vehicle first = Fixtures.ev(1, "Zoe (E1)", 150, 300.0, 25_000);
    Vehicle second = Fixtures.ev(2, "Zoe (E2)", 150, 300.0, 25_000);
    int[] takers =
        allocate(
            List.of(first, second),
            trip("a", "2026-03-02T08:00", "2026-03-02T09:00", 10), // E1 (0 = 0 km, input order)
            trip("b", "2026-03-02T10:00", "2026-03-02T11:00", 5), // E2 has 0 < 10 km
            trip("c", "2026-03-02T12:00", "2026-03-02T13:00", 1), // E2 has 5 < 10 km
            trip("d", "2026-03-02T14:00", "2026-03-02T15:00", 5)); // E2 has 6 < 10 km
    assertThat(takers).containsExactly(0, 1, 1, 1);
  }

  @Test
  void differentCarsKeepTheirOrderWhateverTheirKm() {
    Vehicle clean = Fixtures.petrolCar(1, "Yaris (A1)", 25, 30_000);
    Vehicle dirty = Fixtures.petrolCar(2, "Yaris (A2)", 20, 30_000);
    List<SimTrip> trips = new ArrayList<>();
    for (int day = 2; day <= 4; day++) {
      String date = "2026-03-%02d".formatted(day);
      trips.add(trip("t" + day, date + "T08:00", date + "T09:00", 100));
    }
    assertThat(allocate(List.of(dirty, clean), trips.toArray(SimTrip[]::new)))
        .containsExactly(1, 1, 1);
  }

  @Test
  void progressReachesOneAndCancellationStops() {
    List<Double> fractions = new ArrayList<>();
    FleetInventory inventory =
        new FleetInventory(
            List.of(Fixtures.petrolCar(1, "Yaris (A1)", 20, 0)), Fixtures.UTC, 30, false);
    new GreedyAllocator()
        .allocate(
            List.of(trip("a", "2026-03-02T08:00", "2026-03-02T09:00", 5)),
            inventory,
            Fixtures.UTC,
            new AllocationContext((f, m) -> fractions.add(f), Cancellation.NEVER, 30, 0.1, 0.9));
    assertThat(fractions).isSorted().startsWith(0.1).endsWith(0.9);
    FleetInventory other =
        new FleetInventory(
            List.of(Fixtures.petrolCar(1, "Yaris (A1)", 20, 0)), Fixtures.UTC, 30, false);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new GreedyAllocator()
                    .allocate(
                        List.of(trip("a", "2026-03-02T08:00", "2026-03-02T09:00", 5)),
                        other,
                        Fixtures.UTC,
                        new AllocationContext(ProgressListener.NONE, () -> true, 30, 0, 1)))
        .isInstanceOf(SimulationCancelledException.class);
  }
}
