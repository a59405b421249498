package dev.signalyard.ingest.fleet;

/**
 * A vehicle as a fleet-management system lists it. Immutable, so thread-safe.
 *
 * @param id The system's id of the vehicle, which is also ours (fleet-trips key).
 * @param account Which configured account it belongs to: SKYHOST_V2's account id, otherwise the
 *     1-based position of the key in the extractor's key list. Never the key itself.
 * @param plate Number plate, or null when the system does not tell.
 * @param imei Tracker IMEI, or null when the system does not tell.
 * @param home Home parking spot, or null when the system has none.
 * @param yearlyLeaseCost Lease cost per year (MILEAGEBOOK: FixedLeasePayment × 12), or null.
 */
public record FleetSystemVehicle(
    long id, String account, String plate, String imei, Home home, Double yearlyLeaseCost) {

  /** A home parking spot, WGS84 degrees. */
  public record Home(double latitude, double longitude) {}
}
