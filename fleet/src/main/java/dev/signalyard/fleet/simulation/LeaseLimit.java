package dev.signalyard.fleet.simulation;

/**
 * The {@code limit_km} rule of cars: a car rejects a trip when its km including the trip, scaled to
 * a year, exceed 115 % of its leased {@code km_aar}. Immutable.
 *
 * @param enabled whether {@code limit_km} was asked for
 * @param periodDays the period length in days ({@link PeriodDays})
 */
record LeaseLimit(boolean enabled, double periodDays) {
  /** Tolerance over the leased km: 15 %. */
  static final double TOLERANCE = 1.15;

  /** True when the car may drive {@code tripKm} more after {@code kmSoFar}. */
  boolean allows(Vehicle vehicle, double kmSoFar, double tripKm) {
    if (!enabled || vehicle.kmAar() == null) {
      return true;
    }
    return PeriodDays.yearly(kmSoFar + tripKm, periodDays) <= TOLERANCE * vehicle.kmAar();
  }
}
