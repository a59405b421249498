package dev.signalyard.fleet.simulation;

/**
 * What a vehicle burns, as the cost model sees it: the {@code fuel_types} ids of the database
 * collapse onto these through their {@code refers_to} column. Immutable.
 */
public enum Fuel {
  PETROL,
  DIESEL,
  ELECTRICITY,
  HVO,
  NONE;

  /**
   * Maps a {@code fuel_types} id: 1, 4, 5, 9 petrol; 2, 6 diesel; 3, 7, 8 electricity; 10 bike
   * (none); 11 HVO.
   *
   * @throws IllegalArgumentException for an unknown id
   */
  public static Fuel ofDbId(int fuelId) {
    return switch (fuelId) {
      case 1, 4, 5, 9 -> PETROL;
      case 2, 6 -> DIESEL;
      case 3, 7, 8 -> ELECTRICITY;
      case 10 -> NONE;
      case 11 -> HVO;
      default -> throw new IllegalArgumentException("unknown fuel id " + fuelId);
    };
  }

  /**
   * The fuel of a vehicle: bikes burn none, EVs electricity, a fossil car its fuel id (petrol when
   * the id is missing).
   */
  public static Fuel of(Vehicle vehicle) {
    return switch (vehicle.type()) {
      case BIKE, EBIKE -> NONE;
      case EV -> ELECTRICITY;
      case FOSSIL -> {
        Fuel fuel = vehicle.fuelId() == null ? PETROL : ofDbId(vehicle.fuelId());
        yield fuel == ELECTRICITY || fuel == NONE ? PETROL : fuel;
      }
    };
  }
}
