package dev.signalyard.fleet.goalseek;

import dev.signalyard.fleet.simulation.Cancellation;
import dev.signalyard.fleet.simulation.SimulationCancelledException;
import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.Mutator;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.TournamentSelector;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.engine.Limits;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One genetic run over a {@link SearchSpace} with Jenetics (step 5 of the reference): one gene per
 * type whose count can vary, tournament selection of 3, uniform crossover (0.5, each position 0.5),
 * mutation that resets a gene with probability 0.2 × 0.2 (DEAP's individual 0.2 times gene 0.2), at
 * most {@code maxGenerations}, stopping after {@code steadyGenerations} without a better fleet. The
 * hall of fame sees every generation's population, the last one included (reference defect 11).
 *
 * <p>Reproducible: the run draws from its own {@code Random(seed)} through {@link
 * RandomRegistry#with} and evaluates on the calling thread. Not thread-safe: one per run.
 */
final class GeneticSearch {
  /** Reports each finished generation. */
  @FunctionalInterface
  interface GenerationListener {
    void generation(long generation, int maxGenerations, double bestFitness);
  }

  private static final int TOURNAMENT = 3;
  private static final double CROSSOVER = 0.5;
  private static final double SWAP = 0.5;
  private static final double MUTATION = 0.2 * 0.2;

  private final GeneticParameters parameters;
  private final SearchSpace space;
  private final int[] slots;
  private int generations;

  GeneticSearch(GeneticParameters parameters, SearchSpace space) {
    this.parameters = parameters;
    this.space = space;
    List<Integer> free = new ArrayList<>();
    for (int i = 0; i < space.lower().length; i++) {
      if (space.upper()[i] > space.lower()[i]) {
        free.add(i);
      }
    }
    this.slots = free.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Generations the last {@link #run} evolved. */
  int generations() {
    return generations;
  }

  /**
   * Runs the search.
   *
   * @return the best distinct fleets seen, best first
   * @throws SimulationCancelledException when {@code cancel} says so (checked every generation)
   */
  List<HallOfFame.Entry> run(GenerationListener listener, Cancellation cancel) {
    HallOfFame hallOfFame = new HallOfFame(parameters.hallOfFameSize());
    generations = 0;
    if (slots.length == 0) {
      int[] counts = space.lower().clone();
      hallOfFame.offer(counts, space.fitness(counts));
      return hallOfFame.entries();
    }
    int steady =
        space.trimming()
            ? parameters.steadyGenerationsWhenTrimming()
            : parameters.steadyGenerations();
    RandomRegistry.with(
        new Random(parameters.seed()),
        random -> {
          Engine<IntegerGene, Double> engine =
              Engine.builder(this::fitness, genotypeFactory())
                  .populationSize(parameters.populationSize())
                  .optimize(Optimize.MINIMUM)
                  .selector(new TournamentSelector<>(TOURNAMENT))
                  .alterers(
                      new ChromosomeUniformCrossover(CROSSOVER, SWAP), new Mutator<>(MUTATION))
                  .maximalPhenotypeAge(parameters.maxGenerations() + 1L)
                  .executor(Runnable::run)
                  .build();
          engine.stream()
              .limit(Limits.bySteadyFitness(steady))
              .limit(parameters.maxGenerations())
              .forEach(result -> afterGeneration(result, hallOfFame, listener, cancel));
          return null;
        });
    return hallOfFame.entries();
  }

  private void afterGeneration(
      EvolutionResult<IntegerGene, Double> result,
      HallOfFame hallOfFame,
      GenerationListener listener,
      Cancellation cancel) {
    for (Phenotype<IntegerGene, Double> individual : result.population()) {
      hallOfFame.offer(counts(individual.genotype()), individual.fitness());
    }
    generations++;
    listener.generation(result.generation(), parameters.maxGenerations(), result.bestFitness());
    if (cancel.isCancelled()) {
      throw new SimulationCancelledException();
    }
  }

  private Genotype<IntegerGene> genotypeFactory() {
    List<IntegerChromosome> chromosomes = new ArrayList<>(slots.length);
    for (int slot : slots) {
      chromosomes.add(IntegerChromosome.of(space.lower()[slot], space.upper()[slot] + 1));
    }
    return Genotype.of(chromosomes);
  }

  private double fitness(Genotype<IntegerGene> genotype) {
    return space.fitness(counts(genotype));
  }

  /** The counts of all candidates: fixed ones at their only value, the rest from the genes. */
  private int[] counts(Genotype<IntegerGene> genotype) {
    int[] counts = space.lower().clone();
    for (int g = 0; g < slots.length; g++) {
      counts[slots[g]] = genotype.get(g).gene().allele();
    }
    return counts;
  }
}
