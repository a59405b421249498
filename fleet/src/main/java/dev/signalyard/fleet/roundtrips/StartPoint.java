package dev.signalyard.fleet.roundtrips;

/**
 * A spot where a roundtrip may start and end: a location's main parking spot or one of its
 * additional spots. Additional spots carry the id of their <em>parent</em> location, so that a
 * roundtrip anchored at any spot of a location belongs to that location.
 *
 * <p>Immutable and thread-safe.
 *
 * @param locationId the id of the location (the parent for an additional spot)
 * @param latitude latitude, degrees
 * @param longitude longitude, degrees
 */
public record StartPoint(long locationId, double latitude, double longitude) {}
