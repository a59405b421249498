package dev.signalyard.fleet.roundtrips;

import java.time.Instant;

/**
 * One raw GPS log point with the ignition state, as PUMA-style systems deliver it; {@link
 * LogsToTrips} turns a vehicle's points into trips.
 *
 * <p>Immutable and thread-safe.
 *
 * @param time when the point was recorded
 * @param latitude latitude, degrees
 * @param longitude longitude, degrees
 * @param ignition whether the ignition was on
 */
public record GpsPoint(Instant time, double latitude, double longitude, boolean ignition) {}
