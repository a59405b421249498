package dev.signalyard.fleet.roundtrips;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/** Builds fixture trips on day numbers from 2026-03-02 (a Monday) UTC. */
final class Trips {

  static final Instant DAY_ZERO = Instant.parse("2026-03-02T00:00:00Z");

  private Trips() {}

  static Instant at(int day, String time) {
    return DAY_ZERO
        .plus(Duration.ofDays(day))
        .plusSeconds(LocalTime.parse(time).toSecondOfDay())
        .atOffset(ZoneOffset.UTC)
        .toInstant();
  }

  static TripLog trip(
      String id, int day, String start, String end, Place from, Place to, double km) {
    return trip(id, at(day, start), at(day, end), from, to, km);
  }

  static TripLog trip(String id, Instant start, Instant end, Place from, Place to, double km) {
    return new TripLog(
        id, start, end, from.latitude(), from.longitude(), to.latitude(), to.longitude(), km);
  }

  /** The ids of each roundtrip's trips, for compact assertions. */
  static List<List<String>> ids(List<AggregatedRoundtrip> roundtrips) {
    return roundtrips.stream().map(r -> r.trips().stream().map(TripLog::id).toList()).toList();
  }

  static List<AggregationType> types(List<AggregatedRoundtrip> roundtrips) {
    return roundtrips.stream().map(AggregatedRoundtrip::type).toList();
  }

  static List<String> idsOf(List<TripLog> trips) {
    return trips.stream().map(TripLog::id).toList();
  }
}
