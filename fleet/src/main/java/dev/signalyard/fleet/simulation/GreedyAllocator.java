package dev.signalyard.fleet.simulation;

import java.util.List;

/**
 * Books each trip, in start order, on the first vehicle of the preference order ({@link
 * VehicleOrder}) that is free and accepts it; a trip no vehicle takes stays unallocated. Stateless
 * and thread-safe.
 */
public final class GreedyAllocator implements TripAllocator {
  private static final int CHECKPOINT_EVERY = 250;

  @Override
  public Allocation allocate(
      List<SimTrip> tripsInStartOrder,
      FleetInventory fleet,
      SimulationSettings settings,
      AllocationContext context) {
    int[] taker = new int[tripsInStartOrder.size()];
    for (int i = 0; i < taker.length; i++) {
      if (i % CHECKPOINT_EVERY == 0) {
        context.checkpoint(i, taker.length);
      }
      taker[i] = fleet.bookFirst(tripsInStartOrder.get(i));
    }
    context.checkpoint(taker.length, taker.length);
    return Allocation.of(taker);
  }
}
