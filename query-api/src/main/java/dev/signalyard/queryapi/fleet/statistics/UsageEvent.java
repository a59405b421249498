package dev.signalyard.queryapi.fleet.statistics;

import dev.signalyard.schemas.fleet.FleetDailyUsage;
import java.time.LocalDate;

/**
 * The data of a {@code usage} event of the statistics stream: one vehicle's changed day.
 *
 * <p>Immutable and thread-safe.
 */
public record UsageEvent(
    long vehicleId,
    LocalDate date,
    Long locationId,
    Integer fuelId,
    double km,
    int roundtrips,
    long drivingSeconds,
    double co2eKg) {

  static UsageEvent of(FleetDailyUsage usage) {
    return new UsageEvent(
        usage.getVehicleId(),
        usage.getDate(),
        usage.getLocationId(),
        usage.getFuelId(),
        usage.getKm(),
        usage.getRoundtrips(),
        usage.getDrivingSeconds(),
        usage.getCo2eKg());
  }
}
