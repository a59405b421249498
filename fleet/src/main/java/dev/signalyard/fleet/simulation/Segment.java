package dev.signalyard.fleet.simulation;

import java.time.Instant;
import java.util.Objects;

/**
 * One leg of a roundtrip (a source GPS trip): when it was driven and how far. Immutable.
 *
 * @param start when the leg started
 * @param end when the leg ended, not before {@code start}
 * @param distanceKm length of the leg in km, not negative
 */
public record Segment(Instant start, Instant end, double distanceKm) {
  public Segment {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("segment end before start");
    }
    if (!(distanceKm >= 0)) {
      throw new IllegalArgumentException("segment distance must be >= 0");
    }
  }
}
