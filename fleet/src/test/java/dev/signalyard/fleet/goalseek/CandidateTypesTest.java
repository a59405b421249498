package dev.signalyard.fleet.goalseek;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateTypesTest {
  @Test
  void valuesAreClippedToTheFifthAndNinetyFifthPercentileAndScaled() {
    // 21 values 0..20: 5th percentile 1, 95th 19; 0 clips to 1 and 20 to 19
    double[] values = new double[21];
    for (int i = 0; i < values.length; i++) {
      values[i] = i;
    }
    double[] scaled = CandidateTypes.clipAndScale(values);
    assertThat(scaled[0]).isZero();
    assertThat(scaled[1]).isZero();
    assertThat(scaled[10]).isEqualTo(0.5);
    assertThat(scaled[19]).isEqualTo(1.0);
    assertThat(scaled[20]).isEqualTo(1.0);
  }

  @Test
  void equalValuesScaleToZeroNotNaN() {
    assertThat(CandidateTypes.clipAndScale(new double[] {3, 3, 3})).containsExactly(0, 0, 0);
  }

  @Test
  void modelsAreDistinctPricedWithTheRequestsSettingsAndNamedByARealCar() {
    GoalSeekRequest request =
        GoalSeekScenario.request(
            List.of(), List.of(1L, 2L, 3L, 4L), List.of(), List.of(12L, 13L), 5, Map.of());
    List<CandidateType> usual = CandidateTypes.of(request, request.effectiveSettings());
    GoalSeekRequest dearPower =
        GoalSeekScenario.request(
            List.of(),
            List.of(1L, 2L, 3L, 4L),
            List.of(),
            List.of(12L, 13L),
            5,
            Map.of("pris_el", "5"));
    List<CandidateType> dear = CandidateTypes.of(dearPower, dearPower.effectiveSettings());

    assertThat(usual)
        .extracting(c -> c.vehicle().id())
        .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 12L, 13L);
    assertThat(costOf(dear, 12L)).isGreaterThan(costOf(usual, 12L));
    assertThat(costOf(dear, 13L)).isEqualTo(costOf(usual, 13L));
  }

  private static double costOf(List<CandidateType> candidates, long id) {
    return candidates.stream()
        .filter(c -> c.vehicle().id() == id)
        .findFirst()
        .orElseThrow()
        .costPerKm();
  }
}
