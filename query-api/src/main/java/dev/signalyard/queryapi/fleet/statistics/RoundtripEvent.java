package dev.signalyard.queryapi.fleet.statistics;

import dev.signalyard.schemas.fleet.Roundtrip;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The data of a {@code roundtrip} (or {@code roundtrip-deleted}) event of the roundtrip stream.
 * Coordinates are the home location's, as stored.
 *
 * <p>Immutable and thread-safe.
 */
public record RoundtripEvent(
    String id,
    long vehicleId,
    Long startLocationId,
    Instant startTime,
    Instant endTime,
    double distanceKm,
    String aggregationType,
    double latitude,
    double longitude,
    List<Segment> segments,
    boolean deleted) {

  /** One trip of the roundtrip. */
  public record Segment(String tripId, double distanceKm, Instant startTime, Instant endTime) {}

  static RoundtripEvent of(Roundtrip roundtrip) {
    return new RoundtripEvent(
        roundtrip.getId(),
        roundtrip.getVehicleId(),
        roundtrip.getStartLocationId(),
        roundtrip.getStartTime(),
        roundtrip.getEndTime(),
        roundtrip.getDistanceKm(),
        roundtrip.getAggregationType().name().toLowerCase(Locale.ROOT),
        roundtrip.getStartLatitude(),
        roundtrip.getStartLongitude(),
        roundtrip.getSegments().stream()
            .map(
                s ->
                    new Segment(s.getTripId(), s.getDistanceKm(), s.getStartTime(), s.getEndTime()))
            .toList(),
        roundtrip.getDeleted());
  }
}
