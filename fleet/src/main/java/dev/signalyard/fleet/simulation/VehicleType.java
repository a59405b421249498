package dev.signalyard.fleet.simulation;

/**
 * The four vehicle kinds of the fleet, with their database ids ({@code vehicle_types}). Immutable.
 */
public enum VehicleType {
  BIKE(1, "Cykel"),
  EBIKE(2, "Elcykel"),
  EV(3, "Elbil"),
  FOSSIL(4, "Fossilbil");

  private final int dbId;
  private final String displayName;

  VehicleType(int dbId, String displayName) {
    this.dbId = dbId;
    this.displayName = displayName;
  }

  /** The id of this type in the {@code vehicle_types} table (1 to 4). */
  public int dbId() {
    return dbId;
  }

  /** The Danish name used as key in the distance distributions. */
  public String displayName() {
    return displayName;
  }

  /** True for bikes and e-bikes, which have no fuel and come first in the vehicle order. */
  public boolean isBike() {
    return this == BIKE || this == EBIKE;
  }

  /**
   * The type with the given database id.
   *
   * @throws IllegalArgumentException when no type has that id
   */
  public static VehicleType ofDbId(int dbId) {
    for (VehicleType type : values()) {
      if (type.dbId == dbId) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown vehicle type id " + dbId);
  }
}
