package dev.signalyard.fleet.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.fleet.simulation.Allocation;
import dev.signalyard.fleet.simulation.AllocationContext;
import dev.signalyard.fleet.simulation.Cancellation;
import dev.signalyard.fleet.simulation.FleetInventory;
import dev.signalyard.fleet.simulation.GreedyAllocator;
import dev.signalyard.fleet.simulation.ProgressListener;
import dev.signalyard.fleet.simulation.SimTrip;
import dev.signalyard.fleet.simulation.SimulationCancelledException;
import dev.signalyard.fleet.simulation.SimulationSettings;
import dev.signalyard.fleet.simulation.TripAllocator;
import dev.signalyard.fleet.simulation.Vehicle;
import dev.signalyard.fleet.simulation.VehicleType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class IntelligentAllocatorTest {
  private static final SimulationSettings UTC =
      SimulationSettings.defaults().withOverrides(Map.of("time_zone", "UTC"));
  private static final TripAllocator ALLOCATOR =
      new IntelligentAllocator(Duration.ofSeconds(10), 1);

  // Objective cost per km with the default settings (TCO at 10,000 km/yr, + g/km x 5000 / 1e6):
  // EV 150 Wh/km, 30,000 DKK/yr: (30,000 + 1,500 kWh x 2.13 / 1.04 + 0.135 t x 1500 / 1.04)
  //   / 10,000 = 3.3267, + 13.5 g/km x 0.005 = 3.3942 DKK/km.
  // Petrol 20 km/l, 30,000 DKK/yr: (30,000 + 500 l x 12.33 / 1.04 + 1.26 t x 1500 / 1.04)
  //   / 10,000 = 3.7745, + 126 g/km x 0.005 = 4.4045 DKK/km.
  private static final Vehicle EV =
      new Vehicle(1, "Zoe (EL1)", VehicleType.EV, 3, null, 150.0, null, 100.0, 30_000.0, null, 7.0);
  private static final Vehicle PETROL =
      new Vehicle(
          2, "Yaris (AB1)", VehicleType.FOSSIL, 1, 20.0, null, null, null, 30_000.0, null, null);

  @Test
  void aSmallDayIsAssignedAtTheLowestCost() {
    // A 08-10 60 km and B 09-11 50 km overlap; C 12-13 30 km; D 14-15 20 km. The EV (range 100 km)
    // is 1.01 DKK/km cheaper, so the best plan puts as many km on it as fit in 100 km without
    // overlap: {B, C, D} = 100 km (the alternatives {A, C} = 90, {A, D} = 80 km), and A on the car.
    // Cost: 100 x 3.3942 + 60 x 4.4045 = 603.69 DKK; greedy (A and C on the EV, then D no longer
    // fits) costs 90 x 3.3942 + 70 x 4.4045 = 613.79 DKK.
    List<SimTrip> trips =
        List.of(
            trip("A", "2026-03-02T08:00", "2026-03-02T10:00", 60),
            trip("B", "2026-03-02T09:00", "2026-03-02T11:00", 50),
            trip("C", "2026-03-02T12:00", "2026-03-02T13:00", 30),
            trip("D", "2026-03-02T14:00", "2026-03-02T15:00", 20));
    List<Vehicle> fleet = List.of(EV, PETROL);

    assertThat(takers(ALLOCATOR, fleet, trips)).containsExactly(1, 0, 0, 0);
    assertThat(takers(new GreedyAllocator(), fleet, trips)).containsExactly(0, 1, 0, 1);
    TcoCostCheck check = new TcoCostCheck(trips, fleet);
    assertThat(check.cost(takers(ALLOCATOR, fleet, trips)))
        .isCloseTo(603.69, Assertions.within(0.01));
    assertThat(check.cost(takers(new GreedyAllocator(), fleet, trips)))
        .isCloseTo(613.79, Assertions.within(0.01));
  }

  @Test
  void overlappingTripsNeverShareAVehicle() {
    Random random = new Random(7);
    List<Vehicle> fleet =
        List.of(
            EV,
            PETROL,
            new Vehicle(
                3, "Zoe (EL2)", VehicleType.EV, 3, null, 170.0, null, 250.0, 28_000.0, null, 8.0));
    for (int round = 0; round < 20; round++) {
      List<SimTrip> trips = new ArrayList<>();
      for (int t = 0; t < 12; t++) {
        Instant start =
            LocalDateTime.parse("2026-03-02T06:00")
                .plusMinutes(random.nextInt(12 * 60))
                .toInstant(ZoneOffset.UTC);
        Instant end = start.plus(Duration.ofMinutes(10 + random.nextInt(180)));
        trips.add(new SimTrip("t" + t, 1, start, end, 1 + random.nextInt(80), List.of()));
      }
      trips.sort(Comparator.comparing(SimTrip::start));
      int[] takers = takers(ALLOCATOR, fleet, trips);
      for (int a = 0; a < trips.size(); a++) {
        for (int b = a + 1; b < trips.size(); b++) {
          if (takers[a] != Allocation.UNALLOCATED && takers[a] == takers[b]) {
            // b starts at or after a; it must start after a's end plus the 5-minute changeover
            assertThat(trips.get(b).start())
                .as("round %d: trips %d and %d on vehicle %d", round, a, b, takers[a])
                .isAfter(trips.get(a).end().plus(UTC.subTime()));
          }
        }
      }
    }
  }

  @Test
  void theEmployeeCarTakesWhatNoVehicleCan() {
    List<SimTrip> trips =
        List.of(
            trip("far", "2026-03-02T08:00", "2026-03-02T12:00", 140), // beyond the EV's 100 km
            trip("a", "2026-03-02T13:00", "2026-03-02T14:00", 10),
            trip("b", "2026-03-02T13:30", "2026-03-02T14:30", 10)); // overlaps a, one EV only
    int[] takers = takers(ALLOCATOR, List.of(EV), trips);
    assertThat(takers[0]).isEqualTo(Allocation.UNALLOCATED);
    assertThat(List.of(takers[1], takers[2])).containsExactlyInAnyOrder(0, Allocation.UNALLOCATED);
  }

  @Test
  void aMultiDayTripBlocksItsCarUntilItEnds() {
    List<SimTrip> trips =
        List.of(
            trip("tour", "2026-03-02T20:00", "2026-03-04T08:00", 300),
            trip("tuesday", "2026-03-03T10:00", "2026-03-03T11:00", 15),
            trip("wednesday", "2026-03-04T10:00", "2026-03-04T11:00", 15));
    assertThat(takers(ALLOCATOR, List.of(PETROL), trips))
        .containsExactly(0, Allocation.UNALLOCATED, 0);
  }

  @Test
  void bikesTakeWhatTheyCanFirst() {
    Vehicle bike =
        new Vehicle(3, "Cykel (C1)", VehicleType.BIKE, 10, null, null, null, null, 0.0, null, null);
    List<SimTrip> trips =
        List.of(
            trip("errand", "2026-03-02T09:00", "2026-03-02T10:00", 5), // 5 km/h, in the slot
            trip("visit", "2026-03-02T11:00", "2026-03-02T12:00", 40)); // too far for a bike
    assertThat(takers(ALLOCATOR, List.of(PETROL, bike), trips)).containsExactly(1, 0);
  }

  @Test
  void cancellationStopsTheAllocation() {
    List<SimTrip> trips = List.of(trip("a", "2026-03-02T09:00", "2026-03-02T10:00", 5));
    FleetInventory inventory = new FleetInventory(List.of(PETROL), UTC, 1, false);
    Assertions.assertThatThrownBy(
            () ->
                ALLOCATOR.allocate(
                    trips,
                    inventory,
                    UTC,
                    new AllocationContext(ProgressListener.NONE, () -> true, 1, 0, 1)))
        .isInstanceOf(SimulationCancelledException.class);
  }

  private static int[] takers(TripAllocator allocator, List<Vehicle> fleet, List<SimTrip> trips) {
    FleetInventory inventory = new FleetInventory(fleet, UTC, 30, false);
    Allocation allocation =
        allocator.allocate(
            trips,
            inventory,
            UTC,
            new AllocationContext(ProgressListener.NONE, Cancellation.NEVER, 30, 0, 1));
    int[] takers = new int[allocation.size()];
    for (int i = 0; i < takers.length; i++) {
      takers[i] = allocation.vehicleIndex(i);
    }
    return takers;
  }

  private static SimTrip trip(String id, String start, String end, double km) {
    return new SimTrip(
        id,
        1,
        LocalDateTime.parse(start).toInstant(ZoneOffset.UTC),
        LocalDateTime.parse(end).toInstant(ZoneOffset.UTC),
        km,
        List.of());
  }

  /** The objective of the model, recomputed from the hand-derived costs per km above. */
  private record TcoCostCheck(List<SimTrip> trips, List<Vehicle> fleet) {
    double cost(int[] takers) {
      double cost = 0;
      for (int i = 0; i < takers.length; i++) {
        double perKm =
            takers[i] == Allocation.UNALLOCATED
                ? 22
                : fleet.get(takers[i]).type() == VehicleType.EV ? 3.39418 : 4.40452;
        cost += trips.get(i).distanceKm() * perKm;
      }
      return cost;
    }
  }
}
