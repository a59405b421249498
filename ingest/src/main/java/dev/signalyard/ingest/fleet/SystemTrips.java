package dev.signalyard.ingest.fleet;

import dev.signalyard.schemas.fleet.Trip;
import java.time.Instant;

/** Builds the Avro trips the extractors produce and decides which window a trip belongs to. */
final class SystemTrips {

  private SystemTrips() {}

  /** A trip pulled from {@code source}; a trip without an id gets '<source>-<start epoch ms>'. */
  static Trip trip(
      String source,
      long vehicleId,
      String tripId,
      Instant start,
      Instant end,
      double startLatitude,
      double startLongitude,
      double endLatitude,
      double endLongitude,
      double distanceKm,
      Instant receivedAt) {
    return Trip.newBuilder()
        .setVehicleId(vehicleId)
        .setTripId(
            tripId == null || tripId.isBlank() ? source + "-" + start.toEpochMilli() : tripId)
        .setSource(source)
        .setStartTime(start)
        .setEndTime(end)
        .setStartLatitude(startLatitude)
        .setStartLongitude(startLongitude)
        .setEndLatitude(endLatitude)
        .setEndLongitude(endLongitude)
        .setDistanceKm(distanceKm)
        .setReceivedAt(receivedAt)
        .build();
  }

  /**
   * Whether {@code trip} belongs to the window {@code [from, to)}: windows own the trips that ended
   * in them, so a trip asked for twice (the overlap before each window) is kept once.
   */
  static boolean endsIn(Trip trip, Instant from, Instant to) {
    return !trip.getEndTime().isBefore(from) && trip.getEndTime().isBefore(to);
  }
}
