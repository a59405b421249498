package dev.signalyard.fleet.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The one definition of "days" used everywhere in the model (yearly scaling of both fleets and the
 * {@code km_aar} rule): the fractional days from the first trip start to the last trip end, at
 * least 1. Stateless and thread-safe.
 */
public final class PeriodDays {
  private static final double MILLIS_PER_DAY = Duration.ofDays(1).toMillis();

  private PeriodDays() {}

  /** Days spanned by the trips; 1 when there are none or they span less than a day. */
  public static double of(List<SimTrip> trips) {
    if (trips.isEmpty()) {
      return 1;
    }
    Instant first = trips.get(0).start();
    Instant last = trips.get(0).end();
    for (SimTrip trip : trips) {
      if (trip.start().isBefore(first)) {
        first = trip.start();
      }
      if (trip.end().isAfter(last)) {
        last = trip.end();
      }
    }
    return Math.max(1, Duration.between(first, last).toMillis() / MILLIS_PER_DAY);
  }

  /** Scales km driven in {@code days} to a year of 365 days. */
  public static double yearly(double km, double days) {
    return km / days * 365;
  }
}
