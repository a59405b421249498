package dev.signalyard.fleet.roundtrips;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pre-clean every aggregation starts with (the reference's {@code sanitise_for_overlaps}): the
 * trips are sorted by start; trips lasting 20 days or more are dropped; then a trip starting before
 * the end of the previously kept trip is dropped (the later one loses).
 *
 * <p>The sort is a total order (start, end, id, coordinates, km), so the result does not depend on
 * the input order. The overlap test compares with the latest end of all kept trips, so the result
 * never overlaps; the long-trip rule runs first, so one bogus 30-day trip cannot swallow the month
 * after it.
 *
 * <p>Stateless and thread-safe.
 */
public final class TripPreClean {

  /** Trips this long or longer are dropped as bogus. */
  public static final Duration MAX_TRIP_DURATION = Duration.ofDays(20);

  private static final Comparator<TripLog> TIME_ORDER =
      Comparator.comparing(TripLog::start)
          .thenComparing(TripLog::end)
          .thenComparing(TripLog::id, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparingDouble(TripLog::startLatitude)
          .thenComparingDouble(TripLog::startLongitude)
          .thenComparingDouble(TripLog::endLatitude)
          .thenComparingDouble(TripLog::endLongitude)
          .thenComparingDouble(TripLog::distanceKm);

  private TripPreClean() {}

  /**
   * Sorts the trips and drops overlapping and overlong ones.
   *
   * @param trips trips in any order
   * @return a new list in time order in which no trip starts before the previous one ends
   */
  public static List<TripLog> sanitiseForOverlaps(List<TripLog> trips) {
    List<TripLog> sorted = new ArrayList<>(trips);
    sorted.sort(TIME_ORDER);
    long maxMillis = MAX_TRIP_DURATION.toMillis();
    List<TripLog> kept = new ArrayList<>(sorted.size());
    long latestEnd = Long.MIN_VALUE;
    for (TripLog trip : sorted) {
      long start = trip.start().toEpochMilli();
      long end = trip.end().toEpochMilli();
      if (end - start >= maxMillis || start < latestEnd) {
        continue;
      }
      kept.add(trip);
      latestEnd = Math.max(latestEnd, end);
    }
    return kept;
  }
}
