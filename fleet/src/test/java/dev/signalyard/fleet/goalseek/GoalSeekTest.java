package dev.signalyard.fleet.goalseek;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalyard.fleet.allocation.IntelligentAllocator;
import dev.signalyard.fleet.simulation.Cancellation;
import dev.signalyard.fleet.simulation.GreedyAllocator;
import dev.signalyard.fleet.simulation.ProgressListener;
import dev.signalyard.fleet.simulation.SimulationCancelledException;
import dev.signalyard.fleet.simulation.TripAllocator;
import dev.signalyard.fleet.simulation.Vehicle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GoalSeekTest {
  /** Smaller than the reference's 1000 x 200 so the suite stays quick; same operators. */
  private static final GeneticParameters QUICK = new GeneticParameters(200, 60, 10, 20, 10, 42);

  private static final GoalSeek GOAL_SEEK = new GoalSeek(new GreedyAllocator(), null, QUICK);

  private static final GoalSeekRequest MIXED =
      GoalSeekScenario.request(
          GoalSeekScenario.mixedTrips(11),
          List.of(1L, 2L, 3L, 4L),
          List.of(),
          List.of(10L, 11L, 12L, 13L),
          5,
          Map.of());

  @Test
  void theSameRequestGivesTheSameSolutions() {
    GoalSeekOutcome first = GOAL_SEEK.run(MIXED, ProgressListener.NONE, Cancellation.NEVER);
    GoalSeekOutcome second = GOAL_SEEK.run(MIXED, ProgressListener.NONE, Cancellation.NEVER);

    assertThat(first.solutions()).isNotEmpty().hasSizeLessThanOrEqualTo(GoalSeek.SOLUTIONS);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void concurrentGoalSeeksDoNotInfluenceEachOther() throws Exception {
    GoalSeekOutcome alone = GOAL_SEEK.run(MIXED, ProgressListener.NONE, Cancellation.NEVER);
    GoalSeekRequest bikes =
        GoalSeekScenario.request(
            GoalSeekScenario.bikeTrips(),
            List.of(1L, 2L),
            List.of(),
            List.of(10L, 11L),
            10,
            Map.of("bike_speed", "5"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<GoalSeekOutcome> mixed =
          pool.submit(() -> GOAL_SEEK.run(MIXED, ProgressListener.NONE, Cancellation.NEVER));
      Future<GoalSeekOutcome> other =
          pool.submit(() -> GOAL_SEEK.run(bikes, ProgressListener.NONE, Cancellation.NEVER));
      other.get();
      assertThat(mixed.get()).isEqualTo(alone);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void solutionsCarryRealIdsTripCountsAndFiniteScores() {
    GoalSeekOutcome outcome = GOAL_SEEK.run(MIXED, ProgressListener.NONE, Cancellation.NEVER);
    Set<Long> ids = GoalSeekScenario.VEHICLES.stream().map(Vehicle::id).collect(Collectors.toSet());

    assertThat(outcome.numberOfTrips()).isEqualTo(MIXED.trips().size());
    for (GoalSeekSolution solution : outcome.solutions()) {
      assertThat(solution.numberOfTrips()).isEqualTo(MIXED.trips().size());
      assertThat(solution.score()).isBetween(0.0, 1.0);
      assertThat(solution.vehicles()).allSatisfy(v -> assertThat(ids).contains(v.id()));
      // every current car is accounted for: the differences add up to the fleet size change
      int size = solution.vehicles().stream().mapToInt(SolutionVehicle::count).sum();
      int difference =
          solution.vehicles().stream().mapToInt(SolutionVehicle::countDifference).sum();
      assertThat(size - difference).isEqualTo(4);
      assertThat(solution.unallocated()).isZero(); // slack 0: a solution leaves nothing undriven
    }
    for (int i = 1; i < outcome.solutions().size(); i++) {
      assertThat(outcome.solutions().get(i).score())
          .isGreaterThanOrEqualTo(outcome.solutions().get(i - 1).score());
    }
  }

  @Test
  void bikesWinWhenTripsSuitThemAndCo2eComesFirst() {
    GoalSeekRequest request =
        GoalSeekScenario.request(
            GoalSeekScenario.bikeTrips(),
            List.of(1L, 2L),
            List.of(),
            List.of(10L, 11L, 12L, 13L),
            10,
            Map.of());
    GoalSeekOutcome outcome =
        new GoalSeek().run(request, ProgressListener.NONE, Cancellation.NEVER);

    // two errands at a time, so a first fit needs two bikes
    assertThat(outcome.bikeEstimate()).isEqualTo(2);
    GoalSeekSolution best = outcome.solutions().get(0);
    assertThat(best.vehicles())
        .filteredOn(v -> v.count() > 0)
        .isNotEmpty()
        .allSatisfy(v -> assertThat(v.id()).isIn(10L, 11L));
    assertThat(best.vehicles())
        .filteredOn(v -> v.id() == 1L || v.id() == 2L)
        .allSatisfy(v -> assertThat(v.count()).isZero());
    assertThat(best.simulatedCo2eTonnes()).isZero();
    assertThat(best.currentCo2eTonnes()).isPositive();
  }

  @Test
  void progressIsReportedForEveryGeneration() {
    List<Double> fractions = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    GoalSeekOutcome outcome =
        GOAL_SEEK.run(
            MIXED,
            (fraction, message) -> {
              fractions.add(fraction);
              messages.add(message);
            },
            Cancellation.NEVER);

    assertThat(messages.stream().filter(m -> m.contains("generation")).count())
        .isEqualTo(outcome.generations())
        .isPositive();
    assertThat(fractions).isSorted().last().isEqualTo(1.0);
  }

  @Test
  void cancellingStopsTheSearchAtTheNextGeneration() {
    AtomicBoolean cancelled = new AtomicBoolean();
    List<String> generations = new ArrayList<>();
    ProgressListener cancelOnFirstGeneration =
        (fraction, message) -> {
          if (message.contains("generation")) {
            generations.add(message);
            cancelled.set(true);
          }
        };

    assertThatThrownBy(() -> GOAL_SEEK.run(MIXED, cancelOnFirstGeneration, cancelled::get))
        .isInstanceOf(SimulationCancelledException.class);
    assertThat(generations).hasSize(1);
  }

  @Test
  void expensesArePricedWithTheRequestsSettings() {
    GoalSeekRequest dearPetrol =
        GoalSeekScenario.request(
            MIXED.trips(),
            MIXED.currentVehicleIds(),
            List.of(),
            MIXED.testVehicleIds(),
            5,
            Map.of("pris_benzin", "30"));
    long usual =
        GOAL_SEEK
            .run(MIXED, ProgressListener.NONE, Cancellation.NEVER)
            .solutions()
            .get(0)
            .currentExpense();
    long dear =
        GOAL_SEEK
            .run(dearPetrol, ProgressListener.NONE, Cancellation.NEVER)
            .solutions()
            .get(0)
            .currentExpense();

    assertThat(dear).isGreaterThan(usual);
  }

  @Test
  void intelligentAllocationIsUsedWhenAsked() {
    AtomicInteger intelligentRuns = new AtomicInteger();
    IntelligentAllocator exact = new IntelligentAllocator(Duration.ofSeconds(5), 1);
    TripAllocator counted =
        (trips, fleet, settings, context) -> {
          intelligentRuns.incrementAndGet();
          return exact.allocate(trips, fleet, settings, context);
        };
    GoalSeekRequest request =
        new GoalSeekRequest(
            GoalSeekScenario.bikeTrips(),
            GoalSeekScenario.VEHICLES,
            List.of(1L, 2L),
            List.of(),
            List.of(10L, 13L),
            0,
            false,
            true,
            GoalSeekScenario.UTC,
            Map.of(),
            GoalSeekScenario.FROM,
            GoalSeekScenario.TO);
    GoalSeekOutcome outcome =
        new GoalSeek(new GreedyAllocator(), counted, QUICK)
            .run(request, ProgressListener.NONE, Cancellation.NEVER);

    assertThat(intelligentRuns).hasPositiveValue();
    assertThat(outcome.solutions()).isNotEmpty();
    assertThat(outcome.solutions().get(0).unallocated()).isZero();
  }

  @Test
  void aFixedFleetWithSpareCapacityIsTrimmed() {
    // all four cars fixed, but two bikes' worth of errands: the search may only drop cars
    GoalSeekRequest request =
        GoalSeekScenario.request(
            GoalSeekScenario.bikeTrips(),
            List.of(1L, 2L, 3L, 4L),
            List.of(1L, 2L, 3L, 4L),
            List.of(),
            0,
            Map.of());
    GoalSeekOutcome outcome = GOAL_SEEK.run(request, ProgressListener.NONE, Cancellation.NEVER);

    GoalSeekSolution best = outcome.solutions().get(0);
    assertThat(best.vehicles()).allSatisfy(v -> assertThat(v.countDifference()).isNotPositive());
    assertThat(best.vehicles().stream().mapToInt(SolutionVehicle::count).sum()).isBetween(2, 3);
  }
}
