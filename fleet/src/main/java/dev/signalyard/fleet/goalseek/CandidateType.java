package dev.signalyard.fleet.goalseek;

import dev.signalyard.fleet.simulation.Vehicle;

/**
 * One vehicle model the goal seek may put into the fleet, with its costs per km at 10,000 km a year
 * and their normalised values the genetic search weighs. Immutable.
 *
 * @param vehicle a real car of this model (its id and name are shown in solutions)
 * @param currentCount cars of this model in today's fleet
 * @param fixedCount cars of this model the request keeps
 * @param costPerKm (omkostning_aar + running + societal cost at 10,000 km) / 10,000, DKK
 * @param gramsPerKm CO2e per km, grams
 * @param normalisedCost {@code costPerKm} clipped to the 5th-95th percentile, scaled to 0..1
 * @param normalisedCo2e {@code gramsPerKm} clipped to the 5th-95th percentile, scaled to 0..1
 */
record CandidateType(
    Vehicle vehicle,
    int currentCount,
    int fixedCount,
    double costPerKm,
    double gramsPerKm,
    double normalisedCost,
    double normalisedCo2e) {

  boolean isBike() {
    return vehicle.type().isBike();
  }

  /** The weighted normalised cost of one vehicle: cost·(10−p)/10 + CO2e·p/10. */
  double score(int prioritisation) {
    return normalisedCost * (10 - prioritisation) / 10.0 + normalisedCo2e * prioritisation / 10.0;
  }
}
