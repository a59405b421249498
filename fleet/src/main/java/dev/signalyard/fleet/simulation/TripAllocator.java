package dev.signalyard.fleet.simulation;

import java.util.List;

/**
 * Books trips on a simulated fleet. The greedy allocator is {@link GreedyAllocator}; an intelligent
 * (exact) allocator implements the same contract. Implementations must be thread-safe (they are
 * shared by concurrent simulations); the {@link FleetInventory} they get is theirs alone.
 */
@FunctionalInterface
public interface TripAllocator {
  /**
   * Books the trips.
   *
   * @param tripsInStartOrder the trips, sorted by start
   * @param fleet fresh vehicles with their acceptance state; book through {@link
   *     FleetInventory#tryBook(SimulatedVehicle, SimTrip)} so the acceptance rules apply
   * @param settings the settings of the run
   * @param context progress, cancellation and period facts
   * @return for each trip the index (in {@link FleetInventory#vehicles()}) of its vehicle, or -1
   * @throws SimulationCancelledException when {@code context} says so
   */
  Allocation allocate(
      List<SimTrip> tripsInStartOrder,
      FleetInventory fleet,
      SimulationSettings settings,
      AllocationContext context);
}
