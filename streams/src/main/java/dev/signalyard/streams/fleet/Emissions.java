package dev.signalyard.streams.fleet;

import dev.signalyard.schemas.fleet.FleetVehicle;

/**
 * Emissions of driven km by a vehicle's fuel and WLTP consumption, as the reference computes them:
 * fossil cars burn {@code km / wltpFossil} litres times the fuel's factor, electric cars use {@code
 * km * wltpEl / 1000} kWh times the electricity factor, bikes emit nothing. Fuel ids follow the
 * reference's fuel_types and their {@code refers_to}: 1, 4, 5, 9 petrol; 2, 6 diesel; 11 HVO; 3, 7,
 * 8 electricity; 10 bike.
 *
 * <p>Thread-safety: stateless.
 */
final class Emissions {

  private Emissions() {}

  /**
   * Kg CO2e of {@code km} driven by {@code vehicle}; 0 for a bike, an unknown vehicle or fuel, or a
   * missing WLTP figure (the reference cannot compute those either).
   */
  static double co2eKg(FleetVehicle vehicle, double km, FleetSettingValues settings) {
    if (vehicle == null || vehicle.getFuelId() == null || km <= 0) {
      return 0;
    }
    return switch (vehicle.getFuelId()) {
      case 1, 4, 5, 9 -> litres(vehicle, km) * settings.petrolKgPerLitre();
      case 2, 6 -> litres(vehicle, km) * settings.dieselKgPerLitre();
      case 11 -> litres(vehicle, km) * settings.hvoKgPerLitre();
      case 3, 7, 8 -> kwh(vehicle, km) * settings.electricityKgPerKwh();
      default -> 0;
    };
  }

  private static double litres(FleetVehicle vehicle, double km) {
    Double kmPerLitre = vehicle.getWltpFossil();
    return kmPerLitre == null || kmPerLitre <= 0 ? 0 : km / kmPerLitre;
  }

  private static double kwh(FleetVehicle vehicle, double km) {
    Double whPerKm = vehicle.getWltpEl();
    return whPerKm == null || whPerKm <= 0 ? 0 : km * whPerKm / 1000;
  }
}
