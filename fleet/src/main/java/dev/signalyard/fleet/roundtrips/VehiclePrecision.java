package dev.signalyard.fleet.roundtrips;

/**
 * The live precision test's result for one vehicle.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rawKm km of the raw trips between the start of the first and the end of the last roundtrip
 * @param completeKm km of the complete roundtrips
 * @param precision {@code completeKm / rawKm} as a fraction, 0 when there are no raw km
 */
public record VehiclePrecision(double rawKm, double completeKm, double precision) {}
