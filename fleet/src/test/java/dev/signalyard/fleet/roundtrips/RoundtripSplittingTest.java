package dev.signalyard.fleet.roundtrips;

import static dev.signalyard.fleet.roundtrips.Trips.at;
import static dev.signalyard.fleet.roundtrips.Trips.idsOf;
import static dev.signalyard.fleet.roundtrips.Trips.trip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference's unit fixture (section 6) for split_roundtrip, returns_to_home and overlaps. */
class RoundtripSplittingTest {

  private static final Place HOME = Place.HOME;
  private static final List<StartPoint> STARTS = List.of(HOME.asStart(1));

  /**
   * Four 1-km trips at home with stops 10/40/20/20 min, starting 00:00/01:10/02:40/13:40. So trip 1
   * ends 01:00, trip 2 ends 02:00, trip 3 ends 13:20 and trip 4 ends 14:00.
   */
  private static List<TripLog> fixture() {
    return List.of(
        trip("1", 0, "00:00", "01:00", HOME, HOME, 1),
        trip("2", 0, "01:10", "02:00", HOME, HOME, 1),
        trip("3", 0, "02:40", "13:20", HOME, HOME, 1),
        trip("4", 0, "13:40", "14:00", HOME, HOME, 1));
  }

  @Test
  void splitsTheReferenceFixtureIntoThreeChunks() {
    // 1 (stop 10) starts the chunk; 2 has a 40-min stop > 30: [1,2] emitted; 3 starts a chunk;
    // 4 ends 11h20 after 3 started > 10 h: [3] emitted, 4 starts anew; tail [4] lasts 20 min.
    List<List<TripLog>> chunks =
        RoundtripSplitting.splitRoundtrip(
            fixture(), Duration.ofMinutes(30), Duration.ofHours(10), 0.1);

    assertThat(chunks.stream().map(Trips::idsOf).toList())
        .containsExactly(List.of("1", "2"), List.of("3"), List.of("4"));
  }

  @Test
  void dropsAFirstTripWithALongStopAndTooFewKm() {
    List<TripLog> trips =
        List.of(
            trip("short", 0, "08:00", "08:05", HOME, HOME, 0.05),
            trip("next", 0, "10:00", "10:30", HOME, HOME, 5));

    assertThat(
            RoundtripSplitting.splitRoundtrip(
                    trips, Duration.ofMinutes(45), Duration.ofHours(10), 0.1)
                .stream()
                .map(Trips::idsOf))
        .containsExactly(List.of("next"));
  }

  @Test
  void emitsAFirstTripWithALongStopAlone() {
    List<TripLog> trips =
        List.of(
            trip("first", 0, "08:00", "08:30", HOME, HOME, 5),
            trip("second", 0, "10:00", "10:30", HOME, HOME, 5),
            trip("third", 0, "10:40", "11:00", HOME, HOME, 5));

    assertThat(
            RoundtripSplitting.splitRoundtrip(
                    trips, Duration.ofMinutes(45), Duration.ofHours(10), 0.1)
                .stream()
                .map(Trips::idsOf))
        .containsExactly(List.of("first"), List.of("second", "third"));
  }

  @Test
  void dropsATailLongerThanTheDurationLimit() {
    List<TripLog> trips = List.of(trip("long", 0, "00:00", "11:00", HOME, HOME, 5));

    assertThat(
            RoundtripSplitting.splitRoundtrip(
                trips, Duration.ofMinutes(45), Duration.ofHours(10), 0.1))
        .isEmpty();
  }

  @Test
  void theFixtureReturnsToHome() {
    assertThat(
            RoundtripSplitting.returnsToHome(
                fixture(), HOME.asStart(1), STARTS, 0.3, at(0, "00:00").plus(Duration.ofDays(7))))
        .isTrue();
  }

  @Test
  void aCarThatNeverComesBackDoesNotReturnToHome() {
    Place away = HOME.offset(20, 0);
    List<TripLog> trips = List.of(trip("out", 0, "08:00", "08:30", HOME, away, 20));

    assertThat(
            RoundtripSplitting.returnsToHome(trips, HOME.asStart(1), STARTS, 0.3, at(7, "08:00")))
        .isFalse();
  }

  @Test
  void aReturnAfterTheDeadlineDoesNotCount() {
    Place away = HOME.offset(20, 0);
    List<TripLog> trips = List.of(trip("back", 8, "08:00", "08:30", away, HOME, 20));

    assertThat(
            RoundtripSplitting.returnsToHome(trips, HOME.asStart(1), STARTS, 0.3, at(7, "08:00")))
        .isFalse();
  }

  @Test
  void theOverlapRuleDropsTripThreeWhenTripTwoEndsAt0241() {
    List<TripLog> trips = new java.util.ArrayList<>(fixture());
    trips.set(1, trip("2", 0, "01:10", "02:41", HOME, HOME, 1));

    assertThat(idsOf(TripPreClean.sanitiseForOverlaps(trips))).containsExactly("1", "2", "4");
  }
}
