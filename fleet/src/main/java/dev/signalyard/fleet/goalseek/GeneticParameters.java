package dev.signalyard.fleet.goalseek;

/**
 * The knobs of the genetic search, with the reference's values as {@link #defaults()}. The fixed
 * parts (tournament of 3, uniform crossover with probability 0.5 swapping each gene with 0.5,
 * mutation resetting a gene with 0.2 × 0.2) are not knobs. Immutable.
 *
 * @param populationSize individuals per generation (reference: 1000)
 * @param maxGenerations generations at most per run (reference: 200)
 * @param steadyGenerations a run stops after this many generations without a better fleet
 *     (reference: 20)
 * @param steadyGenerationsWhenTrimming the same when the fixed fleet is only trimmed (reference:
 *     50)
 * @param hallOfFameSize best distinct fleets kept per run (reference: 10)
 * @param seed seed of each run's random generator (reference: 42); the same seed and request give
 *     the same solutions
 */
public record GeneticParameters(
    int populationSize,
    int maxGenerations,
    int steadyGenerations,
    int steadyGenerationsWhenTrimming,
    int hallOfFameSize,
    long seed) {

  /**
   * @throws IllegalArgumentException naming the field when a count is below 1
   */
  public GeneticParameters {
    requireAtLeast("populationSize", populationSize, 2);
    requireAtLeast("maxGenerations", maxGenerations, 1);
    requireAtLeast("steadyGenerations", steadyGenerations, 1);
    requireAtLeast("steadyGenerationsWhenTrimming", steadyGenerationsWhenTrimming, 1);
    requireAtLeast("hallOfFameSize", hallOfFameSize, 1);
  }

  /** The reference's parameters. */
  public static GeneticParameters defaults() {
    return new GeneticParameters(1000, 200, 20, 50, 10, 42);
  }

  private static void requireAtLeast(String field, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(field + " must be >= " + min);
    }
  }
}
