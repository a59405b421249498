package dev.signalyard.fleet.simulation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a manual simulation produces. Plain data, serialisable as JSON as is. Immutable.
 *
 * @param numberOfTrips trips simulated (after shift merging)
 * @param unallocated trips no simulated vehicle took
 * @param current consequences of the current fleet
 * @param simulated consequences of the simulated fleet
 * @param financialSavings current minus simulated total cost (DKK per year)
 * @param co2eSavingsTonnes current minus simulated CO2e (tonnes per year, 3 decimals)
 * @param drivingBook every trip with its current and simulated vehicle
 * @param unallocatedPerDay unallocated trips per day of the period
 * @param distributions per type name ("Cykel", "Elcykel", "Elbil", "Fossilbil", "Ikke allokeret")
 *     20 distance bins
 * @param currentUsage vehicle-usage rows of the current fleet (row 0: employee car)
 * @param simulatedUsage vehicle-usage rows of the simulated fleet (row 0: employee car)
 */
public record SimulationOutcome(
    int numberOfTrips,
    int unallocated,
    Consequences current,
    Consequences simulated,
    double financialSavings,
    double co2eSavingsTonnes,
    List<DrivingBookEntry> drivingBook,
    List<UnallocatedDay> unallocatedPerDay,
    Map<String, List<DistanceBin>> distributions,
    List<VehicleUsage> currentUsage,
    List<VehicleUsage> simulatedUsage) {
  public SimulationOutcome {
    drivingBook = List.copyOf(drivingBook);
    unallocatedPerDay = List.copyOf(unallocatedPerDay);
    distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
    currentUsage = List.copyOf(currentUsage);
    simulatedUsage = List.copyOf(simulatedUsage);
  }
}
