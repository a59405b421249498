package dev.signalyard.fleet.roundtrips;

import static dev.signalyard.fleet.roundtrips.AggregationType.COMPLETE;
import static dev.signalyard.fleet.roundtrips.AggregationType.TOO_LONG;
import static dev.signalyard.fleet.roundtrips.Trips.ids;
import static dev.signalyard.fleet.roundtrips.Trips.trip;
import static dev.signalyard.fleet.roundtrips.Trips.types;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference's force_end defect (section 7) and its fix: the "previous trip ended near home"
 * flag must be cleared whenever a roundtrip closes.
 */
class ForceEndDefectTest {

  private static final Place HOME = Place.HOME;
  private static final Place NEAR_HOME = HOME.offset(0.09, 0);
  private static final Place A = HOME.offset(1.5, 0);
  private static final Place B = HOME.offset(1.5, 1.5);
  private static final Place C = HOME.offset(-1.5, 0);
  private static final Place D = HOME.offset(-1.5, -1.5);
  private static final List<StartPoint> STARTS = List.of(HOME.asStart(1));

  /** home->A->B->home(+90 m), home->C->D->home, home->A->home, all on one morning. */
  private static List<TripLog> sectionSevenExample() {
    return List.of(
        trip("0", 0, "08:00", "08:10", HOME, A, 2),
        trip("1", 0, "08:20", "08:30", A, B, 2),
        trip("2", 0, "08:40", "08:50", B, NEAR_HOME, 2),
        trip("3", 0, "09:00", "09:10", HOME, C, 2),
        trip("4", 0, "09:20", "09:30", C, D, 2),
        trip("5", 0, "09:40", "09:50", D, HOME, 2),
        trip("6", 0, "10:00", "10:10", HOME, A, 2),
        trip("7", 0, "10:20", "10:30", A, HOME, 2));
  }

  @Test
  void theReferenceDefectFragmentsTheRoundtrips() {
    // Criterion 0.3: 2 ends 90 m from home -> force_end. 3 starts at home -> b: [0,1,2]; 3 opens
    // and the flag survives this at-home close -> 4 closes [3] (a flag-caused close clears it)
    // and opens; 5 is a leg ending at home -> flag; 6 starts at home -> b: [4,5], flag survives;
    // 6 opens -> 7 closes [6] and, ending at home, is emitted alone: [7]. The 0.05 run (no flag
    // at 2) gives [0,1,2] [3,4,5] [6] [7]; 1/mean logs scores the 0.3 run higher.
    List<AggregatedRoundtrip> roundtrips =
        new RoundtripAggregator(new AggregationSettings(Duration.ofDays(7), false, false, false))
            .aggregate(sectionSevenExample(), STARTS);

    assertThat(ids(roundtrips))
        .containsExactly(
            List.of("0", "1", "2"), List.of("3"), List.of("4", "5"), List.of("6"), List.of("7"));
    assertThat(types(roundtrips)).containsOnly(COMPLETE);
    assertThat(roundtrips.stream().mapToDouble(AggregatedRoundtrip::distanceKm).sum())
        .isEqualTo(16.0);
  }

  @Test
  void theFixGivesTheNaturalRoundtrips() {
    // The flag is cleared on every close: 4 and 6's successor are ordinary legs.
    List<AggregatedRoundtrip> roundtrips =
        new RoundtripAggregator(AggregationSettings.defaults())
            .aggregate(sectionSevenExample(), STARTS);

    assertThat(ids(roundtrips))
        .containsExactly(List.of("0", "1", "2"), List.of("3", "4", "5"), List.of("6", "7"));
    assertThat(types(roundtrips)).containsOnly(COMPLETE);
  }

  /**
   * A car parked three days at a workshop, then a normal round. Local driving, so the 10-hour limit
   * applies.
   */
  private static List<TripLog> workshopVisit() {
    Place workshop = HOME.offset(3, 0);
    return List.of(
        trip("0", 0, "08:00", "08:20", HOME, workshop, 3),
        trip("1", 3, "10:00", "10:20", workshop, HOME, 3),
        trip("2", 3, "12:00", "12:20", HOME, A, 2),
        trip("3", 3, "12:30", "12:50", A, B, 2),
        trip("4", 3, "13:00", "13:20", B, HOME, 2),
        trip("5", 4, "08:00", "08:20", HOME, C, 2),
        trip("6", 4, "08:30", "08:50", C, HOME, 2));
  }

  @Test
  void clearingOnlyOnCompleteLeavesTheFlagStaleAfterATooLongSplit() {
    // 1 ends at home -> force_end. At 2 the open [0,1] spans 3 days > 10 h -> a: too_long [0]
    // (3-day stop) and [1]; 2 opens at home. The flag was not cleared by the too_long close, so
    // 3 closes [2] as complete; 3 opens, 4 ends at home, 5 -> b: [3,4]; 5 opens with the flag
    // left by 4 (a complete close clears it here) and [5,6] completes at the end.
    List<AggregatedRoundtrip> roundtrips =
        new RoundtripAggregator(AggregationSettings.defaults(), ForceEndReset.ON_COMPLETE)
            .aggregate(workshopVisit(), STARTS);

    assertThat(ids(roundtrips))
        .containsExactly(
            List.of("0"), List.of("1"), List.of("2"), List.of("3", "4"), List.of("5", "6"));
    assertThat(types(roundtrips)).containsExactly(TOO_LONG, TOO_LONG, COMPLETE, COMPLETE, COMPLETE);
  }

  @Test
  void clearingOnEveryCloseKeepsTheRoundAfterATooLongSplitWhole() {
    List<AggregatedRoundtrip> roundtrips =
        new RoundtripAggregator(AggregationSettings.defaults()).aggregate(workshopVisit(), STARTS);

    assertThat(ids(roundtrips))
        .containsExactly(List.of("0"), List.of("1"), List.of("2", "3", "4"), List.of("5", "6"));
    assertThat(types(roundtrips)).containsExactly(TOO_LONG, TOO_LONG, COMPLETE, COMPLETE);
  }
}
