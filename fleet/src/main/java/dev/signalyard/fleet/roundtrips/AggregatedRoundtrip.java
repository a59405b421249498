package dev.signalyard.fleet.roundtrips;

import java.time.Instant;
import java.util.List;

/**
 * A roundtrip made of one or more trips, the result of {@link RoundtripAggregator}.
 *
 * <p>Immutable and thread-safe (the trip list is copied).
 *
 * @param start start of the first trip
 * @param end end of the last trip
 * @param distanceKm sum of the trips' km
 * @param type how the roundtrip came about
 * @param home the start point the roundtrip was anchored at, which the caller uses to anonymise
 *     coordinates; {@code null} only for {@link AggregationType#INBETWEEN} chunks made of trips
 *     that were driven while no roundtrip was open (they have no home)
 * @param trips the trips, in time order
 */
public record AggregatedRoundtrip(
    Instant start,
    Instant end,
    double distanceKm,
    AggregationType type,
    StartPoint home,
    List<TripLog> trips) {

  /** Copies the trip list. */
  public AggregatedRoundtrip {
    trips = List.copyOf(trips);
  }
}
