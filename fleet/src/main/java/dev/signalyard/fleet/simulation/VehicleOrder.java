package dev.signalyard.fleet.simulation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which the greedy allocation offers a trip to the simulated vehicles: bikes first
 * (they emit nothing), then by CO2e g/km and by cost per km (both at 10,000 km/yr, {@link
 * TcoCalculator}), then by input position. Identical EVs or fossil cars (same attributes apart from
 * id and name) sit next to each other and are kept sorted by km driven, ascending, after every
 * booking, so that the work spreads over them. Not thread-safe: one per run.
 */
final class VehicleOrder {
  private final List<SimulatedVehicle> order;
  private final int[] group;

  VehicleOrder(List<SimulatedVehicle> vehicles, TcoCalculator tco) {
    Map<Vehicle, Integer> groups = new HashMap<>();
    group = new int[vehicles.size()];
    for (SimulatedVehicle v : vehicles) {
      group[v.index()] = groups.computeIfAbsent(identity(v.vehicle()), k -> groups.size());
    }
    Map<Integer, double[]> keys = new HashMap<>();
    for (SimulatedVehicle v : vehicles) {
      Vehicle vehicle = v.vehicle();
      double grams = vehicle.type().isBike() ? 0 : tco.gramsPerKm(vehicle);
      keys.put(
          v.index(), new double[] {vehicle.type().isBike() ? 0 : 1, grams, tco.costPerKm(vehicle)});
    }
    order = new ArrayList<>(vehicles);
    order.sort(
        Comparator.<SimulatedVehicle>comparingDouble(v -> keys.get(v.index())[0])
            .thenComparingDouble(v -> keys.get(v.index())[1])
            .thenComparingDouble(v -> keys.get(v.index())[2])
            .thenComparingInt(v -> group[v.index()])
            .thenComparingInt(SimulatedVehicle::index));
  }

  /** The vehicles in preference order (live view; changes after bookings). */
  List<SimulatedVehicle> vehicles() {
    return order;
  }

  /**
   * Restores km order within the group of the vehicle that was just booked: its km only grew, so it
   * moves back past identical vehicles that drove less.
   */
  void afterBooking(SimulatedVehicle booked) {
    if (booked.vehicle().type().isBike()) {
      return;
    }
    int position = order.indexOf(booked);
    while (position + 1 < order.size()) {
      SimulatedVehicle next = order.get(position + 1);
      if (group[next.index()] != group[booked.index()] || next.kmDriven() >= booked.kmDriven()) {
        break;
      }
      order.set(position, next);
      order.set(position + 1, booked);
      position++;
    }
  }

  private static Vehicle identity(Vehicle v) {
    return new Vehicle(
        0,
        "",
        v.type(),
        v.fuelId(),
        v.wltpFossil(),
        v.wltpEl(),
        v.capacityDecrease(),
        v.rangeKm(),
        v.omkostningAar(),
        v.kmAar(),
        v.sleepHours());
  }
}
