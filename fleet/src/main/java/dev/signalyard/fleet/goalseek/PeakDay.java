package dev.signalyard.fleet.goalseek;

import dev.signalyard.fleet.simulation.Segment;
import dev.signalyard.fleet.simulation.SimTrip;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The day with the most km driven (step 1 of the reference): segment km count on the local day the
 * segment starts (a trip without segments on its start day); ties go to the earliest day. Its trips
 * are the trips that overlap the day, since each needs a vehicle on it. Immutable.
 *
 * @param day the peak day
 * @param trips the trips overlapping it, in start order
 */
record PeakDay(LocalDate day, List<SimTrip> trips) {
  PeakDay {
    trips = List.copyOf(trips);
  }

  /** The peak day of the trips (given in start order); {@code fallback} when there are none. */
  static PeakDay of(List<SimTrip> tripsInStartOrder, ZoneId zone, LocalDate fallback) {
    Map<LocalDate, Double> km = new TreeMap<>();
    for (SimTrip trip : tripsInStartOrder) {
      if (trip.segments().isEmpty()) {
        km.merge(trip.start().atZone(zone).toLocalDate(), trip.distanceKm(), Double::sum);
      }
      for (Segment segment : trip.segments()) {
        km.merge(segment.start().atZone(zone).toLocalDate(), segment.distanceKm(), Double::sum);
      }
    }
    LocalDate peak = fallback;
    double most = -1;
    for (Map.Entry<LocalDate, Double> entry : km.entrySet()) {
      if (entry.getValue() > most) {
        most = entry.getValue();
        peak = entry.getKey();
      }
    }
    Instant start = peak.atStartOfDay(zone).toInstant();
    Instant end = peak.plusDays(1).atStartOfDay(zone).toInstant();
    List<SimTrip> onPeak = new ArrayList<>();
    for (SimTrip trip : tripsInStartOrder) {
      if (trip.start().isBefore(end) && !trip.end().isBefore(start)) {
        onPeak.add(trip);
      }
    }
    return new PeakDay(peak, onPeak);
  }
}
