package dev.signalyard.fleet.goalseek;

import java.time.LocalDate;
import java.util.List;

/**
 * What a goal seek produces. Plain data, serialisable as JSON as is. Immutable.
 *
 * @param numberOfTrips trips of the period (after shift merging), set on every answer (reference
 *     defect 4)
 * @param peakDay the day with the most km, on which fleet sizes are searched first
 * @param bikeEstimate bikes a greedy first-fit needs for the period's trips
 * @param generations generations the genetic search ran, over all its runs
 * @param solutions the best fleets, best first, at most five; empty when no searched fleet drives
 *     the trips within {@code slack} and {@code max_undriven}
 */
public record GoalSeekOutcome(
    int numberOfTrips,
    LocalDate peakDay,
    int bikeEstimate,
    int generations,
    List<GoalSeekSolution> solutions) {
  public GoalSeekOutcome {
    solutions = List.copyOf(solutions);
  }
}
