package dev.signalyard.queryapi.fleet.statistics;

import dev.signalyard.schemas.fleet.AggregationType;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.schemas.fleet.RoundtripSegment;
import java.util.List;

/**
 * What the statistics need of one stored roundtrip: its type and km for precision, and its
 * segments' times and km (as primitive arrays, without coordinates or trip ids) for hourly driving
 * data.
 *
 * <p>Thread-safety: never changed once built (the arrays are read-only by convention: only the
 * index builds them), so safe to share between threads.
 *
 * @param id the roundtrip id
 * @param vehicleId the vehicle
 * @param locationId the start location, null when unknown
 * @param startMillis start of the first trip, epoch ms
 * @param endMillis end of the last trip, epoch ms
 * @param km the roundtrip's km
 * @param type how the roundtrip was closed
 * @param segmentStarts start of each segment, epoch ms
 * @param segmentEnds end of each segment, epoch ms
 * @param segmentKm km of each segment
 */
public record RoundtripFact(
    String id,
    long vehicleId,
    Long locationId,
    long startMillis,
    long endMillis,
    double km,
    AggregationType type,
    long[] segmentStarts,
    long[] segmentEnds,
    double[] segmentKm) {

  static RoundtripFact of(Roundtrip roundtrip) {
    List<RoundtripSegment> segments = roundtrip.getSegments();
    long[] starts = new long[segments.size()];
    long[] ends = new long[segments.size()];
    double[] km = new double[segments.size()];
    for (int i = 0; i < segments.size(); i++) {
      RoundtripSegment segment = segments.get(i);
      starts[i] = segment.getStartTime().toEpochMilli();
      ends[i] = segment.getEndTime().toEpochMilli();
      km[i] = segment.getDistanceKm();
    }
    return new RoundtripFact(
        roundtrip.getId(),
        roundtrip.getVehicleId(),
        roundtrip.getStartLocationId(),
        roundtrip.getStartTime().toEpochMilli(),
        roundtrip.getEndTime().toEpochMilli(),
        roundtrip.getDistanceKm(),
        roundtrip.getAggregationType(),
        starts,
        ends,
        km);
  }

  /** Number of segments (source trips). */
  public int segments() {
    return segmentKm.length;
  }

  /** Start of segment {@code i}, epoch ms. */
  public long segmentStart(int i) {
    return segmentStarts[i];
  }

  /** End of segment {@code i}, epoch ms. */
  public long segmentEnd(int i) {
    return segmentEnds[i];
  }

  /** Km of segment {@code i}. */
  public double segmentKm(int i) {
    return segmentKm[i];
  }
}
