package dev.signalyard.streams.simulation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The body of a goal-seek request as query-api accepted it (POST /api/fleet/goal-seeks) and stored
 * it in {@code SimulationCommand.requestJson}; see docs/simulation.md ("Runs as streaming jobs").
 *
 * <p>Thread-safety: immutable.
 *
 * @param from first day of the period
 * @param to last day of the period, inclusive
 * @param locationIds locations whose live, enabled vehicles form today's fleet
 * @param currentVehicleIds further vehicles of today's fleet
 * @param fixedVehicleIds vehicles to keep unless the trips leave spare capacity; an id may repeat
 * @param testVehicleIds vehicles whose models may join the fleet
 * @param prioritisation 0 (cost only) to 10 (CO2e only)
 * @param limitKm enforce the leased yearly km of vehicles (absent: false)
 * @param intelligentAllocation simulate with the intelligent (OR-Tools) allocator (absent: false)
 * @param settings simulation setting overrides by {@code simulation_settings} key
 */
public record GoalSeekRequestJson(
    LocalDate from,
    LocalDate to,
    List<Long> locationIds,
    List<Long> currentVehicleIds,
    List<Long> fixedVehicleIds,
    List<Long> testVehicleIds,
    Integer prioritisation,
    Boolean limitKm,
    Boolean intelligentAllocation,
    Map<String, String> settings) {

  public GoalSeekRequestJson {
    if (from == null || to == null) {
      throw new IllegalArgumentException("from and to are required");
    }
    if (prioritisation == null) {
      throw new IllegalArgumentException("prioritisation is required");
    }
    locationIds = locationIds == null ? List.of() : List.copyOf(locationIds);
    currentVehicleIds = currentVehicleIds == null ? List.of() : List.copyOf(currentVehicleIds);
    fixedVehicleIds = fixedVehicleIds == null ? List.of() : List.copyOf(fixedVehicleIds);
    testVehicleIds = testVehicleIds == null ? List.of() : List.copyOf(testVehicleIds);
    settings = settings == null ? Map.of() : Map.copyOf(settings);
    limitKm = Boolean.TRUE.equals(limitKm);
    intelligentAllocation = Boolean.TRUE.equals(intelligentAllocation);
  }

  /** Today's fleet part of the request, in the shape {@link SimulationFleets} reads. */
  SimulationRequest currentFleet() {
    return new SimulationRequest(
        from,
        to,
        locationIds,
        currentVehicleIds,
        List.of(),
        intelligentAllocation,
        limitKm,
        settings);
  }
}
