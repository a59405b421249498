package dev.signalyard.fleet.goalseek;

import java.util.List;

/**
 * One proposed fleet with its yearly consequences, from a simulation over the whole period.
 * Expenses are rounded to whole DKK and CO2e to kilograms (never truncated: reference defect 5).
 * Immutable.
 *
 * @param vehicles the fleet's types, plus current types it drops (count 0)
 * @param currentExpense yearly total cost of today's fleet, DKK
 * @param simulatedExpense yearly total cost of this fleet, DKK
 * @param currentCo2eTonnes yearly CO2e of today's fleet, tonnes, 3 decimals
 * @param simulatedCo2eTonnes yearly CO2e of this fleet, tonnes, 3 decimals
 * @param unallocated trips this fleet could not take
 * @param numberOfTrips trips of the period
 * @param score ranking score, 0 (best of the qualified fleets) to 1
 */
public record GoalSeekSolution(
    List<SolutionVehicle> vehicles,
    long currentExpense,
    long simulatedExpense,
    double currentCo2eTonnes,
    double simulatedCo2eTonnes,
    int unallocated,
    int numberOfTrips,
    double score) {
  public GoalSeekSolution {
    vehicles = List.copyOf(vehicles);
  }
}
