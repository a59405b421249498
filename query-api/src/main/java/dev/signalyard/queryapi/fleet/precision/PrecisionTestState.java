package dev.signalyard.queryapi.fleet.precision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@code GET /api/fleet/precision-tests/{id}} answers and each event of its stream carries.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the test id
 * @param locationId the location tested
 * @param from first day of the trips re-aggregated
 * @param parkingSpots the proposed parking spots of the location
 * @param status QUEUED, RUNNING, DONE, CANCELLED or FAILED
 * @param vehicles vehicles of the location (known once the test runs)
 * @param vehiclesDone vehicles re-aggregated so far
 * @param progress vehiclesDone &divide; vehicles, 0..1 (1 when done)
 * @param tripsRead trips read from fleet-trips
 * @param result the result once DONE, else null
 * @param error why the test FAILED, else null
 * @param createdAt when the test was requested
 */
public record PrecisionTestState(
    String id,
    long locationId,
    LocalDate from,
    List<Spot> parkingSpots,
    Status status,
    int vehicles,
    int vehiclesDone,
    double progress,
    int tripsRead,
    Result result,
    String error,
    Instant createdAt) {

  /** Where a test is. */
  public enum Status {
    QUEUED,
    RUNNING,
    DONE,
    CANCELLED,
    FAILED;

    /** Whether the test has ended. */
    public boolean finished() {
      return this == DONE || this == CANCELLED || this == FAILED;
    }
  }

  /** A proposed parking spot. */
  public record Spot(double latitude, double longitude) {}

  /**
   * A test's outcome.
   *
   * @param precision &Sigma; rawKm<sub>i</sub> precision<sub>i</sub> &divide; &Sigma;
   *     rawKm<sub>i</sub> over the vehicles, a fraction (the reference's live precision)
   * @param precisionPercent the same in percent, as the UI shows it
   * @param rawKm km of the vehicles' trips between each one's first and last roundtrip
   * @param completeKm km of complete roundtrips
   * @param vehicles per-vehicle figures, by vehicle id
   */
  public record Result(
      double precision,
      double precisionPercent,
      double rawKm,
      double completeKm,
      List<VehicleResult> vehicles) {}

  /**
   * One vehicle's figures.
   *
   * @param vehicleId the vehicle
   * @param plate its plate, when known
   * @param trips trips read for it
   * @param roundtrips roundtrips aggregated with the proposed spots
   * @param completeRoundtrips of which complete
   * @param rawKm km of its trips between its first and last roundtrip
   * @param completeKm km of its complete roundtrips
   * @param precision completeKm &divide; rawKm, a fraction (0 without raw km)
   */
  public record VehicleResult(
      long vehicleId,
      String plate,
      int trips,
      int roundtrips,
      int completeRoundtrips,
      double rawKm,
      double completeKm,
      double precision) {}
}
