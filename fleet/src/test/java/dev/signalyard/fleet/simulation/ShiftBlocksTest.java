package dev.signalyard.fleet.simulation;

import static dev.signalyard.fleet.simulation.Fixtures.at;
import static dev.signalyard.fleet.simulation.Fixtures.segment;
import static dev.signalyard.fleet.simulation.Fixtures.trip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShiftBlocksTest {
  private static final List<Shift> SHIFTS =
      List.of(
          Shift.parse("07:00-15:00/11:00"), Shift.parse("15:00-23:00"), Shift.parse("23:00-07:00"));

  private static List<SimTrip> merge(SimTrip... trips) {
    return ShiftBlocks.merge(List.of(trips), SHIFTS, ZoneOffset.UTC);
  }

  @Test
  void tripsOfOneShiftAreMergedAndTheNextShiftStartsANewBlock() {
    List<SimTrip> blocks =
        merge(
            trip("1", "2026-03-02T08:00", "2026-03-02T09:00", 5),
            trip("2", "2026-03-02T09:30", "2026-03-02T10:00", 6),
            trip("3", "2026-03-02T13:00", "2026-03-02T14:00", 7),
            trip("4", "2026-03-02T16:00", "2026-03-02T17:00", 8));
    assertThat(blocks).extracting(SimTrip::id).containsExactly("1+2+3", "4");
    assertThat(blocks.get(0).start()).isEqualTo(at("2026-03-02T08:00"));
    assertThat(blocks.get(0).end()).isEqualTo(at("2026-03-02T14:00"));
    assertThat(blocks.get(0).distanceKm()).isCloseTo(18, within(1e-9));
  }

  @Test
  void aBlockEndingNearTheBreakIsClosed() {
    // trip 1 ends 10:45, within 11:00 ± 30 min
    assertThat(
            merge(
                trip("1", "2026-03-02T08:00", "2026-03-02T10:45", 5),
                trip("2", "2026-03-02T12:00", "2026-03-02T13:00", 5)))
        .extracting(SimTrip::id)
        .containsExactly("1", "2");
  }

  @Test
  void aBlockStaysWithinTheLongestShift() {
    // 07:00 to 15:05 is 8 h 5 min > 8 h; trip 2 overlaps the day shift 60 min, the evening 5 min
    assertThat(
            merge(
                trip("1", "2026-03-02T07:00", "2026-03-02T07:30", 5),
                trip("2", "2026-03-02T14:00", "2026-03-02T15:05", 5)))
        .extracting(SimTrip::id)
        .containsExactly("1", "2");
  }

  @Test
  void theOvernightShiftSpansTwoDates() {
    assertThat(
            merge(
                trip("1", "2026-03-02T23:30", "2026-03-03T00:30", 5),
                trip("2", "2026-03-03T01:00", "2026-03-03T02:00", 5)))
        .extracting(SimTrip::id)
        .containsExactly("1+2");
  }

  @Test
  void aTripOfADayOrMoreStandsAloneAndClosesTheOpenBlock() {
    // reference defect 14: exactly 24 h must neither crash nor swallow neighbours
    assertThat(
            merge(
                trip("1", "2026-03-02T08:00", "2026-03-02T09:00", 5),
                trip("2", "2026-03-02T10:00", "2026-03-03T10:00", 50),
                trip("3", "2026-03-03T11:00", "2026-03-03T12:00", 5)))
        .extracting(SimTrip::id)
        .containsExactly("1", "2", "3");
  }

  @Test
  void tripsOfDifferentCarsAreNeverMerged() {
    assertThat(
            merge(
                Fixtures.trip("1", 1, "2026-03-02T08:00", "2026-03-02T09:00", 5),
                Fixtures.trip("2", 2, "2026-03-02T09:30", "2026-03-02T10:00", 5)))
        .extracting(SimTrip::id)
        .containsExactly("1", "2");
  }

  @Test
  void blockSpeedCoversAllItsRoundtrips() {
    // reference defect 2: roundtrip 1 drives 10 km in 1 h, roundtrip 2 drives 10 km in 15 min;
    // the block's speed covers both, not only the first roundtrip's 10 km/h
    List<SimTrip> blocks =
        merge(
            trip(
                "1",
                "2026-03-02T08:00",
                "2026-03-02T09:00",
                10,
                segment("2026-03-02T08:00", "2026-03-02T09:00", 10)),
            trip("2", "2026-03-02T10:00", "2026-03-02T10:15", 10));
    // 20 km over 1 h + 0.25 h = 16 km/h
    assertThat(blocks).hasSize(1);
    assertThat(blocks.get(0).speedKmh()).isCloseTo(16, within(1e-9));
    assertThat(blocks.get(0).segments()).hasSize(2);
  }

  @Test
  void withoutShiftsTripsAreOnlySorted() {
    List<SimTrip> sorted =
        ShiftBlocks.merge(
            List.of(
                trip("2", "2026-03-02T09:30", "2026-03-02T10:00", 5),
                trip("1", "2026-03-02T08:00", "2026-03-02T09:00", 5)),
            List.of(),
            ZoneOffset.UTC);
    assertThat(sorted).extracting(SimTrip::id).containsExactly("1", "2");
  }
}
