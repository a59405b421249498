package dev.signalyard.benchmarks.fleet;

import dev.signalyard.fleet.allocation.IntelligentAllocator;
import dev.signalyard.fleet.goalseek.GeneticParameters;
import dev.signalyard.fleet.goalseek.GoalSeek;
import dev.signalyard.fleet.goalseek.GoalSeekOutcome;
import dev.signalyard.fleet.goalseek.GoalSeekRequest;
import dev.signalyard.fleet.simulation.Cancellation;
import dev.signalyard.fleet.simulation.FleetSimulation;
import dev.signalyard.fleet.simulation.GreedyAllocator;
import dev.signalyard.fleet.simulation.ProgressListener;
import dev.signalyard.fleet.simulation.SimulationInput;
import dev.signalyard.fleet.simulation.SimulationOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The simulation benchmark of issue 6 item 8: a one-month manual simulation of 300 trips on 20
 * vehicles, and a goal seek on the same data ({@link SimulationBenchmarkScenario}), each run many
 * times on a worker pool of 1 and of 2 threads (the service's simulation pool). Prints, per pool
 * size, the wall time of the batch, runs per second and the mean and median time of one run.
 *
 * <pre>
 * benchmarks/run-simulation-benchmark.sh [--trips 300] [--simulations 200] [--goal-seeks 6]
 *     [--threads 1,2] [--warm-up 2] [--intelligent] [--mip-seconds 60]
 * </pre>
 *
 * <p>{@code --intelligent} runs both with the intelligent allocator (CP-SAT, one solver thread per
 * run, {@code --mip-seconds} per day). A first untimed round warms the JIT. Results and how to read
 * them: {@code docs/simulation.md}, "Benchmark". Runs on the main thread plus the pool.
 */
public final class SimulationBenchmark {
  private SimulationBenchmark() {}

  /** The command-line options. */
  private record Options(
      int trips,
      int simulations,
      int goalSeeks,
      int[] threads,
      int warmUp,
      boolean intelligent,
      int mipSeconds) {
    static Options parse(String[] args) {
      int trips = 300;
      int simulations = 200;
      int goalSeeks = 6;
      int[] threads = {1, 2};
      int warmUp = 2;
      boolean intelligent = false;
      int mipSeconds = 60;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--trips" -> trips = Integer.parseInt(args[++i]);
          case "--simulations" -> simulations = Integer.parseInt(args[++i]);
          case "--goal-seeks" -> goalSeeks = Integer.parseInt(args[++i]);
          case "--threads" ->
              threads = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
          case "--warm-up" -> warmUp = Integer.parseInt(args[++i]);
          case "--intelligent" -> intelligent = true;
          case "--mip-seconds" -> mipSeconds = Integer.parseInt(args[++i]);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Options(trips, simulations, goalSeeks, threads, warmUp, intelligent, mipSeconds);
    }
  }

  /** Wall time of a batch and the time of each run in it, in seconds. */
  private record Batch(double wallSeconds, double[] runSeconds) {
    double mean() {
      return Arrays.stream(runSeconds).average().orElse(0);
    }

    double median() {
      double[] sorted = runSeconds.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    SimulationBenchmarkScenario scenario = SimulationBenchmarkScenario.generate(options.trips());
    IntelligentAllocator intelligent =
        options.intelligent()
            ? new IntelligentAllocator(Duration.ofSeconds(options.mipSeconds()), 1)
            : null;
    FleetSimulation simulation = new FleetSimulation(new GreedyAllocator(), intelligent);
    GoalSeek goalSeek =
        new GoalSeek(new GreedyAllocator(), intelligent, GeneticParameters.defaults());
    SimulationInput input = scenario.simulationInput(options.intelligent());
    GoalSeekRequest request = scenario.goalSeekRequest(options.intelligent());

    SimulationOutcome sample = simulation.run(input, ProgressListener.NONE, Cancellation.NEVER);
    GoalSeekOutcome seek = goalSeek.run(request, ProgressListener.NONE, Cancellation.NEVER);
    System.out.printf(
        "scenario: %d trips (%d after preparation), %d current cars, %d simulated vehicles, "
            + "allocation %s%n",
        scenario.trips().size(),
        sample.numberOfTrips(),
        scenario.currentFleet().size(),
        scenario.simulatedFleet().size(),
        options.intelligent() ? "intelligent (CP-SAT)" : "greedy");
    System.out.printf(
        "simulation: %d unallocated, savings %.0f DKK/yr, %.3f t CO2e/yr%n",
        sample.unallocated(), sample.financialSavings(), sample.co2eSavingsTonnes());
    System.out.printf(
        "goal seek: bike estimate %d, %d generations, %d solutions, best %s DKK/yr%n",
        seek.bikeEstimate(),
        seek.generations(),
        seek.solutions().size(),
        seek.solutions().isEmpty() ? "-" : seek.solutions().get(0).simulatedExpense());

    for (int round = 0; round < options.warmUp(); round++) {
      simulation.run(input, ProgressListener.NONE, Cancellation.NEVER);
    }
    for (int threads : options.threads()) {
      Batch simulations =
          batch(
              threads,
              options.simulations(),
              () -> simulation.run(input, ProgressListener.NONE, Cancellation.NEVER));
      report("simulation", threads, options.simulations(), simulations);
      Batch goalSeeks =
          batch(
              threads,
              options.goalSeeks(),
              () -> goalSeek.run(request, ProgressListener.NONE, Cancellation.NEVER));
      report("goal seek", threads, options.goalSeeks(), goalSeeks);
    }
  }

  private static Batch batch(int threads, int runs, Callable<?> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Double>> futures = new ArrayList<>(runs);
      long start = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        futures.add(
            pool.submit(
                () -> {
                  long runStart = System.nanoTime();
                  task.call();
                  return (System.nanoTime() - runStart) / 1e9;
                }));
      }
      double[] runSeconds = new double[runs];
      for (int i = 0; i < runs; i++) {
        runSeconds[i] = futures.get(i).get();
      }
      return new Batch((System.nanoTime() - start) / 1e9, runSeconds);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void report(String what, int threads, int runs, Batch batch) {
    System.out.printf(
        "%-10s pool %d: %4d runs in %7.2f s wall = %7.2f runs/s; per run mean %.3f s, median %.3f s%n",
        what,
        threads,
        runs,
        batch.wallSeconds(),
        runs / batch.wallSeconds(),
        batch.mean(),
        batch.median());
  }
}
