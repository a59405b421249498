package dev.signalyard.fleet.goalseek;

import dev.signalyard.fleet.simulation.Allocation;
import dev.signalyard.fleet.simulation.Cancellation;
import dev.signalyard.fleet.simulation.Consequences;
import dev.signalyard.fleet.simulation.FleetSimulation;
import dev.signalyard.fleet.simulation.GreedyAllocator;
import dev.signalyard.fleet.simulation.PeriodDays;
import dev.signalyard.fleet.simulation.PreparedTrips;
import dev.signalyard.fleet.simulation.ProgressListener;
import dev.signalyard.fleet.simulation.SimTrip;
import dev.signalyard.fleet.simulation.SimulationCancelledException;
import dev.signalyard.fleet.simulation.SimulationInput;
import dev.signalyard.fleet.simulation.SimulationSettings;
import dev.signalyard.fleet.simulation.TripAllocator;
import dev.signalyard.fleet.simulation.Vehicle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The goal seek (the reference's {@code automatic_simulator} with its genetic search): proposes the
 * five best fleets for the trips of a period, weighing cost against CO2e by the request's
 * prioritisation.
 *
 * <ol>
 *   <li>Prepare the trips as the manual simulation does; find the peak day ({@link PeakDay}).
 *   <li>Estimate the bikes a first-fit needs ({@link FleetSizing#bikeEstimate}).
 *   <li>Choose the candidate models ({@link CandidateTypes}).
 *   <li>For every bike count {@code b} from 0 to min(estimate, 9): find the fewest cars {@code n}
 *       ({@link FleetSizing#fewestCars}), build the trim or cook search space ({@link SearchSpace})
 *       and run the genetic search ({@link GeneticSearch}), keeping its hall of fame.
 *   <li>Simulate every fleet of the halls of fame over the whole period; keep those that drive the
 *       trips ({@link FleetTrial}); rank them by min-max normalised cost·(10−p)/10 + CO2e·p/10 (a
 *       measure that does not vary counts as 0, so scores are never NaN: reference defect 6);
 *       answer the best five.
 * </ol>
 *
 * <p>Progress is reported after every generation; cancellation is checked every generation and
 * every simulation. Thread-safe when its allocators are: a run keeps all its state to itself
 * (reference defect 8), so concurrent goal seeks do not influence each other, and the same request
 * gives the same answer.
 */
public final class GoalSeek {
  /** Bike counts tried at most: 0 to this. */
  public static final int MAX_BIKES = 9;

  /** Solutions answered at most. */
  public static final int SOLUTIONS = 5;

  private static final double SEARCH_FROM = 0.1;
  private static final double SEARCH_TO = 0.8;

  private final FleetSimulation simulation;
  private final TripAllocator greedy;
  private final TripAllocator intelligent;
  private final GeneticParameters parameters;

  /**
   * @param greedy the default allocator
   * @param intelligent the allocator for {@code intelligentAllocation}; null falls back to greedy
   * @param parameters the genetic search's parameters
   */
  public GoalSeek(TripAllocator greedy, TripAllocator intelligent, GeneticParameters parameters) {
    this.greedy = greedy;
    this.intelligent = intelligent == null ? greedy : intelligent;
    this.simulation = new FleetSimulation(greedy, intelligent);
    this.parameters = parameters;
  }

  /** A goal seek with the greedy allocator only and the reference's parameters. */
  public GoalSeek() {
    this(new GreedyAllocator(), null, GeneticParameters.defaults());
  }

  /**
   * Runs the goal seek.
   *
   * @throws SimulationCancelledException when {@code cancel} says so
   * @throws IllegalArgumentException naming the field when a current vehicle lacks what its type
   *     needs
   */
  public GoalSeekOutcome run(
      GoalSeekRequest request, ProgressListener progress, Cancellation cancel) {
    SimulationSettings settings = request.effectiveSettings();
    progress.progress(0, "preparing trips");
    List<Vehicle> current = request.currentVehicleIds().stream().map(request::vehicle).toList();
    PreparedTrips prepared =
        simulation.prepare(
            new SimulationInput(
                request.trips(),
                current,
                List.of(),
                settings,
                request.intelligentAllocation(),
                request.limitKm(),
                request.from(),
                request.to()));
    List<SimTrip> trips = prepared.trips();
    PeakDay peak = PeakDay.of(trips, settings.zone(), request.from());
    List<CandidateType> candidates = CandidateTypes.of(request, settings);
    FleetTrial trial =
        new FleetTrial(
            request.intelligentAllocation() ? intelligent : greedy,
            settings,
            request.limitKm(),
            cancel);
    FleetSizing sizing = new FleetSizing(trial, candidates, request.prioritisation());
    checkCancelled(cancel);
    progress.progress(0.05, "estimating bikes");
    int estimate = sizing.bikeEstimate(trips, settings, prepared.periodDays(), request.limitKm());

    int runs = Math.min(estimate, MAX_BIKES) + 1;
    Map<List<Integer>, Double> fleets = new LinkedHashMap<>();
    int generations = 0;
    for (int bikes = 0; bikes < runs; bikes++) {
      checkCancelled(cancel);
      int minimumCars = sizing.fewestCars(bikes, peak.trips(), trips);
      SearchSpace space = SearchSpace.of(candidates, bikes, minimumCars, request.prioritisation());
      GeneticSearch search = new GeneticSearch(parameters, space);
      int run = bikes;
      List<HallOfFame.Entry> best =
          search.run(
              (generation, maxGenerations, bestFitness) ->
                  progress.progress(
                      SEARCH_FROM
                          + (SEARCH_TO - SEARCH_FROM)
                              * (run + (double) generation / maxGenerations)
                              / runs,
                      "search %d of %d (%d bikes, at least %d cars): generation %d, fitness %.3f"
                          .formatted(run + 1, runs, run, minimumCars, generation, bestFitness)),
              cancel);
      generations += search.generations();
      for (HallOfFame.Entry entry : best) {
        fleets.merge(asKey(entry.counts()), entry.fitness(), Math::min);
      }
    }

    List<Ranked> qualified = resimulate(fleets, candidates, trial, trips, progress, cancel);
    Consequences today = todaysConsequences(current, trips, trial);
    List<GoalSeekSolution> solutions =
        rank(qualified, request.prioritisation()).stream()
            .limit(SOLUTIONS)
            .map(r -> solution(r, today, candidates, current, settings, trips.size()))
            .toList();
    progress.progress(1, "done");
    return new GoalSeekOutcome(trips.size(), peak.day(), estimate, generations, solutions);
  }

  /** A fleet that drives the trips, with its consequences and ranking inputs. */
  private record Ranked(
      int[] counts, double fitness, int unallocated, Consequences consequences, double score) {
    Ranked withScore(double newScore) {
      return new Ranked(counts, fitness, unallocated, consequences, newScore);
    }
  }

  private static List<Ranked> resimulate(
      Map<List<Integer>, Double> fleets,
      List<CandidateType> candidates,
      FleetTrial trial,
      List<SimTrip> trips,
      ProgressListener progress,
      Cancellation cancel) {
    List<Map.Entry<List<Integer>, Double>> ordered = new ArrayList<>(fleets.entrySet());
    ordered.sort(
        Map.Entry.<List<Integer>, Double>comparingByValue()
            .thenComparing(Map.Entry::getKey, GoalSeek::compareKeys));
    List<Ranked> qualified = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      checkCancelled(cancel);
      progress.progress(
          SEARCH_TO + (1 - SEARCH_TO) * i / ordered.size(),
          "simulating fleet %d of %d".formatted(i + 1, ordered.size()));
      int[] counts = ordered.get(i).getKey().stream().mapToInt(Integer::intValue).toArray();
      FleetTrial.Result result = trial.run(trips, fleet(candidates, counts));
      if (result.drivable()) {
        qualified.add(
            new Ranked(
                counts,
                ordered.get(i).getValue(),
                result.allocation().unallocatedCount(),
                trial.price(trips, result),
                0));
      }
    }
    return qualified;
  }

  /**
   * Scores by min-max normalised yearly cost and CO2e, weighted by the prioritisation; a measure
   * that is the same for all fleets scores 0. Ties go to the better fitness, then the counts.
   */
  private static List<Ranked> rank(List<Ranked> qualified, int prioritisation) {
    double[] cost = qualified.stream().mapToDouble(r -> r.consequences().totalCost()).toArray();
    double[] co2e = qualified.stream().mapToDouble(r -> r.consequences().co2eTonnes()).toArray();
    List<Ranked> scored = new ArrayList<>();
    for (int i = 0; i < qualified.size(); i++) {
      double score =
          normalised(cost, i) * (10 - prioritisation) / 10.0
              + normalised(co2e, i) * prioritisation / 10.0;
      scored.add(qualified.get(i).withScore(score));
    }
    scored.sort(
        Comparator.comparingDouble(Ranked::score)
            .thenComparingDouble(Ranked::fitness)
            .thenComparing(Ranked::counts, Arrays::compare));
    return scored;
  }

  private static double normalised(double[] values, int i) {
    double min = Arrays.stream(values).min().orElse(0);
    double max = Arrays.stream(values).max().orElse(0);
    return max > min ? (values[i] - min) / (max - min) : 0;
  }

  private static Consequences todaysConsequences(
      List<Vehicle> current, List<SimTrip> trips, FleetTrial trial) {
    int[] taker = new int[trips.size()];
    for (int i = 0; i < trips.size(); i++) {
      long id = trips.get(i).currentVehicleId();
      for (int v = 0; v < current.size(); v++) {
        if (current.get(v).id() == id) {
          taker[i] = v;
          break;
        }
      }
    }
    return trial.price(
        trips, new FleetTrial.Result(current, Allocation.of(taker), PeriodDays.of(trips), true));
  }

  private static GoalSeekSolution solution(
      Ranked ranked,
      Consequences today,
      List<CandidateType> candidates,
      List<Vehicle> current,
      SimulationSettings settings,
      int numberOfTrips) {
    return new GoalSeekSolution(
        SolutionVehicles.of(ranked.counts(), candidates, current, settings),
        Math.round(today.totalCost()),
        Math.round(ranked.consequences().totalCost()),
        round3(today.co2eTonnes()),
        round3(ranked.consequences().co2eTonnes()),
        ranked.unallocated(),
        numberOfTrips,
        ranked.score());
  }

  private static List<Vehicle> fleet(List<CandidateType> candidates, int[] counts) {
    List<Vehicle> fleet = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      fleet.addAll(Collections.nCopies(counts[i], candidates.get(i).vehicle()));
    }
    return fleet;
  }

  private static List<Integer> asKey(int[] counts) {
    return Arrays.stream(counts).boxed().toList();
  }

  private static int compareKeys(List<Integer> a, List<Integer> b) {
    return Arrays.compare(
        a.stream().mapToInt(Integer::intValue).toArray(),
        b.stream().mapToInt(Integer::intValue).toArray());
  }

  private static double round3(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static void checkCancelled(Cancellation cancel) {
    if (cancel.isCancelled()) {
      throw new SimulationCancelledException();
    }
  }
}
