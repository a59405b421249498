package dev.signalyard.streams.simulation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The body of a manual simulation request as query-api accepted it (POST /api/fleet/simulations)
 * and stored it in {@code SimulationCommand.requestJson}; see docs/simulation.md ("Runs as
 * streaming jobs").
 *
 * <p>Thread-safety: immutable.
 *
 * @param from first day of the period
 * @param to last day of the period, inclusive
 * @param locationIds locations whose live, enabled vehicles form the current fleet
 * @param currentVehicleIds further vehicles of the current fleet
 * @param simulatedFleet the fleet to simulate, each vehicle with how many of it
 * @param intelligentAllocation use the intelligent (OR-Tools) allocator (absent: false)
 * @param limitKm enforce the leased yearly km of vehicles (absent: false)
 * @param settings simulation setting overrides by {@code simulation_settings} key
 */
public record SimulationRequest(
    LocalDate from,
    LocalDate to,
    List<Long> locationIds,
    List<Long> currentVehicleIds,
    List<FleetEntry> simulatedFleet,
    Boolean intelligentAllocation,
    Boolean limitKm,
    Map<String, String> settings) {

  public SimulationRequest {
    if (from == null || to == null) {
      throw new IllegalArgumentException("from and to are required");
    }
    locationIds = locationIds == null ? List.of() : List.copyOf(locationIds);
    currentVehicleIds = currentVehicleIds == null ? List.of() : List.copyOf(currentVehicleIds);
    simulatedFleet = simulatedFleet == null ? List.of() : List.copyOf(simulatedFleet);
    settings = settings == null ? Map.of() : Map.copyOf(settings);
    intelligentAllocation = Boolean.TRUE.equals(intelligentAllocation);
    limitKm = Boolean.TRUE.equals(limitKm);
  }

  /**
   * One vehicle of the simulated fleet.
   *
   * @param vehicleId the vehicle (a fleet vehicle or a test vehicle)
   * @param count how many of it, 0 or more
   */
  public record FleetEntry(long vehicleId, int count) {}
}
