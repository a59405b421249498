package dev.signalyard.fleet.roundtrips;

import static dev.signalyard.fleet.roundtrips.AggregationType.COMPLETE;
import static dev.signalyard.fleet.roundtrips.AggregationType.FORCEFULLY_SPLIT;
import static dev.signalyard.fleet.roundtrips.AggregationType.INBETWEEN;
import static dev.signalyard.fleet.roundtrips.AggregationType.LOCATION_CHANGE;
import static dev.signalyard.fleet.roundtrips.AggregationType.TOO_LONG;
import static dev.signalyard.fleet.roundtrips.Trips.ids;
import static dev.signalyard.fleet.roundtrips.Trips.trip;
import static dev.signalyard.fleet.roundtrips.Trips.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One small hand-built case per rule of the aggregation. All points lie exactly on a start or at
 * least a kilometre away from every start, so the four home-criterion runs agree and the expected
 * roundtrips can be derived by hand (in each test's comment).
 */
class RoundtripAggregatorRulesTest {

  private static final Place HOME = Place.HOME;
  private static final Place WORKSHOP = HOME.offset(20, 0);
  private static final Place FAR_A = HOME.offset(0, 20);
  private static final Place FAR_B = HOME.offset(0, -25);
  private static final List<StartPoint> ONLY_HOME = List.of(HOME.asStart(1));
  private static final List<StartPoint> HOME_AND_WORKSHOP =
      List.of(HOME.asStart(1), WORKSHOP.asStart(2));

  private final RoundtripAggregator aggregator =
      new RoundtripAggregator(AggregationSettings.defaults());

  @Test
  void ruleBClosesACompleteRoundtripWhenTheNextTripStartsAtHome() {
    // 0 opens at home; 1 is a leg (d); 2 starts at home -> b: [0,1] complete, 2 opens;
    // 3 is a leg that ends at home; end of data: the open [2,3] ends at home -> complete.
    List<TripLog> trips =
        List.of(
            trip("0", 0, "08:00", "08:30", HOME, FAR_A, 20),
            trip("1", 0, "12:00", "12:30", FAR_A, HOME, 20),
            trip("2", 1, "08:00", "08:30", HOME, FAR_B, 25),
            trip("3", 1, "12:00", "12:30", FAR_B, HOME, 25));

    List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(trips, ONLY_HOME);

    assertThat(ids(roundtrips)).containsExactly(List.of("0", "1"), List.of("2", "3"));
    assertThat(types(roundtrips)).containsOnly(COMPLETE);
    assertThat(roundtrips.get(0).home()).isEqualTo(HOME.asStart(1));
    assertThat(roundtrips.get(0).distanceKm()).isEqualTo(40.0);
    assertThat(roundtrips.get(0).start()).isEqualTo(trips.get(0).start());
    assertThat(roundtrips.get(0).end()).isEqualTo(trips.get(1).end());
  }

  @Test
  void ruleBEmitsAHomeToHomeTripAsItsOwnRoundtrip() {
    // 2 starts at home -> b: [0,1] complete; 2 also ends at home and has 3 km > 0.1 -> [2] alone
    // (PR #277); nothing is open, so 3 opens the next roundtrip, [3,4] complete at the end.
    Place loop = HOME.offset(1.5, 0);
    List<TripLog> trips =
        List.of(
            trip("0", 0, "08:00", "08:30", HOME, FAR_A, 20),
            trip("1", 0, "12:00", "12:30", FAR_A, HOME, 20),
            trip("2", 0, "13:00", "13:20", HOME, HOME, 3),
            trip("3", 1, "08:00", "08:30", HOME, loop, 2),
            trip("4", 1, "12:00", "12:30", loop, HOME, 2));

    List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(trips, ONLY_HOME);

    assertThat(ids(roundtrips)).containsExactly(List.of("0", "1"), List.of("2"), List.of("3", "4"));
    assertThat(types(roundtrips)).containsOnly(COMPLETE);
  }

  @Test
  void aHomeToHomeTripOfAtMostPointOneKmIsSkippedAndRecoveredAsInbetween() {
    // 0 starts and ends at home with 0.05 km while nothing is open -> skipped; 1 opens, 2 is a
    // leg ending at home -> [1,2] complete. Recovery: 0 lies before the last roundtrip and in no
    // roundtrip's span -> [0] inbetween, without home.
    List<TripLog> trips =
        List.of(
            trip("0", 0, "07:00", "07:05", HOME, HOME, 0.05),
            trip("1", 0, "08:00", "08:30", HOME, FAR_A, 20),
            trip("2", 0, "12:00", "12:30", FAR_A, HOME, 20));

    List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(trips, ONLY_HOME);

    assertThat(ids(roundtrips)).containsExactly(List.of("0"), List.of("1", "2"));
    assertThat(types(roundtrips)).containsExactly(INBETWEEN, COMPLETE);
    assertThat(roundtrips.get(0).home()).isNull();
  }

  @Test
  void aHomeToHomeTripOfMoreThanPointOneKmOpensARoundtrip() {
    // Same as above with 0.2 km: 0 opens; 1 starts at home and the open km 0.2 > 0.1 -> b: [0]
    // complete, 1 does not end at home so it opens; 2 ends at home -> [1,2] complete at the end.
    List<TripLog> trips =
        List.of(
            trip("0", 0, "07:00", "07:05", HOME, HOME, 0.2),
            trip("1", 0, "08:00", "08:30", HOME, FAR_A, 20),
            trip("2", 0, "12:00", "12:30", FAR_A, HOME, 20));

    List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(trips, ONLY_HOME);

    assertThat(ids(roundtrips)).containsExactly(List.of("0"), List.of("1", "2"));
    assertThat(types(roundtrips)).containsOnly(COMPLETE);
  }

  @Test
  void ruleASplitsARoundtripThatStaysOpenTooLong() {
    // 0 opens (its 7-day window holds only 0, which starts at home: the 10-hour limit applies);
    // 1 (day 8) is a leg; at 2 the open [0,1] spans 8 days > limit -> a: split_roundtrip([0,1]):
    // 0's stop of 8 days > 45 min -> [0] alone; 1's stop is 30 min, the tail [1] -> emitted; both
    // too_long. 2 does not start at home -> reset, buffered. 3 opens at home: the buffer [2]
    // (stop ~1 day) becomes inbetween; [3,4] complete at the end.
    List<TripLog> trips =
        List.of(
            trip("0", 0, "08:00", "08:30", HOME, FAR_A, 20),
            trip("1", 8, "09:00", "09:30", FAR_A, FAR_B, 5),
            trip("2", 8, "10:00", "10:30", FAR_B, HOME, 25),
            trip("3", 9, "08:00", "08:30", HOME, FAR_A, 20),
            trip("4", 9, "12:00", "12:30", FAR_A, HOME, 20));

    List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(trips, ONLY_HOME);

    assertThat(ids(roundtrips))
        .containsExactly(List.of("0"), List.of("1"), List.of("2"), List.of("3", "4"));
    assertThat(types(roundtrips)).containsExactly(TOO_LONG, TOO_LONG, INBETWEEN, COMPLETE);
    assertThat(roundtrips.get(0).home()).isEqualTo(HOME.asStart(1));
    assertThat(roundtrips.get(2).home()).isNull();
  }

  @Test
  void localDrivingGetsTheTenHourLimit() {
    // All starts lie within 5 km of home: more than half the logs and more than 60 % of the km in
    // the window start near home -> limit 10 h. At 3 the open [0,1,2] spans 12h15 > 10 h -> a:
    // every trip's stop exceeds 45 min -> [0], [1], [2] too_long; 3 opens; [3,4] complete.
    Place a = HOME.offset(2, 0);
    Place b = HOME.offset(0, 3);
    List<TripLog> trips = vicinityDay(a, b);

    List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(trips, ONLY_HOME);

    assertThat(ids(roundtrips))
        .containsExactly(List.of("0"), List.of("1"), List.of("2"), List.of("3", "4"));
    assertThat(types(roundtrips)).containsExactly(TOO_LONG, TOO_LONG, TOO_LONG, COMPLETE);
  }

  @Test
  void distantDrivingKeepsTheTripDurationLimit() {
    // The same day with destinations 20-25 km away: only 2 of 5 logs start near home -> limit 7
    // days; 3 starts at home -> b: [0,1,2] complete; [3,4] complete at the end.
    List<TripLog> trips = vicinityDay(FAR_A, FAR_B);

    List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(trips, ONLY_HOME);

    assertThat(ids(roundtrips)).containsExactly(List.of("0", "1", "2"), List.of("3", "4"));
    assertThat(types(roundtrips)).containsOnly(COMPLETE);
  }

  private static List<TripLog> vicinityDay(Place a, Place b) {
    return List.of(
        trip("0", 0, "08:00", "08:15", HOME, a, 2),
        trip("1", 0, "12:00", "12:15", a, b, 3),
        trip("2", 0, "20:00", "20:15", b, HOME, 2),
        trip("3", 1, "08:00", "08:15", HOME, a, 2),
        trip("4", 1, "08:30", "08:45", a, HOME, 2));
  }

  @Test
  void ruleCEndsTheRoundtripWhenTheCarMovesToAnotherHome() {
    // Window of 0: one start at home, one at the workshop -> not more frequent, 0 opens at home.
    // 1 is a leg ending at the workshop; 2 starts at the workshop (another home) and no later
    // trip ends at home -> c: [0,1] location_change, 2 opens at the workshop; 3 ends there ->
    // [2,3] complete at the end, anchored at the workshop.
    Place x = WORKSHOP.offset(0, 10);
    List<TripLog> trips =
        List.of(
            trip("0", 0, "08:00", "08:30", HOME, FAR_A, 10),
            trip("1", 0, "09:00", "09:30", FAR_A, WORKSHOP, 15),
            trip("2", 0, "10:00", "10:30", WORKSHOP, x, 10),
            trip("3", 0, "11:00", "11:30", x, WORKSHOP, 10));

    List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(trips, HOME_AND_WORKSHOP);

    assertThat(ids(roundtrips)).containsExactly(List.of("0", "1"), List.of("2", "3"));
    assertThat(types(roundtrips)).containsExactly(LOCATION_CHANGE, COMPLETE);
    assertThat(roundtrips.get(0).home().locationId()).isEqualTo(1);
    assertThat(roundtrips.get(1).home().locationId()).isEqualTo(2);
  }

  @Test
  void ruleDKeepsAStartAtAnotherHomeInTheRoundtripWhenTheCarReturnsInTime() {
    // Window of 0: home 3 starts (0, 5, 7), workshop 2 (2, 4) -> 0 opens at home. 1 is a leg; 2
    // starts at the workshop, but 4 ends at home within the limit (returns_to_home) -> d; 3 and
    // 4 are legs (4 starts at the workshop and itself returns home -> d), 4 ends at home
    // (force_end); 5 starts at home -> b: [0..4] complete. It lasts 4.5 h, under the 10 h of
    // the re-aggregation rule, so it stays whole. [5,6] and [7,8] complete.
    Place x = WORKSHOP.offset(0, 10);
    List<TripLog> trips =
        List.of(
            trip("0", 0, "08:00", "08:30", HOME, FAR_A, 10),
            trip("1", 0, "09:00", "09:30", FAR_A, WORKSHOP, 15),
            trip("2", 0, "10:00", "10:30", WORKSHOP, x, 10),
            trip("3", 0, "11:00", "11:30", x, WORKSHOP, 10),
            trip("4", 0, "12:00", "12:30", WORKSHOP, HOME, 20),
            trip("5", 1, "08:00", "08:30", HOME, FAR_A, 10),
            trip("6", 1, "09:00", "09:30", FAR_A, HOME, 10),
            trip("7", 2, "08:00", "08:30", HOME, FAR_A, 10),
            trip("8", 2, "09:00", "09:30", FAR_A, HOME, 10));

    List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(trips, HOME_AND_WORKSHOP);

    assertThat(ids(roundtrips))
        .containsExactly(List.of("0", "1", "2", "3", "4"), List.of("5", "6"), List.of("7", "8"));
    assertThat(types(roundtrips)).containsOnly(COMPLETE);
    assertThat(roundtrips.get(0).home().locationId()).isEqualTo(1);
  }

  @Test
  void aMoreFrequentStartInTheWindowKeepsTheTripFromOpening() {
    // Window of 0 (7 days): home has 1 start, the workshop 2 (trips 2 and 4) -> 0 is buffered, 1
    // too. 2 starts at the workshop: the buffer [0,1] becomes one inbetween chunk; 2 opens at the
    // workshop, 3 ends there (force_end); 4 starts at the workshop -> b: [2,3] complete; 4 ends at
    // home, not at the workshop, so it opens a roundtrip that never completes and is not emitted.
    Place x = WORKSHOP.offset(0, 10);
    List<TripLog> trips =
        List.of(
            trip("0", 0, "08:00", "08:30", HOME, FAR_A, 10),
            trip("1", 0, "09:00", "09:30", FAR_A, WORKSHOP, 15),
            trip("2", 0, "10:00", "10:30", WORKSHOP, x, 10),
            trip("3", 0, "11:00", "11:30", x, WORKSHOP, 10),
            trip("4", 1, "10:00", "10:30", WORKSHOP, HOME, 20));

    List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(trips, HOME_AND_WORKSHOP);

    assertThat(ids(roundtrips)).containsExactly(List.of("0", "1"), List.of("2", "3"));
    assertThat(types(roundtrips)).containsExactly(INBETWEEN, COMPLETE);
  }

  @Test
  void aLongRoundtripDominatedByAnotherLocationIsAggregatedAgainAroundIt() {
    // Window of 0: home 4 starts (0, 5, 7, 9), workshop 2 (2, 4) -> 0 opens at home. As in the
    // rule-d case [0..4] forms (2 returns home in time; 4 ends at home, force_end), and 5 starts
    // at home -> b: [0..4] complete, 26.5 h. Post-processing: over 10 h, 5 logs, workshop 2
    // starts > home 1 -> aggregated again with the workshop as only home: 0 and 1 are buffered,
    // 2 opens (the buffer [0,1] -> inbetween), 3 ends at the workshop, 4 starts there -> b: [2,3]
    // complete; 4 ends at home, not the workshop -> opens, never completes. Recovery: 4 is before
    // the last roundtrip and outside every span -> [4] inbetween. [5,6], [7,8], [9,10] complete.
    Place x = WORKSHOP.offset(0, 10);
    List<TripLog> trips = new ArrayList<>();
    trips.add(trip("0", 0, "08:00", "08:30", HOME, FAR_A, 10));
    trips.add(trip("1", 0, "09:00", "09:30", FAR_A, WORKSHOP, 15));
    trips.add(trip("2", 0, "10:00", "10:30", WORKSHOP, x, 10));
    trips.add(trip("3", 0, "11:00", "11:30", x, WORKSHOP, 10));
    trips.add(trip("4", 1, "10:00", "10:30", WORKSHOP, HOME, 20));
    for (int day = 2; day <= 4; day++) {
      trips.add(trip(String.valueOf(2 * day + 1), day, "08:00", "08:30", HOME, FAR_A, 20));
      trips.add(trip(String.valueOf(2 * day + 2), day, "12:00", "12:30", FAR_A, HOME, 20));
    }

    List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(trips, HOME_AND_WORKSHOP);

    assertThat(ids(roundtrips))
        .containsExactly(
            List.of("0", "1"),
            List.of("2", "3"),
            List.of("4"),
            List.of("5", "6"),
            List.of("7", "8"),
            List.of("9", "10"));
    assertThat(types(roundtrips))
        .containsExactly(INBETWEEN, COMPLETE, INBETWEEN, COMPLETE, COMPLETE, COMPLETE);
    assertThat(roundtrips.get(1).home().locationId()).isEqualTo(2);

    List<AggregatedRoundtrip> natural =
        new RoundtripAggregator(new AggregationSettings(Duration.ofDays(7), false, true, true))
            .aggregate(trips, HOME_AND_WORKSHOP);
    assertThat(ids(natural).get(0)).containsExactly("0", "1", "2", "3", "4");
  }

  @Test
  void anImplausiblySlowRoundtripIsForcefullySplit() {
    // 0 opens (window up to day 7 08:00: 0 at home, 1 10 km away -> 1 of 2 logs near home, limit
    // 7 days); 1 is a
    // leg 6 days later ending at home; 2 starts at home -> b: [0,1] complete, 20 km in 144.5 h =
    // 0.14 km/h < 0.2 -> re-split at 45-min stops and 10 h: [0] and [1] forcefully_split, home
    // kept. [2,3] complete. With onlyNatural the slow roundtrip stays complete.
    Place near = HOME.offset(10, 0);
    List<TripLog> trips =
        List.of(
            trip("0", 0, "08:00", "08:30", HOME, near, 10),
            trip("1", 6, "08:00", "08:30", near, HOME, 10),
            trip("2", 7, "09:00", "09:30", HOME, FAR_A, 20),
            trip("3", 7, "12:00", "12:30", FAR_A, HOME, 20));

    List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(trips, ONLY_HOME);

    assertThat(ids(roundtrips)).containsExactly(List.of("0"), List.of("1"), List.of("2", "3"));
    assertThat(types(roundtrips)).containsExactly(FORCEFULLY_SPLIT, FORCEFULLY_SPLIT, COMPLETE);
    assertThat(roundtrips.get(0).home()).isEqualTo(HOME.asStart(1));

    List<AggregatedRoundtrip> natural =
        new RoundtripAggregator(new AggregationSettings(Duration.ofDays(7), false, true, true))
            .aggregate(trips, ONLY_HOME);
    assertThat(ids(natural)).containsExactly(List.of("0", "1"), List.of("2", "3"));
    assertThat(types(natural)).containsOnly(COMPLETE);
  }

  @Test
  void aTripDroppedBySplittingIsRecoveredAsInbetween() {
    // 0 does not start at home -> buffered; 1 opens and flushes [0]: 0's stop of 55 min > 45 and
    // 0.05 km < 0.1 -> split_roundtrip drops it. Recovery puts it back as inbetween. [1,2]
    // complete.
    Place x = HOME.offset(3, 3);
    List<TripLog> trips =
        List.of(
            trip("0", 0, "07:00", "07:05", x, x.offset(0, 0.05), 0.05),
            trip("1", 0, "08:00", "08:30", HOME, FAR_A, 20),
            trip("2", 0, "12:00", "12:30", FAR_A, HOME, 20));

    List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(trips, ONLY_HOME);

    assertThat(ids(roundtrips)).containsExactly(List.of("0"), List.of("1", "2"));
    assertThat(types(roundtrips)).containsExactly(INBETWEEN, COMPLETE);
  }

  @Test
  void anOpenTailIsNotEmitted() {
    // [0,1] complete (2 starts at home); 2 opens a roundtrip that never comes back: not emitted.
    List<TripLog> trips =
        List.of(
            trip("0", 0, "08:00", "08:30", HOME, FAR_A, 20),
            trip("1", 0, "12:00", "12:30", FAR_A, HOME, 20),
            trip("2", 1, "08:00", "08:30", HOME, FAR_B, 25));

    assertThat(ids(aggregator.aggregate(trips, ONLY_HOME))).containsExactly(List.of("0", "1"));
  }

  @Test
  void theLastRoundtripIsDroppedUnlessComplete() {
    // As in the rule-a case without the trips after 2: [0] and [1] too_long, 2 buffered and never
    // flushed. The last roundtrip [1] is not complete -> dropped (#305); [0] stays.
    List<TripLog> trips =
        List.of(
            trip("0", 0, "08:00", "08:30", HOME, FAR_A, 20),
            trip("1", 8, "09:00", "09:30", FAR_A, FAR_B, 5),
            trip("2", 8, "10:00", "10:30", FAR_B, HOME, 25));

    List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(trips, ONLY_HOME);

    assertThat(ids(roundtrips)).containsExactly(List.of("0"));
    assertThat(types(roundtrips)).containsExactly(TOO_LONG);
  }

  @Test
  void anAdditionalSpotCountsAsItsParentLocation() {
    // The car leaves from the main spot and comes back to the addition 400 m away (beyond every
    // criterion from the main spot): it is the same location, so [0,1] is complete.
    Place addition = HOME.offset(0.4, 0);
    List<StartPoint> starts = List.of(HOME.asStart(7), addition.asStart(7));
    List<TripLog> trips =
        List.of(
            trip("0", 0, "08:00", "08:30", HOME, FAR_A, 20),
            trip("1", 0, "12:00", "12:30", FAR_A, addition, 20),
            trip("2", 1, "08:00", "08:30", addition, FAR_B, 25),
            trip("3", 1, "12:00", "12:30", FAR_B, HOME, 25));

    List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(trips, starts);

    assertThat(ids(roundtrips)).containsExactly(List.of("0", "1"), List.of("2", "3"));
    assertThat(types(roundtrips)).containsOnly(COMPLETE);
    assertThat(roundtrips.get(1).home()).isEqualTo(addition.asStart(7));
  }

  @Test
  void aTripWithoutStartCoordinatesIsSkippedByTheMainLoop() {
    // 1 starts at 0,0 -> skipped; 2 is a leg ending at home -> [0,2] complete at the end. 1 lies
    // inside that roundtrip's span, so recovery does not take it either.
    List<TripLog> trips =
        List.of(
            trip("0", 0, "08:00", "08:30", HOME, FAR_A, 20),
            trip("1", 0, "10:00", "10:30", new Place(0, 0), FAR_B, 30),
            trip("2", 0, "12:00", "12:30", FAR_B, HOME, 25));

    List<AggregatedRoundtrip> roundtrips = aggregator.aggregate(trips, ONLY_HOME);

    assertThat(ids(roundtrips)).containsExactly(List.of("0", "2"));
    assertThat(roundtrips.get(0).distanceKm()).isEqualTo(45.0);
  }

  @Test
  void birdFlightReplacesTheDistanceByTheStraightLine() {
    List<TripLog> trips =
        List.of(
            trip("0", 0, "08:00", "08:30", HOME, FAR_A, 33),
            trip("1", 0, "12:00", "12:30", FAR_A, HOME, 31));

    List<AggregatedRoundtrip> roundtrips =
        new RoundtripAggregator(new AggregationSettings(Duration.ofDays(7), true, false, true))
            .aggregate(trips, ONLY_HOME);

    assertThat(roundtrips).hasSize(1);
    double straightLine =
        Haversine.distanceKm(
            HOME.latitude(), HOME.longitude(), FAR_A.latitude(), FAR_A.longitude());
    assertThat(straightLine).isCloseTo(20.0, within(0.001));
    assertThat(roundtrips.get(0).trips().get(0).distanceKm()).isEqualTo(straightLine);
    assertThat(roundtrips.get(0).distanceKm()).isEqualTo(straightLine + straightLine);
  }
}
