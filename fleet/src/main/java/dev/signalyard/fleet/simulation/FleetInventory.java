package dev.signalyard.fleet.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The simulated fleet during one run: a {@link SimulatedVehicle} per vehicle (acceptance state and
 * bookings) and the greedy preference order. Built fresh for every run. Not thread-safe.
 */
public final class FleetInventory {
  private final List<SimulatedVehicle> vehicles;
  private final VehicleOrder order;
  private final Duration subTime;
  private final double periodDays;
  private final boolean limitKm;

  /**
   * @param fleet the simulated vehicles, already expanded by count
   * @param settings settings of the run
   * @param periodDays period length ({@link PeriodDays}) for the {@code km_aar} rule
   * @param limitKm whether cars keep within their leased km
   */
  public FleetInventory(
      List<Vehicle> fleet, SimulationSettings settings, double periodDays, boolean limitKm) {
    LeaseLimit leaseLimit = new LeaseLimit(limitKm, periodDays);
    List<SimulatedVehicle> built = new ArrayList<>(fleet.size());
    for (Vehicle vehicle : fleet) {
      int index = built.size();
      built.add(
          switch (vehicle.type()) {
            case BIKE, EBIKE -> new Bicycle(vehicle, index, settings);
            case EV -> new ElectricCar(vehicle, index, leaseLimit);
            case FOSSIL -> new FossilCar(vehicle, index, leaseLimit);
          });
    }
    this.vehicles = Collections.unmodifiableList(built);
    this.order = new VehicleOrder(built, new TcoCalculator(settings));
    this.subTime = settings.subTime();
    this.periodDays = periodDays;
    this.limitKm = limitKm;
  }

  /** The period length in days ({@link PeriodDays}) the {@code km_aar} rule scales with. */
  public double periodDays() {
    return periodDays;
  }

  /** Whether cars keep within 115 % of their leased {@code km_aar}. */
  public boolean limitKm() {
    return limitKm;
  }

  /** The changeover time ({@code sub_time}) a vehicle needs between two bookings. */
  public Duration subTime() {
    return subTime;
  }

  /** The vehicles in input order; a vehicle's index is its position here. */
  public List<SimulatedVehicle> vehicles() {
    return vehicles;
  }

  /** The vehicles in the current greedy preference order (a copy). */
  public List<SimulatedVehicle> preferenceOrder() {
    return List.copyOf(order.vehicles());
  }

  /**
   * Books the trip on the vehicle when it is free (start after its last booking's end plus {@code
   * sub_time}) and accepts the trip; keeps the preference order up to date.
   *
   * @return true when booked
   */
  public boolean tryBook(SimulatedVehicle vehicle, SimTrip trip) {
    if (!vehicle.tryBook(trip, subTime)) {
      return false;
    }
    order.afterBooking(vehicle);
    return true;
  }

  /** Offers the trip to the vehicles in preference order; returns the index of the taker or -1. */
  int bookFirst(SimTrip trip) {
    List<SimulatedVehicle> preference = order.vehicles();
    for (int i = 0; i < preference.size(); i++) {
      SimulatedVehicle candidate = preference.get(i);
      if (tryBook(candidate, trip)) {
        return candidate.index();
      }
    }
    return Allocation.UNALLOCATED;
  }
}
