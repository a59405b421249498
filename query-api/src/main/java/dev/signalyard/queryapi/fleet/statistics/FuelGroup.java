package dev.signalyard.queryapi.fleet.statistics;

/**
 * What a fuel type id burns, as the reference's {@code fuel_types.refers_to}: hybrids and plug-ins
 * count as their fossil fuel, the electric ids as electricity. Used to split km and emissions by
 * fuel.
 *
 * <p>Thread-safety: immutable.
 */
public enum FuelGroup {
  PETROL("petrol"),
  DIESEL("diesel"),
  ELECTRIC("electric"),
  HVO("hvo"),
  BIKE("bike"),
  UNKNOWN("unknown");

  private final String label;

  FuelGroup(String label) {
    this.label = label;
  }

  /** The name used in JSON keys. */
  public String label() {
    return label;
  }

  /** The group of fuel id {@code fuelId} (1 petrol ... 11 HVO), {@link #UNKNOWN} when null. */
  public static FuelGroup of(Integer fuelId) {
    if (fuelId == null) {
      return UNKNOWN;
    }
    return switch (fuelId) {
      case 1, 4, 5, 9 -> PETROL;
      case 2, 6 -> DIESEL;
      case 3, 7, 8 -> ELECTRIC;
      case 10 -> BIKE;
      case 11 -> HVO;
      default -> UNKNOWN;
    };
  }
}
