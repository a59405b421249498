package dev.signalyard.fleet.goalseek;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HallOfFameTest {
  @Test
  void keepsTheBestDistinctFleetsInAStableOrder() {
    HallOfFame hallOfFame = new HallOfFame(2);
    hallOfFame.offer(new int[] {1, 0}, 5);
    hallOfFame.offer(new int[] {1, 0}, 5); // the same fleet again
    hallOfFame.offer(new int[] {0, 2}, 3);
    hallOfFame.offer(new int[] {2, 0}, 3); // same fitness: ordered by counts
    hallOfFame.offer(new int[] {3, 3}, 9); // worse than both kept

    assertThat(hallOfFame.entries())
        .extracting(HallOfFame.Entry::counts)
        .containsExactly(new int[] {0, 2}, new int[] {2, 0});
  }
}
