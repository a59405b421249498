package dev.signalyard.ingest.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

/** The timestamp forms the fleet systems send, and local Copenhagen time around DST changes. */
class FleetTimesTest {

  @Test
  void readsEveryOffsetForm() {
    Instant expected = Instant.parse("2024-03-31T00:50:00Z");
    assertThat(FleetTimes.parse("2024-03-31T01:50:00+01:00")).isEqualTo(expected);
    assertThat(FleetTimes.parse("2024-03-31T01:50:00+0100")).isEqualTo(expected);
    assertThat(FleetTimes.parse("2024-03-31T00:50:00Z")).isEqualTo(expected);
    assertThat(FleetTimes.parse("2024-03-31 01:50:00+01:00")).isEqualTo(expected);
    assertThat(FleetTimes.parse("2024-03-31T00:50:00.000Z")).isEqualTo(expected);
  }

  @Test
  void readsTimesWithoutOffsetAsCopenhagenTime() {
    assertThat(FleetTimes.parse("2024-01-15T08:00:00")).isEqualTo("2024-01-15T07:00:00Z");
    assertThat(FleetTimes.parse("2024-07-15T08:00:00")).isEqualTo("2024-07-15T06:00:00Z");
  }

  @Test
  void movesATimeInTheSpringGapForwardAndTakesSummerTimeInTheAutumnOverlap() {
    // 02:30 does not exist on 31 March 2024; it reads as 03:30 CEST.
    assertThat(FleetTimes.parse("2024-03-31T02:30:00")).isEqualTo("2024-03-31T01:30:00Z");
    // 02:30 happens twice on 27 October 2024; the first (CEST) is taken.
    assertThat(FleetTimes.parse("2024-10-27T02:30:00")).isEqualTo("2024-10-27T00:30:00Z");
    assertThat(FleetTimes.parse("2024-10-27T03:30:00")).isEqualTo("2024-10-27T02:30:00Z");
  }

  @Test
  void refusesOtherForms() {
    assertThatThrownBy(() -> FleetTimes.parse("31-03-2024 01:50"))
        .isInstanceOf(DateTimeParseException.class);
  }
}
