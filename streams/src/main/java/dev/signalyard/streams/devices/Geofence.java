package dev.signalyard.streams.devices;

/**
 * A named circle on the earth, for geofence enter/exit events.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name unique name, carried by the events
 * @param latitude centre, decimal degrees
 * @param longitude centre, decimal degrees
 * @param radiusMeters radius, metres
 */
public record Geofence(String name, double latitude, double longitude, double radiusMeters) {

  private static final double EARTH_RADIUS_METERS = 6_371_008.8;

  /** Validates at binding, so a typo in the configuration fails start-up. */
  public Geofence {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("geofence name must not be blank");
    }
    if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
      throw new IllegalArgumentException("geofence " + name + ": centre out of range");
    }
    if (!(radiusMeters > 0)) {
      throw new IllegalArgumentException("geofence " + name + ": radius must be positive");
    }
  }

  /** Whether the point lies inside the circle (great-circle distance, spherical earth). */
  public boolean contains(double lat, double lon) {
    double phi1 = Math.toRadians(latitude);
    double phi2 = Math.toRadians(lat);
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(lon - longitude);
    double a =
        Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
            + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
    double distance = 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    return distance <= radiusMeters;
  }
}
