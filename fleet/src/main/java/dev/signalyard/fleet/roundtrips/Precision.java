package dev.signalyard.fleet.roundtrips;

import java.util.Collection;
import java.util.List;

/**
 * The two precision measures of a location: how much of the driving the aggregation could place in
 * complete roundtrips.
 *
 * <ul>
 *   <li><b>Stored precision</b> ({@link #storedPercent}): 100 &times; km of complete roundtrips
 *       &divide; km of all (typed) roundtrips, a percentage, computed over stored roundtrips.
 *   <li><b>Live precision test</b> ({@link #ofVehicle}, {@link #combined}): per vehicle, complete
 *       km &divide; raw trip km between the start of the first and the end of the last roundtrip;
 *       per location, the raw-km weighted mean of the vehicles, a fraction.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Precision {

  private Precision() {}

  /**
   * The stored precision of a set of roundtrips.
   *
   * @param roundtrips roundtrips of any types
   * @return 100 &times; complete km &divide; total km, in percent; 0 when there are no km
   */
  public static double storedPercent(Collection<AggregatedRoundtrip> roundtrips) {
    double completeKm = 0;
    double totalKm = 0;
    for (AggregatedRoundtrip roundtrip : roundtrips) {
      totalKm += roundtrip.distanceKm();
      if (roundtrip.type() == AggregationType.COMPLETE) {
        completeKm += roundtrip.distanceKm();
      }
    }
    return totalKm > 0 ? 100.0 * completeKm / totalKm : 0.0;
  }

  /**
   * One vehicle's result of the live precision test.
   *
   * @param rawTrips the vehicle's raw trips as fetched (any order)
   * @param roundtrips the roundtrips aggregated from them
   * @return raw km of the trips lying within [first roundtrip start, last roundtrip end], the km of
   *     complete roundtrips and their ratio; all zero when there are no roundtrips
   */
  public static VehiclePrecision ofVehicle(
      List<TripLog> rawTrips, List<AggregatedRoundtrip> roundtrips) {
    if (roundtrips.isEmpty()) {
      return new VehiclePrecision(0, 0, 0);
    }
    var first = roundtrips.get(0).start();
    var last = roundtrips.get(0).end();
    double completeKm = 0;
    for (AggregatedRoundtrip roundtrip : roundtrips) {
      if (roundtrip.start().isBefore(first)) {
        first = roundtrip.start();
      }
      if (roundtrip.end().isAfter(last)) {
        last = roundtrip.end();
      }
      if (roundtrip.type() == AggregationType.COMPLETE) {
        completeKm += roundtrip.distanceKm();
      }
    }
    double rawKm = 0;
    for (TripLog trip : rawTrips) {
      if (!trip.start().isBefore(first) && !trip.end().isAfter(last)) {
        rawKm += trip.distanceKm();
      }
    }
    return new VehiclePrecision(rawKm, completeKm, rawKm > 0 ? completeKm / rawKm : 0.0);
  }

  /**
   * A location's live precision from its vehicles' results.
   *
   * @param perVehicle the vehicles' results
   * @return &Sigma; km<sub>i</sub> p<sub>i</sub> &divide; &Sigma; km<sub>i</sub> with km = raw km,
   *     a fraction; 0 when there are no km
   */
  public static double combined(Collection<VehiclePrecision> perVehicle) {
    double weighted = 0;
    double km = 0;
    for (VehiclePrecision vehicle : perVehicle) {
      weighted += vehicle.rawKm() * vehicle.precision();
      km += vehicle.rawKm();
    }
    return km > 0 ? weighted / km : 0.0;
  }
}
