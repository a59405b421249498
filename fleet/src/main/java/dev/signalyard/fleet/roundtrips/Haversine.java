package dev.signalyard.fleet.roundtrips;

/**
 * Great-circle distance on a sphere of radius 6371 km, the distance measure of the whole
 * aggregation (closest start, home criteria, bird flight, GPS logs).
 *
 * <p>Stateless and thread-safe.
 */
public final class Haversine {

  /** The mean earth radius the reference uses, km. */
  public static final double EARTH_RADIUS_KM = 6371.0;

  private Haversine() {}

  /**
   * The haversine distance between two points.
   *
   * @param lat1 latitude of the first point, degrees
   * @param lon1 longitude of the first point, degrees
   * @param lat2 latitude of the second point, degrees
   * @param lon2 longitude of the second point, degrees
   * @return the distance in km
   */
  public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    return kmOfTerm(term(phi1, Math.cos(phi1), phi2, Math.cos(phi2), Math.toRadians(lon2 - lon1)));
  }

  /**
   * The haversine term {@code a} (the squared half chord) of two points given in radians with their
   * latitudes' cosines. It grows with the distance, so distances can be compared through it without
   * the costly arc sine; see {@link #termOfKm} and {@link #kmOfTerm}.
   */
  static double term(double phi1, double cosPhi1, double phi2, double cosPhi2, double deltaLambda) {
    double sinHalfDeltaPhi = Math.sin((phi2 - phi1) * 0.5);
    double sinHalfDeltaLambda = Math.sin(deltaLambda * 0.5);
    return sinHalfDeltaPhi * sinHalfDeltaPhi
        + cosPhi1 * cosPhi2 * sinHalfDeltaLambda * sinHalfDeltaLambda;
  }

  /** The distance in km of a haversine term. */
  static double kmOfTerm(double term) {
    return 2.0 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(term)));
  }

  /** The haversine term of a distance in km: {@code d <= km} exactly when {@code a <= termOfKm}. */
  static double termOfKm(double km) {
    double sinHalf = Math.sin(km / (2.0 * EARTH_RADIUS_KM));
    return sinHalf * sinHalf;
  }
}
