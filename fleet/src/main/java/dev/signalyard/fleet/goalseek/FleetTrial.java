package dev.signalyard.fleet.goalseek;

import dev.signalyard.fleet.simulation.Allocation;
import dev.signalyard.fleet.simulation.AllocationContext;
import dev.signalyard.fleet.simulation.Cancellation;
import dev.signalyard.fleet.simulation.ConsequenceCalculator;
import dev.signalyard.fleet.simulation.Consequences;
import dev.signalyard.fleet.simulation.FleetInventory;
import dev.signalyard.fleet.simulation.PeriodDays;
import dev.signalyard.fleet.simulation.ProgressListener;
import dev.signalyard.fleet.simulation.SimTrip;
import dev.signalyard.fleet.simulation.SimulationSettings;
import dev.signalyard.fleet.simulation.TripAllocator;
import dev.signalyard.fleet.simulation.Vehicle;
import java.util.List;

/**
 * Simulates a candidate fleet on a set of trips with the request's allocator and settings, and
 * tells whether it drives them: at most {@code round(days ÷ slack)} trips unallocated ({@code 0}
 * when {@code slack} is 0) and none of those longer than {@code max_undriven} km. The whole fleet
 * is judged, never only its counts per kind (reference defect 12). Immutable and thread-safe when
 * its allocator is.
 */
final class FleetTrial {
  /** The result of one trial. */
  record Result(List<Vehicle> fleet, Allocation allocation, double days, boolean drivable) {}

  private final TripAllocator allocator;
  private final SimulationSettings settings;
  private final boolean limitKm;
  private final Cancellation cancel;

  FleetTrial(
      TripAllocator allocator, SimulationSettings settings, boolean limitKm, Cancellation cancel) {
    this.allocator = allocator;
    this.settings = settings;
    this.limitKm = limitKm;
    this.cancel = cancel;
  }

  /** Books the trips (in start order) on the fleet and judges the result. */
  Result run(List<SimTrip> trips, List<Vehicle> fleet) {
    double days = PeriodDays.of(trips);
    FleetInventory inventory = new FleetInventory(fleet, settings, days, limitKm);
    Allocation allocation =
        allocator.allocate(
            trips,
            inventory,
            settings,
            new AllocationContext(ProgressListener.NONE, cancel, days, 0, 1));
    int unallocated = 0;
    double longest = 0;
    for (int i = 0; i < trips.size(); i++) {
      if (allocation.vehicleIndex(i) == Allocation.UNALLOCATED) {
        unallocated++;
        longest = Math.max(longest, trips.get(i).distanceKm());
      }
    }
    long allowed = settings.slack() == 0 ? 0 : Math.round(days / settings.slack());
    boolean drivable = unallocated <= allowed && longest <= settings.maxUndriven();
    return new Result(fleet, allocation, days, drivable);
  }

  /** The yearly consequences of a trial's fleet. */
  Consequences price(List<SimTrip> trips, Result result) {
    double[] km = new double[result.fleet().size()];
    double unallocatedKm = 0;
    for (int i = 0; i < trips.size(); i++) {
      int taker = result.allocation().vehicleIndex(i);
      if (taker == Allocation.UNALLOCATED) {
        unallocatedKm += trips.get(i).distanceKm();
      } else {
        km[taker] += trips.get(i).distanceKm();
      }
    }
    return new ConsequenceCalculator(settings)
        .price(result.fleet(), km, unallocatedKm, result.days())
        .consequences();
  }
}
