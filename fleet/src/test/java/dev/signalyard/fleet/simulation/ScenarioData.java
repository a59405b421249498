package dev.signalyard.fleet.simulation;

import java.time.LocalDate;
import java.util.List;

/**
 * A stored simulation scenario as read by {@link ScenarioFiles}: the trips of one period, the
 * current fleet that drove them and the fleet to simulate (already expanded by count). Immutable.
 *
 * @param trips the roundtrips, in file order
 * @param currentFleet the cars that drove the trips
 * @param simulatedFleet the fleet to book the trips on
 * @param from first day of the period the trips lie in
 * @param to last day of the period, inclusive
 */
record ScenarioData(
    List<SimTrip> trips,
    List<Vehicle> currentFleet,
    List<Vehicle> simulatedFleet,
    LocalDate from,
    LocalDate to) {
  ScenarioData {
    trips = List.copyOf(trips);
    currentFleet = List.copyOf(currentFleet);
    simulatedFleet = List.copyOf(simulatedFleet);
  }

  /** A manual simulation of this scenario with the given settings, without intelligent booking. */
  SimulationInput input(SimulationSettings settings, boolean limitKm) {
    return new SimulationInput(
        trips, currentFleet, simulatedFleet, settings, false, limitKm, from, to);
  }
}
