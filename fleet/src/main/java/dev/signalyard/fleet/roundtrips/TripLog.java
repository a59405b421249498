package dev.signalyard.fleet.roundtrips;

import java.time.Instant;

/**
 * One A-to-B trip as a fleet-management system reports it: the input of roundtrip aggregation and
 * the segment a roundtrip is made of.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the fleet system's trip id (or one made by {@link LogsToTrips})
 * @param start when the trip started
 * @param end when the trip ended
 * @param startLatitude latitude of the start point, degrees
 * @param startLongitude longitude of the start point, degrees
 * @param endLatitude latitude of the end point, degrees
 * @param endLongitude longitude of the end point, degrees
 * @param distanceKm driven distance in km
 */
public record TripLog(
    String id,
    Instant start,
    Instant end,
    double startLatitude,
    double startLongitude,
    double endLatitude,
    double endLongitude,
    double distanceKm) {}
