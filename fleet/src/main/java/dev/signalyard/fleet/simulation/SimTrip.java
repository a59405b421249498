package dev.signalyard.fleet.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One roundtrip to be booked (or, after shift merging, one shift block of roundtrips), with the car
 * that really drove it. Immutable.
 *
 * @param id roundtrip id (for a shift block: the ids joined with {@code +})
 * @param currentVehicleId the car of the current fleet that drove it
 * @param start departure from the home location
 * @param end return to the home location, not before {@code start}
 * @param distanceKm total length in km
 * @param segments the legs in time order; may be empty when none are known
 */
public record SimTrip(
    String id,
    long currentVehicleId,
    Instant start,
    Instant end,
    double distanceKm,
    List<Segment> segments) {
  public SimTrip {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("trip " + id + " ends before it starts");
    }
    if (!(distanceKm >= 0)) {
      throw new IllegalArgumentException("trip " + id + " distance must be >= 0");
    }
    segments = segments == null ? List.of() : List.copyOf(segments);
  }

  /** Time from departure to return. */
  public Duration duration() {
    return Duration.between(start, end);
  }

  /**
   * Average driving speed in km/h: distance over the summed durations of the segments (the time
   * actually driven), or over the whole trip when there are no segments. Zero when no time passed.
   */
  public double speedKmh() {
    long drivenMillis = 0;
    for (Segment segment : segments) {
      drivenMillis += Duration.between(segment.start(), segment.end()).toMillis();
    }
    if (segments.isEmpty()) {
      drivenMillis = duration().toMillis();
    }
    return drivenMillis == 0 ? 0 : distanceKm / (drivenMillis / 3_600_000.0);
  }
}
