package dev.signalyard.streams.simulation;

import dev.signalyard.fleet.simulation.Allocation;
import dev.signalyard.fleet.simulation.AllocationContext;
import dev.signalyard.fleet.simulation.FleetInventory;
import dev.signalyard.fleet.simulation.SimTrip;
import dev.signalyard.fleet.simulation.SimulationSettings;
import dev.signalyard.fleet.simulation.TripAllocator;
import java.util.List;
import java.util.function.Supplier;

/**
 * An allocator created on its first use, for allocators that are expensive to create (the
 * intelligent allocator loads OR-Tools' native libraries) and rarely used.
 *
 * <p>Thread-safety: thread-safe when the created allocator is; it is created once.
 */
final class LazyAllocator implements TripAllocator {

  private final Supplier<TripAllocator> factory;
  private volatile TripAllocator allocator;

  LazyAllocator(Supplier<TripAllocator> factory) {
    this.factory = factory;
  }

  @Override
  public Allocation allocate(
      List<SimTrip> tripsInStartOrder,
      FleetInventory fleet,
      SimulationSettings settings,
      AllocationContext context) {
    return allocator().allocate(tripsInStartOrder, fleet, settings, context);
  }

  private TripAllocator allocator() {
    TripAllocator created = allocator;
    if (created == null) {
      synchronized (this) {
        if (allocator == null) {
          allocator = factory.get();
        }
        created = allocator;
      }
    }
    return created;
  }
}
