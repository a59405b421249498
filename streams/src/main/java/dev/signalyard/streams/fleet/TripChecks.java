package dev.signalyard.streams.fleet;

import dev.signalyard.schemas.fleet.Trip;

/**
 * Checks a decoded trip before it is aggregated; the answer names the bad field, for the dead
 * letter.
 *
 * <p>Thread-safety: stateless.
 */
final class TripChecks {

  private TripChecks() {}

  /**
   * What is wrong with the record, or null when it can be aggregated.
   *
   * @param key the record key, which must be the trip's vehicle id so that a vehicle's trips share
   *     one partition and one task
   * @param trip the decoded value, or null when the record has none
   */
  static String problem(String key, Trip trip) {
    if (trip == null) {
      return "record has no value";
    }
    if (key == null || !key.equals(Long.toString(trip.getVehicleId()))) {
      return "key "
          + (key == null ? "null" : "'" + key + "'")
          + " is not the trip's vehicleId "
          + trip.getVehicleId();
    }
    if (trip.getTripId().isBlank()) {
      return "tripId is blank";
    }
    if (trip.getEndTime().isBefore(trip.getStartTime())) {
      return "endTime " + trip.getEndTime() + " is before startTime " + trip.getStartTime();
    }
    if (!(trip.getDistanceKm() >= 0) || Double.isInfinite(trip.getDistanceKm())) {
      return "distanceKm must be a finite number of at least 0: " + trip.getDistanceKm();
    }
    String latitude = latitude("startLatitude", trip.getStartLatitude());
    if (latitude == null) {
      latitude = latitude("endLatitude", trip.getEndLatitude());
    }
    if (latitude != null) {
      return latitude;
    }
    String longitude = longitude("startLongitude", trip.getStartLongitude());
    return longitude != null ? longitude : longitude("endLongitude", trip.getEndLongitude());
  }

  private static String latitude(String field, double value) {
    return value >= -90 && value <= 90 ? null : field + " must be within -90..90: " + value;
  }

  private static String longitude(String field, double value) {
    return value >= -180 && value <= 180 ? null : field + " must be within -180..180: " + value;
  }
}
