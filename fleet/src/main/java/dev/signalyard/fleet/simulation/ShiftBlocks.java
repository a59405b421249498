package dev.signalyard.fleet.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the roundtrips of each car into shift blocks ("shiftify"), so a simulated vehicle is
 * locked for the whole block. Each roundtrip belongs to the shift occurrence (a shift on a given
 * day) it overlaps most. Consecutive roundtrips of a car are merged while all hold:
 *
 * <ul>
 *   <li>same shift occurrence (same shift and same date; the overnight shift spans two dates);
 *   <li>the block stays within the longest shift length and under one day;
 *   <li>the block so far does not end within 30 minutes of its shift's break.
 * </ul>
 *
 * A roundtrip of a day or longer closes the open block and stands alone (reference defect 14). A
 * block's segments are the segments of all its roundtrips (a roundtrip without segments counts as
 * one segment), so its speed covers the whole block (reference defect 2). Stateless and
 * thread-safe.
 */
public final class ShiftBlocks {
  private static final Duration BREAK_MARGIN = Duration.ofMinutes(30);
  private static final Duration DAY = Duration.ofDays(1);

  private ShiftBlocks() {}

  /**
   * The trips merged into shift blocks per car; unchanged when there are no shifts. The result is
   * sorted by start.
   */
  public static List<SimTrip> merge(List<SimTrip> trips, List<Shift> shifts, ZoneId zone) {
    if (shifts.isEmpty()) {
      return sortedByStart(trips);
    }
    Duration longestShift =
        shifts.stream().map(Shift::length).max(Duration::compareTo).orElseThrow();
    Map<Long, List<SimTrip>> perCar = new LinkedHashMap<>();
    for (SimTrip trip : sortedByStart(trips)) {
      perCar.computeIfAbsent(trip.currentVehicleId(), k -> new ArrayList<>()).add(trip);
    }
    List<SimTrip> blocks = new ArrayList<>();
    for (List<SimTrip> carTrips : perCar.values()) {
      List<SimTrip> open = new ArrayList<>();
      Occurrence openShift = null;
      for (SimTrip trip : carTrips) {
        if (trip.duration().compareTo(DAY) >= 0) {
          close(open, blocks);
          blocks.add(trip);
          openShift = null;
          continue;
        }
        Occurrence shift = Occurrence.of(trip, shifts, zone);
        if (!open.isEmpty() && !joins(open, openShift, trip, shift, longestShift)) {
          close(open, blocks);
        }
        open.add(trip);
        openShift = shift;
      }
      close(open, blocks);
    }
    return sortedByStart(blocks);
  }

  private static boolean joins(
      List<SimTrip> open, Occurrence openShift, SimTrip trip, Occurrence shift, Duration longest) {
    Duration blockLength = Duration.between(open.get(0).start(), trip.end());
    Instant lastEnd = open.get(open.size() - 1).end();
    return shift.equals(openShift)
        && blockLength.compareTo(longest) <= 0
        && blockLength.compareTo(DAY) < 0
        && !openShift.nearBreak(lastEnd);
  }

  private static void close(List<SimTrip> open, List<SimTrip> blocks) {
    if (open.size() == 1) {
      blocks.add(open.get(0));
    } else if (open.size() > 1) {
      List<Segment> segments = new ArrayList<>();
      double km = 0;
      StringBuilder id = new StringBuilder();
      for (SimTrip trip : open) {
        km += trip.distanceKm();
        id.append(id.length() == 0 ? "" : "+").append(trip.id());
        if (trip.segments().isEmpty()) {
          segments.add(new Segment(trip.start(), trip.end(), trip.distanceKm()));
        } else {
          segments.addAll(trip.segments());
        }
      }
      SimTrip first = open.get(0);
      blocks.add(
          new SimTrip(
              id.toString(),
              first.currentVehicleId(),
              first.start(),
              open.get(open.size() - 1).end(),
              km,
              segments));
    }
    open.clear();
  }

  private static List<SimTrip> sortedByStart(List<SimTrip> trips) {
    List<SimTrip> sorted = new ArrayList<>(trips);
    sorted.sort(
        Comparator.comparing(SimTrip::start)
            .thenComparing(SimTrip::end)
            .thenComparing(SimTrip::id));
    return sorted;
  }

  /** One shift on one day: from its start to its end (the next day for the overnight shift). */
  private record Occurrence(Shift shift, Instant start, Instant end) {
    static Occurrence of(SimTrip trip, List<Shift> shifts, ZoneId zone) {
      LocalDate firstDay = trip.start().atZone(zone).toLocalDate().minusDays(1);
      LocalDate lastDay = trip.end().atZone(zone).toLocalDate();
      Occurrence best = null;
      long bestOverlap = -1;
      for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
        for (Shift shift : shifts) {
          ZonedDateTime from = day.atTime(shift.start()).atZone(zone);
          Occurrence candidate =
              new Occurrence(shift, from.toInstant(), from.plus(shift.length()).toInstant());
          long overlap = candidate.overlapMillis(trip);
          boolean containsStart =
              !trip.start().isBefore(candidate.start) && trip.start().isBefore(candidate.end);
          if (overlap > bestOverlap || (overlap == bestOverlap && overlap == 0 && containsStart)) {
            best = candidate;
            bestOverlap = overlap;
          }
        }
      }
      return best;
    }

    long overlapMillis(SimTrip trip) {
      Instant a = trip.start().isAfter(start) ? trip.start() : start;
      Instant b = trip.end().isBefore(end) ? trip.end() : end;
      return b.isAfter(a) ? Duration.between(a, b).toMillis() : 0;
    }

    boolean nearBreak(Instant time) {
      if (shift.breakAt() == null) {
        return false;
      }
      Instant breakAt = start.plus(Duration.ofMinutes(shift.minutesAfterStart(shift.breakAt())));
      return Duration.between(breakAt, time).abs().compareTo(BREAK_MARGIN) <= 0;
    }
  }
}
