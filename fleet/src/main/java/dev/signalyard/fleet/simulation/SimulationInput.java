package dev.signalyard.fleet.simulation;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a manual simulation gets: the roundtrips of the period, the current fleet that drove them,
 * the fleet to simulate (each car already repeated by its simulation count), the settings, and the
 * period. Immutable.
 *
 * @param trips roundtrips of the current fleet, in any order
 * @param currentFleet the cars that drove the trips
 * @param simulatedFleet the fleet to book the trips on, already expanded by count
 * @param settings cost and rule settings
 * @param intelligentAllocation use the intelligent allocator when one is configured
 * @param limitKm enforce the leased {@code km_aar} of cars
 * @param from first day of the period
 * @param to last day of the period, inclusive
 */
public record SimulationInput(
    List<SimTrip> trips,
    List<Vehicle> currentFleet,
    List<Vehicle> simulatedFleet,
    SimulationSettings settings,
    boolean intelligentAllocation,
    boolean limitKm,
    LocalDate from,
    LocalDate to) {
  public SimulationInput {
    trips = List.copyOf(trips);
    currentFleet = List.copyOf(currentFleet);
    simulatedFleet = List.copyOf(simulatedFleet);
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from");
    }
  }
}
