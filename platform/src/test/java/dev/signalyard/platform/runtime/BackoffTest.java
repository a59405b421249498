package dev.signalyard.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(10), 5);

  @Test
  void doublesUpToTheCap() {
    assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofSeconds(10));
    assertThat(backoff.delayAfter(1000)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void worstCaseAddsEveryWaitAndEveryCall() {
    assertThat(backoff.worstCase(Duration.ofSeconds(1)))
        .isEqualTo(Duration.ofSeconds(5 + 2 + 4 + 8 + 10));
  }

  @Test
  void honoursARetryAfterUpToTheCap() {
    assertThat(backoff.delayAfter(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    assertThat(backoff.delayAfter(3, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.delayAfter(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(10));
  }
}
