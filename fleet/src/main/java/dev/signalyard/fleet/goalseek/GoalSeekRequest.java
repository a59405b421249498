package dev.signalyard.fleet.goalseek;

import dev.signalyard.fleet.simulation.SimTrip;
import dev.signalyard.fleet.simulation.SimulationSettings;
import dev.signalyard.fleet.simulation.Vehicle;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a goal seek gets (the reference's {@code POST /goal-simulation/simulation}). Immutable.
 *
 * @param trips roundtrips of the period, in any order (only those of current vehicles are used)
 * @param vehicles every vehicle the ids below refer to (the {@code cars} rows of the locations)
 * @param currentVehicleIds the cars that drove the trips, today's fleet
 * @param fixedVehicleIds cars to keep unless the trips leave spare capacity; an id may repeat
 * @param testVehicleIds cars whose models may join the fleet
 * @param prioritisation 0 (cost only) to 10 (CO2e only)
 * @param limitKm enforce the leased {@code km_aar} of cars
 * @param intelligentAllocation simulate with the intelligent allocator
 * @param settings the locations' simulation settings
 * @param settingsOverrides the request's own setting values, by {@code simulation_settings} key
 * @param from first day of the period
 * @param to last day of the period, inclusive
 */
public record GoalSeekRequest(
    List<SimTrip> trips,
    List<Vehicle> vehicles,
    List<Long> currentVehicleIds,
    List<Long> fixedVehicleIds,
    List<Long> testVehicleIds,
    int prioritisation,
    boolean limitKm,
    boolean intelligentAllocation,
    SimulationSettings settings,
    Map<String, String> settingsOverrides,
    LocalDate from,
    LocalDate to) {

  /** Highest prioritisation: CO2e only. */
  public static final int MAX_PRIORITISATION = 10;

  /**
   * @throws IllegalArgumentException naming the field when a value is out of range, an id is
   *     unknown or a setting override is unknown or malformed
   */
  public GoalSeekRequest {
    trips = List.copyOf(trips);
    vehicles = List.copyOf(vehicles);
    currentVehicleIds = List.copyOf(currentVehicleIds);
    fixedVehicleIds = List.copyOf(fixedVehicleIds);
    testVehicleIds = List.copyOf(testVehicleIds);
    settingsOverrides = Map.copyOf(settingsOverrides);
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (prioritisation < 0 || prioritisation > MAX_PRIORITISATION) {
      throw new IllegalArgumentException("prioritisation must be within 0..10");
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from");
    }
    if (currentVehicleIds.isEmpty()) {
      throw new IllegalArgumentException("currentVehicleIds must not be empty");
    }
    Set<Long> known = new HashSet<>();
    vehicles.forEach(v -> known.add(v.id()));
    requireKnown("currentVehicleIds", currentVehicleIds, known);
    requireKnown("fixedVehicleIds", fixedVehicleIds, known);
    requireKnown("testVehicleIds", testVehicleIds, known);
    settings.withOverrides(settingsOverrides);
  }

  /** The settings the goal seek simulates and prices with: the locations' plus the overrides. */
  public SimulationSettings effectiveSettings() {
    return settings.withOverrides(settingsOverrides);
  }

  /** The vehicle with the id (the first, when the list holds clones). */
  Vehicle vehicle(long id) {
    return vehicles.stream().filter(v -> v.id() == id).findFirst().orElseThrow();
  }

  private static void requireKnown(String field, List<Long> ids, Set<Long> known) {
    for (int i = 0; i < ids.size(); i++) {
      if (!known.contains(ids.get(i))) {
        throw new IllegalArgumentException(
            field + "[" + i + "] is not a known vehicle id: " + ids.get(i));
      }
    }
  }
}
