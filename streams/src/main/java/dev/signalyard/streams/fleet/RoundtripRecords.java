package dev.signalyard.streams.fleet;

import dev.signalyard.fleet.roundtrips.AggregatedRoundtrip;
import dev.signalyard.fleet.roundtrips.StartPoint;
import dev.signalyard.fleet.roundtrips.TripLog;
import dev.signalyard.schemas.fleet.AggregationType;
import dev.signalyard.schemas.fleet.FleetLocation;
import dev.signalyard.schemas.fleet.Roundtrip;
import dev.signalyard.schemas.fleet.RoundtripSegment;
import dev.signalyard.schemas.fleet.Trip;
import java.util.List;

/**
 * Converts between the wire records (Trip, Roundtrip) and the aggregator's types.
 *
 * <p>Thread-safety: stateless.
 */
final class RoundtripRecords {

  private RoundtripRecords() {}

  /** The aggregator's view of a trip. */
  static TripLog tripLog(Trip trip) {
    return new TripLog(
        trip.getTripId(),
        trip.getStartTime(),
        trip.getEndTime(),
        trip.getStartLatitude(),
        trip.getStartLongitude(),
        trip.getEndLatitude(),
        trip.getEndLongitude(),
        trip.getDistanceKm());
  }

  /** The id of a vehicle's roundtrip: stable when the same roundtrip is emitted again. */
  static String id(long vehicleId, AggregatedRoundtrip roundtrip) {
    return vehicleId + "-" + roundtrip.start().toEpochMilli();
  }

  /**
   * The roundtrip as published: coordinates anonymised to its home spot, or, when it has none (an
   * in-between chunk), to the vehicle's location, or 0,0 when that is unknown too, so no real
   * coordinate of a trip ever leaves the topology.
   *
   * @param startLocationId the vehicle's location id (the reference's car.location), or null
   * @param vehicleLocation the vehicle's location, or null
   */
  static Roundtrip roundtrip(
      long vehicleId,
      AggregatedRoundtrip roundtrip,
      Long startLocationId,
      FleetLocation vehicleLocation) {
    double latitude = 0;
    double longitude = 0;
    StartPoint home = roundtrip.home();
    if (home != null) {
      latitude = home.latitude();
      longitude = home.longitude();
    } else if (vehicleLocation != null) {
      latitude = vehicleLocation.getLatitude();
      longitude = vehicleLocation.getLongitude();
    }
    List<RoundtripSegment> segments =
        roundtrip.trips().stream()
            .map(
                trip ->
                    RoundtripSegment.newBuilder()
                        .setTripId(trip.id())
                        .setDistanceKm(trip.distanceKm())
                        .setStartTime(trip.start())
                        .setEndTime(trip.end())
                        .build())
            .toList();
    return Roundtrip.newBuilder()
        .setId(id(vehicleId, roundtrip))
        .setVehicleId(vehicleId)
        .setStartTime(roundtrip.start())
        .setEndTime(roundtrip.end())
        .setStartLatitude(latitude)
        .setStartLongitude(longitude)
        .setEndLatitude(latitude)
        .setEndLongitude(longitude)
        .setDistanceKm(roundtrip.distanceKm())
        .setAggregationType(AggregationType.valueOf(roundtrip.type().name()))
        .setStartLocationId(startLocationId)
        .setSegments(segments)
        .setDeleted(false)
        .build();
  }
}
