package dev.signalyard.fleet.simulation;

import java.util.Arrays;

/**
 * Which vehicle got each trip: for trip {@code i} the index of the vehicle in {@link
 * FleetInventory#vehicles()}, or {@link #UNALLOCATED}. Immutable.
 */
public final class Allocation {
  /** Marks a trip no vehicle took (it goes to the employee's own car). */
  public static final int UNALLOCATED = -1;

  private final int[] vehicleIndex;

  private Allocation(int[] vehicleIndex) {
    this.vehicleIndex = vehicleIndex;
  }

  /** An allocation from per-trip vehicle indexes (copied). */
  public static Allocation of(int[] vehicleIndex) {
    return new Allocation(vehicleIndex.clone());
  }

  /** Number of trips. */
  public int size() {
    return vehicleIndex.length;
  }

  /** Vehicle index of trip {@code tripIndex}, or {@link #UNALLOCATED}. */
  public int vehicleIndex(int tripIndex) {
    return vehicleIndex[tripIndex];
  }

  /** Number of trips no vehicle took. */
  public int unallocatedCount() {
    return (int) Arrays.stream(vehicleIndex).filter(i -> i == UNALLOCATED).count();
  }
}
