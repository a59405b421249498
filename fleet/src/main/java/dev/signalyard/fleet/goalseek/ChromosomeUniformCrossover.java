package dev.signalyard.fleet.goalseek;

import io.jenetics.Chromosome;
import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import io.jenetics.Phenotype;
import io.jenetics.Recombinator;
import io.jenetics.util.MSeq;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Uniform crossover over a genotype of one-gene chromosomes: each pair chosen for recombination
 * swaps every position with the swap probability (DEAP's {@code cxUniform}). Jenetics' own {@link
 * io.jenetics.UniformCrossover} swaps genes inside one chromosome only, and a goal seek's genes
 * need a chromosome each because each type has its own count range. Stateless; uses the Jenetics
 * random registry, so it is reproducible under {@link RandomRegistry#with}.
 */
final class ChromosomeUniformCrossover extends Recombinator<IntegerGene, Double> {
  private final double swapProbability;

  /**
   * @param crossoverProbability the chance of an individual to be recombined
   * @param swapProbability the chance of each position to be swapped
   */
  ChromosomeUniformCrossover(double crossoverProbability, double swapProbability) {
    super(crossoverProbability, 2);
    this.swapProbability = swapProbability;
  }

  @Override
  protected int recombine(
      MSeq<Phenotype<IntegerGene, Double>> population, int[] individuals, long generation) {
    Genotype<IntegerGene> first = population.get(individuals[0]).genotype();
    Genotype<IntegerGene> second = population.get(individuals[1]).genotype();
    RandomGenerator random = RandomRegistry.random();
    List<Chromosome<IntegerGene>> a = new ArrayList<>(first.length());
    List<Chromosome<IntegerGene>> b = new ArrayList<>(second.length());
    int swapped = 0;
    for (int i = 0; i < first.length(); i++) {
      if (random.nextDouble() < swapProbability) {
        a.add(second.get(i));
        b.add(first.get(i));
        swapped++;
      } else {
        a.add(first.get(i));
        b.add(second.get(i));
      }
    }
    population.set(individuals[0], Phenotype.of(Genotype.of(a), generation));
    population.set(individuals[1], Phenotype.of(Genotype.of(b), generation));
    return 2 * swapped;
  }
}
