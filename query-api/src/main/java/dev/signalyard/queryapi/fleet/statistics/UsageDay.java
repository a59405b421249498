package dev.signalyard.queryapi.fleet.statistics;

import dev.signalyard.schemas.fleet.FleetDailyUsage;

/**
 * One vehicle's usage on one UTC day, the compact in-memory form of a {@link FleetDailyUsage}
 * record.
 *
 * <p>Immutable and thread-safe.
 *
 * @param vehicleId the vehicle
 * @param epochDay the day, days since 1970-01-01
 * @param locationId the roundtrips' start location, null when unknown
 * @param fuelId the vehicle's fuel id when the day was last updated, null when unknown
 * @param km km driven
 * @param roundtrips roundtrips started
 * @param drivingSeconds seconds of driving
 * @param co2eKg emissions, kg CO2e
 */
public record UsageDay(
    long vehicleId,
    long epochDay,
    Long locationId,
    Integer fuelId,
    double km,
    int roundtrips,
    long drivingSeconds,
    double co2eKg) {

  static UsageDay of(FleetDailyUsage usage) {
    return new UsageDay(
        usage.getVehicleId(),
        usage.getDate().toEpochDay(),
        usage.getLocationId(),
        usage.getFuelId(),
        usage.getKm(),
        usage.getRoundtrips(),
        usage.getDrivingSeconds(),
        usage.getCo2eKg());
  }

  /** Whether the vehicle was used that day. */
  public boolean used() {
    return km > 0 || roundtrips > 0 || drivingSeconds > 0;
  }
}
