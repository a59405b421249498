package dev.signalyard.fleet.roundtrips;

/**
 * When the "last trip ended near home" flag ({@code force_end}) is cleared. Only {@link
 * #ON_EVERY_CLOSE} is correct; the others exist to compare with the reference and to show why
 * clearing on complete closes alone is not enough.
 */
enum ForceEndReset {
  /**
   * The reference's defect: cleared only when the flag itself closed the roundtrip, not when the
   * roundtrip closed because the next trip started at home (nor on too-long or location-change
   * closes).
   */
  REFERENCE,
  /** A partial fix: cleared only when a complete roundtrip closes. */
  ON_COMPLETE,
  /** The fix: cleared on every close (complete, too long, location change). */
  ON_EVERY_CLOSE
}
