package dev.signalyard.fleet.goalseek;

import java.util.List;

/**
 * The count ranges of the candidate types for one genetic run, and the fitness of a fleet in it
 * (steps 4 and 5 of the reference). Given a bike count {@code b} and the fewest cars {@code n} that
 * drive the trips with {@code b} bikes:
 *
 * <ul>
 *   <li>bike types range over 0..b (at least their fixed count);
 *   <li><b>trim</b>, when the fixed cars are at least {@code n}: only fixed car types, each 0..its
 *       fixed count; other car types 0;
 *   <li><b>cook</b>, otherwise: fixed car types from their fixed count up to that plus the missing
 *       {@code n − fixed}, other car types 0..{@code n − fixed}.
 * </ul>
 *
 * <p>Fitness (minimised): {@code 2(10−p)/10·Σ nᵢ costᵢ + 2p/10·Σ nᵢ co2eᵢ} over the normalised
 * costs per km, + 1e6 for an empty fleet, + 1000 per car below {@code n}, + 10 when above, + |bikes
 * − b| + the number of distinct types. Immutable.
 *
 * @param candidates the candidate types
 * @param lower lowest count of each candidate
 * @param upper highest count of each candidate
 * @param bikes the run's bike count {@code b}
 * @param minimumCars the run's fewest cars {@code n}
 * @param trimming whether this is the trim scenario
 * @param prioritisation the request's 0..10
 */
record SearchSpace(
    List<CandidateType> candidates,
    int[] lower,
    int[] upper,
    int bikes,
    int minimumCars,
    boolean trimming,
    int prioritisation) {

  /** The search space of a run with {@code bikes} bikes and at least {@code minimumCars} cars. */
  static SearchSpace of(
      List<CandidateType> candidates, int bikes, int minimumCars, int prioritisation) {
    int fixedCars =
        candidates.stream().filter(c -> !c.isBike()).mapToInt(CandidateType::fixedCount).sum();
    boolean trimming = fixedCars >= minimumCars && fixedCars > 0;
    int missing = Math.max(0, minimumCars - fixedCars);
    int[] lower = new int[candidates.size()];
    int[] upper = new int[candidates.size()];
    for (int i = 0; i < candidates.size(); i++) {
      CandidateType c = candidates.get(i);
      if (c.isBike()) {
        lower[i] = trimming ? 0 : c.fixedCount();
        upper[i] = Math.max(bikes, c.fixedCount());
      } else if (trimming) {
        upper[i] = c.fixedCount();
      } else {
        lower[i] = c.fixedCount();
        upper[i] = c.fixedCount() + missing;
      }
    }
    return new SearchSpace(candidates, lower, upper, bikes, minimumCars, trimming, prioritisation);
  }

  /** Whether any count can vary. */
  boolean hasChoices() {
    for (int i = 0; i < lower.length; i++) {
      if (upper[i] > lower[i]) {
        return true;
      }
    }
    return false;
  }

  /** The fitness of a fleet given as counts per candidate; lower is better. */
  double fitness(int[] counts) {
    double cost = 0;
    double co2e = 0;
    int cars = 0;
    int bikeCount = 0;
    int types = 0;
    for (int i = 0; i < counts.length; i++) {
      CandidateType c = candidates.get(i);
      cost += counts[i] * c.normalisedCost();
      co2e += counts[i] * c.normalisedCo2e();
      if (c.isBike()) {
        bikeCount += counts[i];
      } else {
        cars += counts[i];
      }
      if (counts[i] > 0) {
        types++;
      }
    }
    double fitness = 2.0 * (10 - prioritisation) / 10 * cost + 2.0 * prioritisation / 10 * co2e;
    if (cars + bikeCount == 0) {
      fitness += 1e6;
    }
    if (cars < minimumCars) {
      fitness += 1000.0 * (minimumCars - cars);
    } else if (cars > minimumCars) {
      fitness += 10;
    }
    return fitness + Math.abs(bikeCount - bikes) + types;
  }
}
