package dev.signalyard.fleet.simulation;

import java.util.Objects;

/**
 * A vehicle of the current or the simulated fleet, with the attributes the simulation uses (the
 * {@code cars} table). Immutable.
 *
 * @param id car id ({@code cars.id}); clones of one simulated car share it
 * @param name display name with plate, e.g. {@code "Toyota Yaris (AB12345)"}
 * @param type vehicle kind
 * @param fuelId {@code fuel_types} id, may be null (then derived from the type)
 * @param wltpFossil fossil consumption in km per litre (fossil cars)
 * @param wltpEl electric consumption in Wh per km (EVs)
 * @param capacityDecrease range loss in percent (EVs), null for none
 * @param rangeKm range in km (EV full charge; bike daily range), null for the default
 * @param omkostningAar fixed yearly cost in DKK excluding fuel, null for 0
 * @param kmAar leased km per year, null for no limit
 * @param sleepHours hours an EV needs to charge per day, null for the default 7
 */
public record Vehicle(
    long id,
    String name,
    VehicleType type,
    Integer fuelId,
    Double wltpFossil,
    Double wltpEl,
    Double capacityDecrease,
    Double rangeKm,
    Double omkostningAar,
    Double kmAar,
    Double sleepHours) {
  public Vehicle {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** Range of an EV without a recorded range, km. */
  public static final double DEFAULT_EV_RANGE_KM = 500;

  /** Charging hours per day of an EV without a recorded {@code sleep}. */
  public static final double DEFAULT_SLEEP_HOURS = 7;

  /**
   * Usable range in km: {@code range × (1 − capacity_decrease / 100)}, with {@link
   * #DEFAULT_EV_RANGE_KM} when the range is unknown.
   */
  public double usableRangeKm() {
    double range = rangeKm == null || rangeKm.isNaN() ? DEFAULT_EV_RANGE_KM : rangeKm;
    double decrease = capacityDecrease == null || capacityDecrease.isNaN() ? 0 : capacityDecrease;
    return range * (1 - decrease / 100);
  }

  /** Charging hours per day: {@code sleep}, or {@link #DEFAULT_SLEEP_HOURS} when unknown. */
  public double chargingHours() {
    return sleepHours == null || sleepHours.isNaN() ? DEFAULT_SLEEP_HOURS : sleepHours;
  }

  /** Fixed yearly cost in DKK, 0 when unknown. */
  public double fixedYearlyCost() {
    return omkostningAar == null ? 0 : omkostningAar;
  }
}
