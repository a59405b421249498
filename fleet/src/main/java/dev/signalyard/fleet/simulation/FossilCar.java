package dev.signalyard.fleet.simulation;

/**
 * A fossil car: accepts every trip, except that with {@code limit_km} it keeps within its leased
 * km. Not thread-safe.
 */
final class FossilCar extends SimulatedVehicle {
  private final LeaseLimit leaseLimit;

  FossilCar(Vehicle vehicle, int index, LeaseLimit leaseLimit) {
    super(vehicle, index);
    this.leaseLimit = leaseLimit;
  }

  @Override
  boolean accepts(SimTrip trip) {
    return leaseLimit.allows(vehicle(), kmDriven(), trip.distanceKm());
  }

  @Override
  void commit(SimTrip trip) {
    // A fossil car keeps no state beyond the km and busy time of every vehicle.
  }
}
