package dev.signalyard.fleet.simulation;

/**
 * The yearly cost formulas (year 1 of the Miljøstyrelsen/POGI TCO tool, 4 % discount): fuel use,
 * running cost, CO2e, societal cost of CO2e and the mileage allowance of the employee's own car.
 * Every formula is in {@code docs/simulation.md}. Immutable and thread-safe.
 */
public final class TcoCalculator {
  /** Discount factor of year 1 (4 %). */
  public static final double DISCOUNT = 1.04;

  /** Yearly km at which vehicles are compared for the vehicle order. */
  public static final double ORDER_KM = 10_000;

  private final SimulationSettings settings;

  public TcoCalculator(SimulationSettings settings) {
    this.settings = settings;
  }

  /**
   * Fuel a vehicle burns on {@code km}: litres ({@code km / wltp_fossil}) for a fossil car, kWh
   * ({@code km × wltp_el / 1000}) for an EV, 0 for bikes.
   */
  public double fuelUnits(Vehicle vehicle, double km) {
    return switch (vehicle.type()) {
      case BIKE, EBIKE -> 0;
      case EV -> km * orZero(vehicle.wltpEl()) / 1000;
      case FOSSIL -> {
        double kml = orZero(vehicle.wltpFossil());
        yield kml > 0 ? km / kml : 0;
      }
    };
  }

  /** Running cost in DKK: fuel × price / 1.04. */
  public double runningCost(Vehicle vehicle, double km) {
    return fuelUnits(vehicle, km) * settings.price(Fuel.of(vehicle)) / DISCOUNT;
  }

  /** CO2e in tonnes: fuel × emission factor / 1000. */
  public double co2eTonnes(Vehicle vehicle, double km) {
    return fuelUnits(vehicle, km) * settings.emissionFactor(Fuel.of(vehicle)) / 1000;
  }

  /** Societal cost of CO2e in DKK: tonnes × {@code vaerdisaetning_tons_co2} / 1.04. */
  public double societalCost(double co2eTonnes) {
    return co2eTonnes * settings.vaerdisaetningTonsCo2() / DISCOUNT;
  }

  /**
   * Mileage allowance in DKK for yearly km driven in employees' own cars: {@code low} per km up to
   * {@code distance_threshold}, {@code high} per km above.
   */
  public double mileageAllowance(double yearlyKm) {
    double atLow = Math.min(yearlyKm, settings.distanceThreshold());
    double atHigh = Math.max(0, yearlyKm - settings.distanceThreshold());
    return atLow * settings.low() + atHigh * settings.high();
  }

  /**
   * Fuel of the employee's car ({@code undriven_type}, {@code undriven_wltp}) on {@code km}: litres
   * ({@code km / undriven_wltp}), or kWh ({@code km × undriven_wltp / 1000}) for {@code el}.
   */
  public double employeeCarFuelUnits(double km) {
    return settings.undrivenFuel() == Fuel.ELECTRICITY
        ? km * settings.undrivenWltp() / 1000
        : km / settings.undrivenWltp();
  }

  /** CO2e in tonnes of the employee's car on {@code km}. */
  public double employeeCarCo2eTonnes(double km) {
    return employeeCarFuelUnits(km) * settings.emissionFactor(settings.undrivenFuel()) / 1000;
  }

  /** WLTP figure shown for a vehicle: km/l for fossil cars, Wh/km for EVs, 0 for bikes. */
  public static double wltp(Vehicle vehicle) {
    return switch (vehicle.type()) {
      case BIKE, EBIKE -> 0;
      case EV -> orZero(vehicle.wltpEl());
      case FOSSIL -> orZero(vehicle.wltpFossil());
    };
  }

  /** Grams CO2e per km, computed at {@link #ORDER_KM}; 0 for bikes. */
  public double gramsPerKm(Vehicle vehicle) {
    return co2eTonnes(vehicle, ORDER_KM) * 1_000_000 / ORDER_KM;
  }

  /** DKK per km at {@link #ORDER_KM}: (omkostning_aar + running cost + societal cost) / 10,000. */
  public double costPerKm(Vehicle vehicle) {
    double tonnes = co2eTonnes(vehicle, ORDER_KM);
    return (vehicle.fixedYearlyCost() + runningCost(vehicle, ORDER_KM) + societalCost(tonnes))
        / ORDER_KM;
  }

  private static double orZero(Double value) {
    return value == null || value.isNaN() ? 0 : value;
  }
}
