package dev.signalyard.fleet.roundtrips;

/**
 * How a roundtrip came about; only {@link #COMPLETE} roundtrips count towards a location's
 * precision.
 */
public enum AggregationType {
  /** Left a home and came back to it. */
  COMPLETE,
  /** Trips driven between roundtrips that do not start at a home, chunked by stops. */
  INBETWEEN,
  /** A roundtrip that stayed open longer than the allowed duration, chunked by stops. */
  TOO_LONG,
  /** Left one home and ended at another home without returning in time. */
  LOCATION_CHANGE,
  /** Re-split afterwards because it was implausibly slow or a long non-complete roundtrip. */
  FORCEFULLY_SPLIT
}
