package dev.signalyard.fleet.simulation;

import java.time.Duration;
import java.time.Instant;

/**
 * One vehicle of the simulated fleet during a run: its bookings so far and the acceptance rules of
 * its kind. Not thread-safe: it belongs to one {@link FleetInventory}.
 *
 * <p>Booking checks availability first and then acceptance, and commits state only when both pass,
 * so nothing ever has to be rolled back (reference defect 9).
 */
public abstract sealed class SimulatedVehicle permits FossilCar, ElectricCar, Bicycle {
  private final Vehicle vehicle;
  private final int index;
  private double kmDriven;
  private int tripCount;
  private Instant busyUntil;

  SimulatedVehicle(Vehicle vehicle, int index) {
    this.vehicle = vehicle;
    this.index = index;
  }

  /** The vehicle's attributes. */
  public Vehicle vehicle() {
    return vehicle;
  }

  /** Position in {@link FleetInventory#vehicles()}. */
  public int index() {
    return index;
  }

  /** Km booked so far. */
  public double kmDriven() {
    return kmDriven;
  }

  /** Trips booked so far. */
  public int tripCount() {
    return tripCount;
  }

  /** End of the last booking, or null. */
  public Instant busyUntil() {
    return busyUntil;
  }

  /** Free for the trip: it starts strictly after the previous booking's end plus the changeover. */
  public boolean isFree(SimTrip trip, Duration subTime) {
    return busyUntil == null || trip.start().isAfter(busyUntil.plus(subTime));
  }

  /**
   * Books the trip when the vehicle is free and accepts it.
   *
   * @return true when booked
   */
  final boolean tryBook(SimTrip trip, Duration subTime) {
    if (!isFree(trip, subTime) || !accepts(trip)) {
      return false;
    }
    commit(trip);
    kmDriven += trip.distanceKm();
    tripCount++;
    busyUntil = trip.end();
    return true;
  }

  /**
   * Decides whether the vehicle takes the trip, given the bookings so far. May remember the state
   * the trip would lead to, for {@link #commit}, which is called right after a true answer.
   */
  abstract boolean accepts(SimTrip trip);

  /** Applies the state computed by the last accepting {@link #accepts} call. */
  abstract void commit(SimTrip trip);
}
