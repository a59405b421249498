package dev.signalyard.fleet.roundtrips;

/**
 * A named test position placed by km offsets from a reference point (central Copenhagen), so
 * fixtures read as "2 km east of home" rather than as raw coordinates.
 */
record Place(double latitude, double longitude) {

  static final Place HOME = new Place(55.6761, 12.5683);
  private static final double KM_PER_DEGREE = Math.PI * Haversine.EARTH_RADIUS_KM / 180.0;

  /** A place {@code northKm} north and {@code eastKm} east of this one. */
  Place offset(double northKm, double eastKm) {
    double latitudeDelta = northKm / KM_PER_DEGREE;
    double longitudeDelta = eastKm / (KM_PER_DEGREE * Math.cos(Math.toRadians(latitude)));
    return new Place(latitude + latitudeDelta, longitude + longitudeDelta);
  }

  StartPoint asStart(long locationId) {
    return new StartPoint(locationId, latitude, longitude);
  }
}
