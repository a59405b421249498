package dev.signalyard.fleet.goalseek;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalyard.fleet.simulation.Vehicle;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
  private static CandidateType type(Vehicle vehicle, int fixed, double cost, double co2e) {
    return new CandidateType(vehicle, 0, fixed, 0, 0, cost, co2e);
  }

  private static final List<CandidateType> TYPES =
      List.of(
          type(GoalSeekScenario.BIKE, 0, 0.0, 0.0),
          type(GoalSeekScenario.YARIS, 2, 0.5, 1.0),
          type(GoalSeekScenario.ZOE, 0, 1.0, 0.1));

  @Test
  void moreFixedCarsThanNeededAreTrimmed() {
    SearchSpace space = SearchSpace.of(TYPES, 1, 1, 5);
    assertThat(space.trimming()).isTrue();
    assertThat(space.lower()).containsExactly(0, 0, 0);
    assertThat(space.upper()).containsExactly(1, 2, 0); // only the fixed Yaris may vary
  }

  @Test
  void tooFewFixedCarsAreCookedUpToTheMissingCount() {
    SearchSpace space = SearchSpace.of(TYPES, 2, 5, 5);
    assertThat(space.trimming()).isFalse();
    assertThat(space.lower()).containsExactly(0, 2, 0); // the fixed Yaris stay
    assertThat(space.upper()).containsExactly(2, 5, 3); // 3 cars missing
  }

  @Test
  void fitnessAddsThePenaltiesOfTheReference() {
    SearchSpace space = SearchSpace.of(TYPES, 1, 3, 10);
    // p = 10: only CO2e counts, 2 x (2 x 1.0 + 1 x 0.1) = 4.2; 3 cars = minimum; 1 bike = b; 3
    // types
    assertThat(space.fitness(new int[] {1, 2, 1})).isCloseTo(4.2 + 3, within());
    // one car missing: +1000; no bike: +|0 - 1|; 1 type
    assertThat(space.fitness(new int[] {0, 2, 0})).isCloseTo(4.0 + 1000 + 1 + 1, within());
    // one car over: +10
    assertThat(space.fitness(new int[] {1, 2, 2})).isCloseTo(4.4 + 10 + 3, within());
    assertThat(space.fitness(new int[] {0, 0, 0})).isGreaterThan(1e6);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
