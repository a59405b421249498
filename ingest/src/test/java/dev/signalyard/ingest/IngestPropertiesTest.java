package dev.signalyard.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class IngestPropertiesTest {

  @Test
  void refusesShortTrackerSecrets() {
    assertThatThrownBy(
            () -> new IngestProperties.Trackers(Map.of("fleet1", "short"), DataSize.ofMegabytes(1)))
        .hasMessageContaining("signalyard.ingest.trackers.secrets.fleet1")
        .hasMessageContaining("at least 16 characters");
  }

  @Test
  void neverShowsTrackerSecrets() {
    IngestProperties.Trackers trackers =
        new IngestProperties.Trackers(
            Map.of("fleet1", "fleet1-secret-0123456789"), DataSize.ofMegabytes(1));

    assertThat(trackers.toString()).contains("fleet1").doesNotContain("secret-0123456789");
  }

  @Test
  void hasNoTrackerSourcesUnlessConfigured() {
    assertThat(new IngestProperties.Trackers(null, DataSize.ofMegabytes(1)).secrets()).isEmpty();
  }
}
